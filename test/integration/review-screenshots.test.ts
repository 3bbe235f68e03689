// Screenshots of the review for the README, light and dark, taken by the harness (PALETTE_SCREENSHOTS=1) when a test logs its marker.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import { closeAllEditors, extensionId, waitFor, workspaceUri } from './util';

const themes = [
  { name: 'review-light', theme: 'Default Light Modern', kind: vscode.ColorThemeKind.Light, body: 'vscode-light' },
  { name: 'review-dark', theme: 'Default Dark Modern', kind: vscode.ColorThemeKind.Dark, body: 'vscode-dark' },
];

const mtime = (file: string) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;

describe('Review screenshots', function () {
  this.timeout(120_000);
  before(function () {
    if (process.env.PALETTE_SCREENSHOTS !== '1') this.skip();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('diffEditor').update('useInlineViewWhenSpaceIsLimited', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('.palette', 'pending'), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(workspaceUri('.palette', 'profiles', 'edge-retail', '1.1.0.yaml')).then(undefined, () => undefined);
  });

  it('shows store-042 moving to edge-retail 1.1.0: the diff and the panel beside it', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    const api = await extension.activate();
    await waitFor('a running language client', () => api.client()?.isRunning());
    // Publish the working file (1.1.0) into the test workspace's store; a fresh draft shows the conflict unresolved.
    const working = await vscode.workspace.fs.readFile(workspaceUri('edge-retail', 'edge-retail.profile.yaml'));
    await vscode.workspace.fs.writeFile(workspaceUri('.palette', 'profiles', 'edge-retail', '1.1.0.yaml'), working);
    await vscode.workspace.fs.delete(workspaceUri('.palette', 'pending'), { recursive: true }).then(undefined, () => undefined);
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.workspace.getConfiguration('diffEditor').update('useInlineViewWhenSpaceIsLimited', false, vscode.ConfigurationTarget.Global);

    const { session } = await api.openReview({ cluster: 'store-042', version: { name: 'edge-retail', version: '1.1.0' } });
    await waitFor('the plan rendered', () => session.model && session.rendered === session.revision);
    // The change the headline names, in view on the right side.
    const registry = session.model!.packs.flatMap((p) => p.changes).find((c) => c.path.endsWith('system.registry') && c.span);
    assert.ok(registry, 'the registry change is in the review');
    await session.reveal('pending', registry.span!.start, registry.span!.end);
    // The diff gets a little more room than the panel.
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    const shots = join(extension.extensionUri.fsPath, 'media', 'screenshots');
    for (const { name, theme, kind, body } of themes) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await waitFor(`the ${theme} theme`, () => vscode.window.activeColorTheme.kind === kind || undefined);
      await waitFor(`the panel in ${theme}`, async () => (await session.panel.probe()).theme.includes(body) || undefined);
      const file = join(shots, `${name}.png`);
      const before = mtime(file);
      console.log(`PALETTE_SCREENSHOT ${name}`);
      await waitFor(`${name}.png`, () => mtime(file) > before || undefined, 30_000);
    }
  });
});
