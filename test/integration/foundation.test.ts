// The foundation in a real VS Code: activation, languages, diagnostics, hovers and commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import { caret, closeAllEditors, extensionId, openInEditor, paletteDiagnostics, setText, waitFor, workspaceUri, writeWorkspaceFile } from './util';
import { pressKeys } from './views-support';

const profile = `metadata:
  name: scratch
spec:
  version: 1.0.0
  template:
    cloudType: edge-native
    type: cluster
    packs:
      - name: edge-k3s
        layer: k8s
        tag: 1.30.5
        values: |-
          cluster:
            config: x
`;

describe('foundation', () => {
  afterEach(closeAllEditors);

  it('activates when a profile opens and starts the language server', async () => {
    await openInEditor(workspaceUri('edge-retail', 'edge-retail.profile.yaml'));
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(extension, 'extension not found');
    await waitFor('activation', () => extension.isActive);
    const client = await waitFor('a running language client', () => extension.exports.client()?.isRunning());
    assert.equal(client, true);
  });

  it('gives *.profile.yaml files the palette-profile language', async () => {
    const editor = await openInEditor(workspaceUri('edge-retail', 'edge-retail.profile.yaml'));
    assert.equal(editor.document.languageId, 'palette-profile');
  });

  it('gives pack.json the pack language', async () => {
    const editor = await openInEditor(workspaceUri('packs', 'hello-universe', 'pack.json'));
    assert.equal(editor.document.languageId, 'palette-pack-json');
  });

  it('claims values.yaml in a pack folder and leaves other values.yaml files as YAML', async () => {
    const pack = await vscode.workspace.openTextDocument(workspaceUri('packs', 'hello-universe', 'values.yaml'));
    await waitFor('the pack language on values.yaml', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === pack.uri.toString() && d.languageId === 'palette-pack-yaml'));
    const chartValues = await writeWorkspaceFile('scratch/chart/values.yaml', 'replicaCount: 1\n');
    const chart = await vscode.workspace.openTextDocument(chartValues);
    await new Promise((r) => setImmediate(r));
    assert.equal(chart.languageId, 'yaml');
  });

  it('reports a YAML syntax error at its exact range', async () => {
    const { text, offset } = caret(profile.replace('    type: cluster\n', '    type: cluster\n    bad: |[1, 2\n'));
    const uri = await writeWorkspaceFile('scratch/syntax.profile.yaml', text);
    await openInEditor(uri);
    const diagnostics = await waitFor('a syntax diagnostic', () => {
      const found = paletteDiagnostics(uri);
      return found.length ? found : undefined;
    });
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(String(typeof diagnostics[0].code === 'object' ? diagnostics[0].code.value : diagnostics[0].code), 'yaml-syntax');
    const document = await vscode.workspace.openTextDocument(uri);
    const expected = document.positionAt(offset);
    assert.ok(diagnostics.some((d) => d.range.start.line >= expected.line), `no diagnostic at or after line ${expected.line + 1}`);
  });

  it('clears the diagnostic once the error is fixed, for the latest version only', async () => {
    const uri = await writeWorkspaceFile('scratch/fix.profile.yaml', profile.replace('type: cluster', 'type: [cluster'));
    const editor = await openInEditor(uri);
    await waitFor('a syntax diagnostic', () => paletteDiagnostics(uri).length > 0 || undefined);
    // Several quick edits: only the last version's (empty) result may remain.
    for (let i = 0; i < 5; i++) await setText(editor, profile.replace('type: cluster', `type: [cluster${i}`));
    await setText(editor, profile);
    await waitFor('diagnostics to clear', () => paletteDiagnostics(uri).length === 0 || undefined);
  });

  it('reports no syntax problems on the clean example profile', async () => {
    const uri = workspaceUri('edge-retail', 'edge-retail-1.0.0.profile.yaml');
    await openInEditor(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const api = vscode.extensions.getExtension<ExtensionApi>(extensionId)!.exports;
    await waitFor('the server to check the example', () => api.validatedVersion(uri) === document.version || undefined);
    assert.deepEqual(paletteDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
  });

  it('reports a syntax error in pack.json', async () => {
    const uri = await writeWorkspaceFile('scratch/brokenpack/pack.json', '{\n  "name": "x",\n  "version": \n}\n');
    await openInEditor(uri);
    const diagnostics = await waitFor('a json diagnostic', () => {
      const found = paletteDiagnostics(uri);
      return found.length ? found : undefined;
    });
    assert.match(diagnostics[0].message, /JSON|Unexpected/i);
  });

  it('answers a hover on a key with its dotted path', async () => {
    const uri = await writeWorkspaceFile('scratch/hover.profile.yaml', profile);
    const document = (await openInEditor(uri)).document;
    const { offset } = caret(profile.replace('        tag: 1.30.5', '        t|ag: 1.30.5'));
    const hovers = await waitFor('a hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset));
      return found.length ? found : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /spec\.template\.packs\[0\]\.tag/);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['paletteProfileStudio.newProfile', 'paletteProfileStudio.restartServer', 'paletteProfileStudio.showOutput']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('New Cluster Profile opens the chosen starting point as an untitled profile that the server checks', async () => {
    await vscode.commands.executeCommand('paletteProfileStudio.newProfile', 'edge-rke2');
    const editor = await waitFor('the new profile editor', () => vscode.window.activeTextEditor);
    assert.equal(editor.document.languageId, 'palette-profile');
    assert.equal(editor.document.isUntitled, true);
    assert.match(editor.document.getText(), /name: edge-rke2\n/);
    assert.match(editor.document.getText(), /system\.k8sDistribution: rke2/);
    await setText(editor, 'metadata: [\n');
    await waitFor('a diagnostic on the untitled profile', () => paletteDiagnostics(editor.document.uri).length > 0 || undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('New Cluster Profile offers the starting points in a quick pick: typing PXK-E and Enter opens the PXK-E one, Escape opens nothing', async () => {
    pressKeys([{ type: 'PXK-E' }, { press: 'Enter' }], 'New Cluster Profile: start from');
    const editor = (await vscode.commands.executeCommand('paletteProfileStudio.newProfile')) as vscode.TextEditor | undefined;
    assert.ok(editor, 'no editor opened');
    assert.match(editor.document.getText(), /name: edge-k8s\n/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    pressKeys([{ press: 'Escape' }], 'New Cluster Profile: start from');
    assert.equal(await vscode.commands.executeCommand('paletteProfileStudio.newProfile'), undefined);
    assert.ok(!vscode.window.activeTextEditor?.document.isUntitled, 'Escape opened an untitled profile');
  });

  it('Restart Language Server brings the server back', async () => {
    const api = vscode.extensions.getExtension<ExtensionApi>(extensionId)!.exports;
    const before = api.client();
    await vscode.commands.executeCommand('paletteProfileStudio.restartServer');
    await waitFor('a new running client', () => (api.client() && api.client() !== before && api.client()!.isRunning()) || undefined);
    const uri = await writeWorkspaceFile('scratch/after-restart.profile.yaml', 'a: [\n');
    await openInEditor(uri);
    await waitFor('diagnostics from the restarted server', () => paletteDiagnostics(uri).length > 0 || undefined);
  });
});

describe('the engine in the editor', () => {
  afterEach(closeAllEditors);

  it('reports an unknown Kairos stage inside a values block at its own line and column', async () => {
    // The key is found by search: a caret marker would clash with the block scalar's own '|'.
    const text = profile.replace('        values: |-\n          cluster:\n', '        values: |-\n          stages:\n            bootz:\n              - name: x\n          cluster:\n');
    const offset = text.indexOf('bootz');
    const uri = await writeWorkspaceFile('scratch/embedded.profile.yaml', text);
    const document = (await openInEditor(uri)).document;
    const diagnostic = await waitFor('a schema diagnostic inside values', () => paletteDiagnostics(uri).find((d) => /bootz/.test(d.message)));
    assert.match(diagnostic.message, /did you mean 'boot'/);
    assert.deepEqual(diagnostic.range.start, document.positionAt(offset));
  });

  it('checks pack.json against the pack schema', async () => {
    const uri = await writeWorkspaceFile('scratch/badpack/pack.json', '{\n  "name": "x",\n  "displayName": "X"\n}\n');
    await openInEditor(uri);
    const diagnostics = await waitFor('a pack schema diagnostic', () => {
      const found = paletteDiagnostics(uri).filter((d) => d.code === 'schema' || (typeof d.code === 'object' && d.code.value === 'schema'));
      return found.length ? found : undefined;
    });
    assert.ok(diagnostics.some((d) => /version|layer|addonType|cloudTypes/.test(d.message)), diagnostics.map((d) => d.message).join('\n'));
  });
});
