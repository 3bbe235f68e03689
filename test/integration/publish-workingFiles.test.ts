// Clone Profile, New Version from… and Edit Description and Tags in a real VS Code: working files from published versions, metadata edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, workspaceUri } from './util';
import { answerQuickPick, api, exists, Snapshot, store } from './views-support';

describe('publish: working files and metadata', () => {
  let snapshot: Snapshot;
  before(async () => {
    await api();
    snapshot = await Snapshot.take(store());
  });
  after(async () => {
    await closeAllEditors();
    await snapshot.restore();
    for (const dir of ['kiosk-eu', 'edge-retail/edge-retail-1.1.0.profile.yaml']) await vscode.workspace.fs.delete(workspaceUri(...dir.split('/')), { recursive: true }).then(undefined, () => undefined);
  });

  it('New Version from… 1.0.0 opens a working file with the picked next version, beside nothing it overwrites', async () => {
    // The pick offers 1.1.0 (minor) first, then 1.0.1 and 2.0.0.
    const editor = await answerQuickPick(vscode.commands.executeCommand<vscode.TextEditor>('paletteProfileStudio.newVersionFrom', { name: 'edge-retail', version: '1.0.0' }), 0);
    assert.equal(vscode.workspace.asRelativePath(editor.document.uri), 'edge-retail/edge-retail-1.1.0.profile.yaml');
    assert.match(editor.document.getText(), /^ {2}version: 1\.1\.0$/m);
    assert.match(editor.document.getText(), /tag: 1\.30\.5/, 'the content is 1.0.0\'s');
    assert.equal(editor.document.languageId, 'palette-profile');
  });

  it('Clone Profile starts a new profile at 1.0.0 from a Profiles view node', async () => {
    const { views } = await api();
    const [profile] = await views.profiles.getChildren();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('paletteProfileStudio.cloneProfile', profile, { newName: 'kiosk-eu' });
    assert.equal(vscode.workspace.asRelativePath(editor.document.uri), 'kiosk-eu/kiosk-eu.profile.yaml');
    assert.match(editor.document.getText(), /^ {2}name: kiosk-eu$/m);
    assert.match(editor.document.getText(), /^ {2}version: 1\.0\.0$/m);
    assert.equal(await exists(store('profiles', 'kiosk-eu')), false, 'cloning writes a working file, not the store');
  });

  it('Edit Description and Tags changes the published version\'s metadata, shown in the view', async () => {
    const done = await vscode.commands.executeCommand<boolean>('paletteProfileStudio.editMetadata', { name: 'edge-retail', version: '1.0.0' }, { description: 'Retail edge, EU stores', tags: ['env:prod', 'region:eu'] });
    assert.equal(done, true);
    const [info] = (await (await (await api()).backend()).listProfiles()).find((p) => p.name === 'edge-retail')!.versions;
    assert.equal(info.description, 'Retail edge, EU stores');
    assert.deepEqual(info.tags, ['env:prod', 'region:eu']);
  });
});
