// Clone Profile, New Version from… and Edit Name, Description and Tags in a real VS Code: working files from published versions, metadata edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, workspaceUri } from './util';
import { answerQuickPick, api, clickDialog, exists, readText, Snapshot, store } from './views-support';

describe('publish: working files and metadata', () => {
  let snapshot: Snapshot;
  before(async () => {
    await api();
    snapshot = await Snapshot.take(store());
  });
  after(async () => {
    await closeAllEditors();
    await snapshot.restore();
    for (const dir of ['kiosk-eu', 'edge-retail-eu', 'edge-retail/edge-retail-1.1.0.profile.yaml']) await vscode.workspace.fs.delete(workspaceUri(...dir.split('/')), { recursive: true }).then(undefined, () => undefined);
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

  it('Edit Name, Description and Tags with the name kept changes the published version\'s metadata, shown in the view', async () => {
    const done = await vscode.commands.executeCommand<boolean>('paletteProfileStudio.editMetadata', { name: 'edge-retail', version: '1.0.0' }, { description: 'Retail edge, EU stores', tags: ['env:prod', 'region:eu'] });
    assert.equal(done, true);
    const [info] = (await (await (await api()).backend()).listProfiles()).find((p) => p.name === 'edge-retail')!.versions;
    assert.equal(info.description, 'Retail edge, EU stores');
    assert.deepEqual(info.tags, ['env:prod', 'region:eu']);
  });

  /** What the store says of edge-retail 1.0.0 (file and listed metadata), to show a rename leaves it alone. */
  async function published(): Promise<{ text: string; listed: unknown; names: string[] }> {
    const profiles = await (await (await api()).backend()).listProfiles();
    return {
      text: await readText(store('profiles', 'edge-retail', '1.0.0.yaml')),
      listed: profiles.find((p) => p.name === 'edge-retail')?.versions,
      names: profiles.map((p) => p.name).sort(),
    };
  }

  it('a new name, once the modal is accepted, clones the version as a new profile at 1.0.0 with the new description and tags; the original stays', async () => {
    const before = await published();
    clickDialog('Clone as edge-retail-eu');
    const done = await vscode.commands.executeCommand<boolean>('paletteProfileStudio.editMetadata', { name: 'edge-retail', version: '1.0.0' }, { name: 'edge-retail-eu', description: 'Retail edge, EU stores only', tags: ['env:prod', 'region:eu', 'edge'] });
    assert.equal(done, true);
    const file = workspaceUri('edge-retail-eu', 'edge-retail-eu.profile.yaml');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString(), 'the new working file is open');
    const text = await readText(file);
    assert.match(text, /^metadata:\n {2}name: edge-retail-eu\n {2}description: Retail edge, EU stores only\n/m);
    assert.match(text, /^ {2}version: 1\.0\.0$/m);
    // Tags live in the file as Palette's labels; a value-less tag as spectro__tag.
    assert.match(text, /^ {2}labels:\n {4}env: prod\n {4}edge: spectro__tag\n {4}region: eu\n/m);
    assert.doesNotMatch(text, /team: retail-platform/, 'a tag left out is dropped');
    assert.match(text, /tag: 1\.30\.5/, 'the packs are 1.0.0\'s');
    assert.deepEqual(await published(), before, 'the store is untouched: the name is published with Publish Profile Version');
    assert.equal(await exists(store('profiles', 'edge-retail-eu')), false);
  });

  it('a new name with the modal declined changes nothing and writes no file', async () => {
    const before = await published();
    clickDialog('Cancel');
    const done = await vscode.commands.executeCommand<boolean>('paletteProfileStudio.editMetadata', { name: 'edge-retail', version: '1.0.0' }, { name: 'edge-retail-us', description: 'Retail edge, US stores', tags: ['region:us'] });
    assert.equal(done, false);
    assert.equal(await exists(workspaceUri('edge-retail-us')), false);
    assert.deepEqual(await published(), before);
  });

  it('an invalid new name is refused before any modal', async () => {
    const before = await published();
    const done = await vscode.commands.executeCommand<boolean>('paletteProfileStudio.editMetadata', { name: 'edge-retail', version: '1.0.0' }, { name: 'edge retail/eu' });
    assert.equal(done, false);
    assert.deepEqual(await published(), before);
  });
});
