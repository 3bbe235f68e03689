// Hovers and go to definition in the real editor, on a profile compared with the published version in the local store.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import { closeAllEditors, extensionId, openInEditor, waitFor, workspaceUri, writeWorkspaceFile } from './util';

async function hoverText(uri: vscode.Uri, position: vscode.Position, expected: RegExp): Promise<string> {
  return waitFor(`a hover matching ${expected}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return expected.test(text) ? text : undefined;
  });
}

describe('hover and definition', () => {
  afterEach(closeAllEditors);

  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  let text: string;
  const at = (needle: string, shift = 0) => {
    const offset = text.indexOf(needle);
    assert.ok(offset >= 0, `"${needle}" is not in the profile`);
    return document.positionAt(offset + shift);
  };

  beforeEach(async () => {
    // edge-retail 1.1.0 under another file name: its baseline is edge-retail 1.0.0 from the local store.
    const source = await vscode.workspace.fs.readFile(workspaceUri('edge-retail', 'edge-retail.profile.yaml'));
    text = new TextDecoder().decode(source).replace('tag: 1.30.5', 'tag: 1.32.0');
    uri = await writeWorkspaceFile('scratch/hover-retail.profile.yaml', text);
    document = (await openInEditor(uri)).document;
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(extension, 'extension not found');
    const api = await waitFor('activation', () => (extension.isActive ? extension.exports : undefined));
    await waitFor('the server to check the profile', () => api.validatedVersion(uri) === document.version || undefined);
  });

  it('shows the baseline value and the predicted impact of a changed key', async () => {
    const hover = await hoverText(uri, at('system.registry:', 9), /Baseline/);
    assert.match(hover, /`options\.system\.registry`/);
    assert.match(hover, /Baseline \(edge-retail 1\.0\.0 \(store\)\): `ttl\.sh`/);
    assert.match(hover, /repave/);
    assert.match(hover, /edge-uri-dependency/);
  });

  it('resolves a macro to the value of the key it names', async () => {
    const hover = await hoverText(uri, at('options.system.registry }}', 20), /Resolves to/);
    assert.match(hover, /Resolves to `harbor\.retail\.example\.com\/edge`, from pack edge-native-byoi/);
  });

  it('explains a Kubernetes tag that skips a minor version', async () => {
    const hover = await hoverText(uri, at('tag: 1.32.0', 7), /Skips a Kubernetes minor/);
    assert.match(hover, /1\.30\.5 → 1\.32\.0: a minor upgrade/);
    assert.match(hover, /Skips a Kubernetes minor version \(1\.30 → 1\.32\)/);
  });

  it('says what changing an unchanged stage would do on Edge K3s', async () => {
    const hover = await hoverText(uri, at('initramfs:', 2), /On Edge K3s/);
    assert.match(hover, /changing keys under `stages\.initramfs`/);
    assert.match(hover, /reboot/);
  });

  it('goes from a pack macro to the key it names', async () => {
    const found = await waitFor('a definition', async () => {
      const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at('options.system.uri}}', 16));
      return locations.length ? locations : undefined;
    });
    assert.equal(found.length, 1);
    const location = found[0];
    const range = 'targetRange' in location ? location.targetRange : location.range;
    const target = 'targetUri' in location ? location.targetUri : location.uri;
    assert.equal(target.toString(), uri.toString());
    assert.deepEqual([range.start, range.end], [at('system.uri:', 7), at('system.uri:', 10)]);
  });
});
