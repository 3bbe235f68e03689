// Impact predictions in a real VS Code: inlay hints, code lenses, update findings, the baseline picker and the baseline diff.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import { BaselineCandidatesRequest, type BaselineCandidate, type BaselineInfo } from '../../server/src/protocol';
import { closeAllEditors, extensionId, openInEditor, paletteDiagnostics, waitFor, workspaceUri } from './util';

function api(): ExtensionApi {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension?.isActive, 'extension not active');
  return extension.exports;
}

function lineOf(document: vscode.TextDocument, needle: string): number {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} not in ${document.uri.path}`);
  return document.positionAt(index).line;
}

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

async function hintsOf(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  return (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range)) ?? [];
}

describe('impact predictions', () => {
  const profile = () => workspaceUri('edge-retail', 'edge-retail.profile.yaml');
  afterEach(async () => {
    const uri = profile();
    const choose = api().client()?.isRunning() ? vscode.commands.executeCommand('paletteProfileStudio.chooseBaseline', uri, { kind: 'auto' }) : undefined;
    await choose;
    await closeAllEditors();
  });

  it('shows the predicted impact at the end of changed lines, compared with the store version', async () => {
    const editor = await openInEditor(profile());
    const document = editor.document;
    const info = await waitFor('the baseline', () => api().baseline(document.uri));
    assert.equal(info.label, 'edge-retail 1.0.0 (store)');
    const registryLine = lineOf(document, 'system.registry: harbor');
    const hints = await waitFor('a repave hint on the registry line', async () => {
      const all = await hintsOf(document);
      return all.some((h) => h.position.line === registryLine) ? all : undefined;
    });
    const registry = hints.find((h) => h.position.line === registryLine)!;
    assert.equal(labelOf(registry), '⟳ repave · via uri');
    assert.equal(registry.position.character, document.lineAt(registryLine).text.length);
    const tooltip = registry.tooltip instanceof vscode.MarkdownString ? registry.tooltip.value : String(registry.tooltip);
    assert.match(tooltip, /options\.system\.uri uses it/);
    assert.equal(labelOf(hints.find((h) => h.position.line === lineOf(document, 'timedatectl set-timezone America/Chicago'))!), '↻ reboot');
  });

  it('rolls the impacts up in code lenses that open the review', async () => {
    const editor = await openInEditor(profile());
    const lenses = await waitFor('code lenses', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 100);
      return all && all.length > 0 ? all : undefined;
    });
    const top = lenses.filter((l) => l.range.start.line === 0).map((l) => l.command?.title ?? '');
    assert.ok(top.some((t) => t.startsWith('This version: repave, ')), top.join(' | '));
    const review = lenses.find((l) => l.command?.title === 'Review changes');
    assert.equal(review?.command?.command, 'paletteProfileStudio.reviewChanges');
  });

  it('Review Changes opens the baseline beside the working file in a diff editor', async () => {
    const editor = await openInEditor(profile());
    await waitFor('the baseline', () => api().baseline(editor.document.uri));
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', editor.document.uri);
    const tab = await waitFor('a diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'palette-baseline');
    assert.equal(tab.modified.toString(), editor.document.uri.toString());
    const left = await vscode.workspace.openTextDocument(tab.original);
    assert.match(left.getText(), /^\s*version: 1\.0\.0$/m);
    assert.match(left.getText(), /system\.registry: ttl\.sh/);
  });

  it('Compare With… lets the user pick the baseline from a quick pick, and predictions follow it', async () => {
    const editor = await openInEditor(profile());
    const uri = editor.document.uri;
    await waitFor('the baseline', () => api().baseline(uri));
    // Other tests add profile files to the workspace, so find where the store's 1.0.0 sits in the list.
    // By method name: the bundled client has its own copy of the protocol's request types.
    const { candidates } = await api().client()!.sendRequest<{ candidates: BaselineCandidate[] }>(BaselineCandidatesRequest.method, { uri: uri.toString() });
    const index = candidates.findIndex((c) => c.choice.kind === 'version' && c.choice.version === '1.0.0');
    assert.ok(index > 0, candidates.map((c) => c.label).join(', '));
    const picked = vscode.commands.executeCommand<BaselineInfo | undefined>('paletteProfileStudio.chooseBaseline', uri);
    // Until the pick shows, moving does nothing; once it has moved, accepting takes the focused item.
    await waitFor('the quick pick to be answered', async () => {
      await vscode.commands.executeCommand('quickInput.first');
      for (let i = 0; i < index; i++) await vscode.commands.executeCommand('quickInput.next');
      await new Promise((r) => setTimeout(r, 100));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return Promise.race([picked.then(() => true), new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    });
    const info = await picked;
    assert.deepEqual(info?.choice, { kind: 'version', name: 'edge-retail', version: '1.0.0' });
    assert.equal(api().baseline(uri)?.label, 'edge-retail 1.0.0 (store)');
    // A command argument picks without asking: nothing to compare with, so the hints go.
    const none = await vscode.commands.executeCommand<BaselineInfo | undefined>('paletteProfileStudio.chooseBaseline', uri, { kind: 'none' });
    assert.equal(none?.source, 'none');
    await waitFor('the hints to go', async () => ((await hintsOf(editor.document)).length === 0 ? true : undefined));
  });

  it('reports a Kubernetes downgrade against the baseline in the Problems view', async () => {
    const original = await vscode.workspace.openTextDocument(profile());
    const document = await vscode.workspace.openTextDocument({ language: 'palette-profile', content: original.getText().replace('tag: 1.30.5', 'tag: 1.29.1') });
    await vscode.window.showTextDocument(document);
    // An untitled profile has no store neighbours by path, but its name finds the store's 1.0.0.
    const downgrade = await waitFor('a k8s-downgrade diagnostic', () => paletteDiagnostics(document.uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'k8s-downgrade'));
    assert.equal(downgrade.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(downgrade.range.start.line, lineOf(document, 'tag: 1.29.1'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows the settings: hints off and back on, and the cluster kind changes the prediction', async () => {
    const editor = await openInEditor(profile());
    const document = editor.document;
    const config = () => vscode.workspace.getConfiguration('paletteProfileStudio');
    const bootLine = lineOf(document, 'timedatectl set-timezone America/Chicago');
    const bootHint = async () => (await hintsOf(document)).find((h) => h.position.line === bootLine);
    await waitFor('the reboot hint', async () => ((await bootHint()) ? true : undefined));
    try {
      await config().update('inlayHints.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('no hints', async () => ((await hintsOf(document)).length === 0 ? true : undefined));
      await config().update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('clusterKind', 'edge-rke2', vscode.ConfigurationTarget.Workspace);
      const onRke2 = await waitFor('the RKE2 prediction', async () => {
        const hint = await bootHint();
        return hint && labelOf(hint) === '⟳ repave' ? hint : undefined;
      });
      assert.ok(onRke2);
    } finally {
      await config().update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('clusterKind', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the K3s prediction again', async () => {
      const hint = await bootHint();
      return hint && labelOf(hint) === '↻ reboot' ? true : undefined;
    });
  });
});
