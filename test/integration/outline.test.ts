// The outline, breadcrumbs' source, and folding in a real VS Code, through the commands the editor itself uses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openInEditor, setText, waitFor, workspaceUri, writeWorkspaceFile } from './util';

type Symbol = vscode.DocumentSymbol;

function all(symbols: Symbol[]): Symbol[] {
  return symbols.flatMap((s) => [s, ...all(s.children ?? [])]);
}

async function outlineOf(uri: vscode.Uri, what: string, accept: (symbols: Symbol[]) => boolean): Promise<Symbol[]> {
  return waitFor(what, async () => {
    const symbols = await vscode.commands.executeCommand<Symbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
    return symbols && symbols.length > 0 && accept(symbols) ? symbols : undefined;
  });
}

describe('outline and folding', () => {
  afterEach(closeAllEditors);

  it('outlines the profile: layers in Palette order, packs, values keys, manifests and variables', async () => {
    const uri = workspaceUri('edge-retail', 'edge-retail.profile.yaml');
    const document = (await openInEditor(uri)).document;
    const [root] = await outlineOf(uri, 'the profile outline', (s) => s[0].name === 'edge-retail 1.1.0');
    assert.equal(root.kind, vscode.SymbolKind.Module);
    assert.deepEqual(root.children.map((c) => c.name), ['os', 'k8s', 'cni', 'csi', 'addon', 'variables']);
    const k3s = root.children[1].children[0];
    assert.equal(k3s.name, 'edge-k3s 1.30.5');
    assert.equal(k3s.kind, vscode.SymbolKind.Package);
    assert.equal(document.getText(k3s.selectionRange), 'edge-k3s');
    assert.deepEqual(k3s.children.map((c) => c.name), ['cluster', 'stages', 'pack', 'clientConfig']);
    const hello = root.children[4].children[0];
    assert.deepEqual(hello.children.find((c) => c.kind === vscode.SymbolKind.File)?.children.map((c) => c.name), ['Namespace hello-universe', 'Deployment hello-universe-deployment', 'Service hello-universe-service']);
    assert.deepEqual(root.children[5].children.map((c) => document.getText(c.selectionRange)), ['site_id', 'registry_password']);
    for (const symbol of all([root])) assert.ok(symbol.range.contains(symbol.selectionRange), `${symbol.name}: selection outside its range`);
  });

  it('folds each values block from its header to its last content line, and each manifest object, which the editor really folds', async () => {
    const uri = workspaceUri('edge-retail', 'edge-retail.profile.yaml');
    const editor = await openInEditor(uri);
    const lines = editor.document.getText().split('\n');
    const line = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle));
    const header = line('values: |-', line('- name: edge-k3s'));
    const last = line('oidc-extra-scope: profile,email');
    const folds = await waitFor('folding ranges', async () => {
      const found = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', uri);
      return found && found.some((f) => f.start === header) ? found : undefined;
    });
    assert.equal(folds.find((f) => f.start === header)?.end, last);
    assert.equal(folds.find((f) => f.start === line('- name: edge-k3s'))?.end, last);
    assert.equal(folds.find((f) => f.start === line('kube-apiserver-arg:'))?.end, line('audit-log-maxage=30'));
    assert.equal(folds.find((f) => f.start === line('content: |-'))?.end, line('nodePort: 30080'));

    // Each object of a manifest folds from its apiVersion line: no indentation rule could fold lines of equal indentation.
    const object = line('apiVersion: apps/v1');
    const objectEnd = line("value: '{{.spectro.var.site_id}}'");
    assert.equal(folds.find((f) => f.start === object)?.end, objectEnd);
    editor.selection = new vscode.Selection(object, 0, object, 0);
    editor.revealRange(new vscode.Range(object - 2, 0, object - 2, 0), vscode.TextEditorRevealType.AtTop);
    const hidden = (l: number) => !editor.visibleRanges.some((r) => r.start.line <= l && l <= r.end.line);
    // The editor loads its folding model on its own schedule; folding again is harmless until it has.
    await waitFor('the Deployment to fold', async () => {
      await vscode.commands.executeCommand('editor.fold', { selectionLines: [object], levels: 1 });
      return hidden(object + 1) && hidden(objectEnd) && !hidden(object) && !hidden(objectEnd + 1) ? true : undefined;
    });
    await vscode.commands.executeCommand('editor.unfoldAll');
  });

  it('follows edits: a renamed pack shows in the outline of the new version', async () => {
    const text = (await vscode.workspace.fs.readFile(workspaceUri('edge-retail', 'edge-retail.profile.yaml'))).toString();
    const uri = await writeWorkspaceFile('scratch/outline.profile.yaml', text);
    const editor = await openInEditor(uri);
    await outlineOf(uri, 'the first outline', (s) => s[0].name === 'edge-retail 1.1.0');
    await setText(editor, text.replace('- name: cni-calico', '- name: cni-cilium').replace('layer: csi', 'layer: addon'));
    const [root] = await outlineOf(uri, 'the outline after the edit', (s) => s[0].children[2]?.children[0]?.name === 'cni-cilium 3.28.0');
    assert.deepEqual(root.children.map((c) => c.name), ['os', 'k8s', 'cni', 'addon', 'variables']);
    assert.deepEqual(root.children[3].children.map((c) => c.name), ['csi-longhorn 1.7.1', 'hello-universe 1.0.0']);
  });

  it('outlines and folds pack.json', async () => {
    const uri = workspaceUri('packs', 'hello-universe', 'pack.json');
    await openInEditor(uri);
    const symbols = await outlineOf(uri, 'the pack.json outline', (s) => s.some((x) => x.name === 'constraints'));
    assert.deepEqual(symbols.map((s) => s.name), ['name', 'displayName', 'version', 'layer', 'addonType', 'cloudTypes', 'annotations', 'constraints']);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    assert.ok(folds.some((f) => f.start === 11 && f.end === 44), JSON.stringify(folds));
  });
});
