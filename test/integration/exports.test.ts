// A profile exported from Palette as JSON, in a real VS Code: checked where it is, then converted to profile YAML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { closeAllEditors, openInEditor, paletteDiagnostics, waitFor, workspaceUri, writeWorkspaceFile } from './util';

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('JSON exports', () => {
  const exported = () => workspaceUri('edge-retail', 'edge-retail-export.json');
  afterEach(async () => {
    // The converted profile is an unsaved editor: close it without the save prompt.
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme !== 'untitled') continue;
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  it('checks the export as a profile, with diagnostics and impact hints in the JSON', async () => {
    const editor = await openInEditor(exported());
    const document = editor.document;
    assert.equal(document.languageId, 'json', 'the export keeps its JSON language');
    const orphaned = await waitFor('the orphaned-resources finding', () => paletteDiagnostics(document.uri).find((d) => codeOf(d) === 'orphaned-resources'));
    assert.match(document.lineAt(orphaned.range.start.line).text, /"name": "hello-universe"/);
    const hints = await waitFor('a repave hint', async () => {
      const all = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0))) ?? [];
      return all.some((h) => /repave/.test(labelOf(h))) ? all : undefined;
    });
    // The registry change repaves through options.system.uri: its hint sits on the os pack's values line.
    const repave = hints.find((h) => /repave/.test(labelOf(h)))!;
    assert.match(document.lineAt(repave.position.line).text, /"values": "pack:\\n {2}content:.*system\.registry: harbor\.retail\.example\.com\/edge/);
  });

  it('offers Convert to Profile YAML as a code action, and the command opens the profile beside it, unsaved', async () => {
    const editor = await openInEditor(exported());
    await waitFor('the first check', () => paletteDiagnostics(editor.document.uri).length > 0 || undefined);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(20, 0, 20, 0));
    const convert = actions?.find((a) => a.title === 'Convert to Profile YAML');
    assert.ok(convert?.command, JSON.stringify(actions?.map((a) => a.title)));
    await vscode.commands.executeCommand(convert.command.command, ...(convert.command.arguments ?? []));
    const converted = await waitFor('the converted profile', () => vscode.window.activeTextEditor?.document.uri.scheme === 'untitled' ? vscode.window.activeTextEditor.document : undefined);
    assert.equal(converted.languageId, 'palette-profile');
    assert.equal(converted.uri.path.split('/').pop(), 'edge-retail-export.profile.yaml');
    assert.match(converted.getText(), /^ {8}values: \|-\n {10}pack:\n/m);
    assert.deepEqual(parse(converted.getText()), JSON.parse(editor.document.getText()));
    // Nothing written: the user saves it where they want.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(converted.uri.with({ scheme: 'file' }))));
    // The server checks it like any profile: the same update finding, now in the YAML.
    const orphaned = await waitFor('the finding on the converted profile', () => paletteDiagnostics(converted.uri).find((d) => codeOf(d) === 'orphaned-resources'));
    assert.match(converted.lineAt(orphaned.range.start.line).text, /- name: hello-universe/);
  });

  it('names the profile after the export, past names that files already take', async () => {
    const text = JSON.stringify(JSON.parse((await vscode.workspace.openTextDocument(exported())).getText()));
    const json = await writeWorkspaceFile('scratch/exports/ML Ops.json', text);
    const taken = await writeWorkspaceFile('scratch/exports/ML Ops.profile.yaml', '# mine\n');
    await openInEditor(json);
    await vscode.commands.executeCommand('paletteProfileStudio.convertToProfileYaml');
    const converted = await waitFor('the converted profile', () => vscode.window.activeTextEditor?.document.uri.scheme === 'untitled' ? vscode.window.activeTextEditor.document : undefined);
    assert.equal(converted.uri.path.split('/').pop(), 'ML Ops-2.profile.yaml');
    assert.deepEqual(parse(converted.getText()), JSON.parse(text));
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(taken)), '# mine\n');
  });
});
