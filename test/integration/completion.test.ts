// Completions in the real editor: the example profile's enums, embedded values, macros and pack folder versions, and an accepted key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, waitFor, workspaceUri, writeWorkspaceFile } from './util';

let count = 0;

/** Writes the example with one `‸` edit as a scratch profile, opens it and returns the caret position. */
async function scratch(find: string, replace: string): Promise<{ uri: vscode.Uri; editor: vscode.TextEditor; position: vscode.Position }> {
  const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('edge-retail', 'edge-retail.profile.yaml')));
  assert.equal(example.split(find).length, 2, `fixture text not found exactly once: ${find}`);
  const marked = example.replace(find, replace);
  const offset = marked.indexOf('‸');
  const uri = await writeWorkspaceFile(`scratch/completion-${++count}.profile.yaml`, marked.slice(0, offset) + marked.slice(offset + 1));
  const editor = await openInEditor(uri);
  return { uri, editor, position: editor.document.positionAt(offset) };
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** Polls until the server answers with at least one item (it may still be starting). */
async function completionsAt(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  return waitFor('completions', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
    const ours = list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text);
    return ours.length ? ours : undefined;
  });
}

describe('completion', () => {
  afterEach(closeAllEditors);

  it('offers the layers on layer: with the schema description', async () => {
    const { uri, position } = await scratch('        layer: csi\n', '        layer: ‸\n');
    const items = await completionsAt(uri, position, ' ');
    const labels = items.map(labelOf);
    for (const layer of ['os', 'k8s', 'cni', 'csi', 'addon']) assert.ok(labels.includes(layer), labels.join());
    const csi = items.find((i) => labelOf(i) === 'csi')!;
    assert.equal(csi.kind, vscode.CompletionItemKind.EnumMember);
    assert.match(typeof csi.documentation === 'string' ? csi.documentation : (csi.documentation?.value ?? ''), /Layer of the stack/);
  });

  it('offers the Edge OS keys inside the embedded values, by the indentation of a new line', async () => {
    const { uri, position } = await scratch('              deleteLocalData: true\n', '              deleteLocalData: true\n              ‸\n');
    const labels = (await completionsAt(uri, position)).map(labelOf);
    assert.ok(labels.includes('force') && labels.includes('disableEviction'), labels.join());
    assert.ok(!labels.includes('cordon'), 'a key already written is offered again');
  });

  it('offers the pack names of the profile after {{ .spectro.pack.', async () => {
    const { uri, position } = await scratch('- image: "{{.spectro.pack.edge-native-byoi.options.system.uri}}"', '- image: "{{.spectro.pack.‸}}"');
    const items = await completionsAt(uri, position, '.');
    const labels = items.map(labelOf);
    assert.ok(labels.includes('edge-k3s') && labels.includes('hello-universe'), labels.join());
  });

  it('offers the versions of the workspace pack folder on tag:', async () => {
    const { uri, position } = await scratch('        tag: 1.0.0\n', '        tag: ‸\n');
    const labels = (await completionsAt(uri, position, ' ')).map(labelOf);
    assert.deepEqual(labels, ['1.2.0']);
  });

  it('writes an accepted key with its colon, and a mapping key with its next line indented deeper', async () => {
    const scalar = await scratch('              gracePeriod: 60\n', '              gracePeri‸\n');
    await accept(scalar.editor, scalar.position, (d) => d.lineAt(scalar.position.line).text === '              gracePeriod: ');
    await closeAllEditors();
    const mapping = await scratch('          pack:\n            k8sHardening: True\n', '          pack:\n            conte‸\n            k8sHardening: True\n');
    const line = mapping.position.line;
    await accept(mapping.editor, mapping.position, (d) => d.lineAt(line).text === '            content:' && d.lineAt(line + 1).text === '              ');
  });
});

/** Opens the suggest widget at the caret and accepts its first suggestion, until `done` holds. */
async function accept(editor: vscode.TextEditor, position: vscode.Position, done: (document: vscode.TextDocument) => boolean): Promise<void> {
  editor.selection = new vscode.Selection(position, position);
  await completionsAt(editor.document.uri, position);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await waitFor('the accepted suggestion', async () => {
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    return done(editor.document) || undefined;
  });
}
