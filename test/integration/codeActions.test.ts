// Code actions in the real VS Code: asked for through the editor's provider and applied as WorkspaceEdits, on scratch copies of the example.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, paletteDiagnostics, waitFor, workspaceUri, writeWorkspaceFile } from './util';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('code actions', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    // A copy of edge-retail 1.1.0: the store's 1.0.0 is its baseline, as for the example itself.
    const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('edge-retail', 'edge-retail.profile.yaml')));
    const text = example.replace("password: '{{.spectro.var.registry_password}}'", 'password: {{.spectro.var.registry_password}}').replace(/(name: hello-universe\n(?:.*\n){2}\s+tag: )1\.0\.0/, '$11.2.x');
    assert.notEqual(text, example);
    uri = await writeWorkspaceFile('actions-scratch/retail.profile.yaml', text);
    document = (await openInEditor(uri)).document;
    await waitFor('the variable-unquoted diagnostic', () => paletteDiagnostics(uri).some((d) => codeOf(d) === 'variable-unquoted') || undefined);
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('actions-scratch'), { recursive: true, useTrash: false });
  });

  const lineOf = (needle: string) => {
    const line = document.getText().split('\n').findIndex((l) => l.includes(needle));
    assert.ok(line >= 0, needle);
    return line;
  };
  const actionsAt = async (range: vscode.Range) => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  /** The action titled `title` (waiting for the server's plan), applied as VS Code applies it. */
  const apply = async (range: vscode.Range, title: string | RegExp) => {
    const action = await waitFor(`the action ${String(title)}`, async () => (await actionsAt(range)).find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title))));
    assert.ok(action.edit, action.title);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await document.save();
    return action;
  };

  it('quotes a profile variable as the preferred quick fix of its diagnostic', async () => {
    const warning = paletteDiagnostics(uri).find((d) => codeOf(d) === 'variable-unquoted')!;
    const action = await apply(warning.range, /^Single-quote the value holding/);
    assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(action.isPreferred, true);
    assert.match(document.getText(), /password: '\{\{\.spectro\.var\.registry_password\}\}'/);
    await waitFor('the warning to go', () => !paletteDiagnostics(uri).some((d) => codeOf(d) === 'variable-unquoted') || undefined);
  });

  it('reverts a changed value to the baseline, naming the repave it undoes', async () => {
    const line = lineOf('system.registry:');
    await apply(new vscode.Range(line, 14, line, 14), "Revert edge-native-byoi: options.system.registry to 'ttl.sh' (undo this repave)");
    assert.equal(document.lineAt(line).text, '            system.registry: ttl.sh');
  });

  it('pins a floating tag to the version of the workspace pack folder', async () => {
    const line = lineOf('tag: 1.2.x');
    await apply(new vscode.Range(line, 10, line, 10), 'Pin hello-universe to 1.2.0 (newest known of 1.2.x)');
    assert.equal(document.lineAt(line).text, '        tag: 1.2.0');
  });

  it('bumps spec.version', async () => {
    const line = lineOf('version: 1.1.0');
    const titles = (await actionsAt(new vscode.Range(line, 4, line, 4))).map((a) => a.title).filter((t) => t.startsWith('Bump'));
    assert.deepEqual(titles, ['Bump version to 1.1.1 (patch)', 'Bump version to 1.2.0 (minor)', 'Bump version to 2.0.0 (major)']);
    await apply(new vscode.Range(line, 4, line, 4), 'Bump version to 2.0.0 (major)');
    assert.equal(document.lineAt(line).text, '  version: 2.0.0');
  });

  it('replaces a value outside an enum, the closest allowed value preferred', async () => {
    const line = lineOf('layer: addon');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(line).range, '        layer: adon');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const problem = await waitFor('the enum diagnostic', () => paletteDiagnostics(uri).find((d) => codeOf(d) === 'schema' && d.message.includes("'adon'")));
    const fixes = await waitFor('the enum fixes', async () => {
      const found = (await actionsAt(problem.range)).filter((a) => a.title.startsWith('Change to'));
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(fixes.filter((a) => a.isPreferred).map((a) => a.title), ["Change to 'addon'"]);
    await apply(problem.range, "Change to 'addon'");
    assert.equal(document.lineAt(line).text, '        layer: addon');
    await waitFor('the enum diagnostic to go', () => !paletteDiagnostics(uri).some((d) => d.message.includes("'adon'")) || undefined);
  });
});
