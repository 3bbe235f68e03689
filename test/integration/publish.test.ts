// Publish Profile Version in a real VS Code: the roll-up modal, taken and non-semver versions, blocking errors, the store file and the view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VersionInfo } from '../../server/src/backend/types';
import { closeAllEditors, openInEditor, waitFor, workspaceUri, writeWorkspaceFile } from './util';
import { answerQuickPick, api, clickDialog, exists, readText, Snapshot, store } from './views-support';

const publish = (target: vscode.Uri) => vscode.commands.executeCommand<VersionInfo | undefined>('paletteProfileStudio.publishVersion', target);

describe('publish', () => {
  const working = () => workspaceUri('edge-retail', 'edge-retail.profile.yaml');
  let snapshot: Snapshot;
  before(async () => {
    await api();
    snapshot = await Snapshot.take(store(), working());
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
    await snapshot.restore();
    await vscode.workspace.fs.delete(workspaceUri('scratch'), { recursive: true }).then(undefined, () => undefined);
  });

  it('publishes edge-retail 1.1.0 after the roll-up modal; the store file and the Profiles view show it', async () => {
    await openInEditor(working());
    const pending = publish(working());
    clickDialog('Publish');
    const info = await pending;
    assert.equal(info?.version, '1.1.0');
    assert.equal(info?.name, 'edge-retail');
    const file = store('profiles', 'edge-retail', '1.1.0.yaml');
    assert.equal(await readText(file), await readText(working()));
    const { views } = await api();
    await waitFor('1.1.0 in the Profiles view', async () => {
      const [profile] = await views.profiles.getChildren();
      const versions = await views.profiles.getChildren(profile);
      return versions.some((v) => v.kind === 'version' && v.version.version === '1.1.0') ? true : undefined;
    });
    assert.ok((await api()).backendLog().some((line) => /^publish .*edge-retail.*1\.1\.0.* ok \d+ms$/.test(line)), (await api()).backendLog().join('\n'));
  });

  it('offers the next versions when 1.1.0 is taken, writes the pick into the file, and publishes nothing when the modal is cancelled', async () => {
    const editor = await openInEditor(working());
    const pending = publish(working());
    // Offered: 1.2.0 (minor), 1.1.1 (patch), 2.0.0 (major).
    clickDialog('Cancel');
    const info = await answerQuickPick(pending, 1);
    assert.equal(info, undefined);
    assert.match(editor.document.getText(), /^ {2}version: 1\.1\.1$/m);
    assert.equal(editor.document.isDirty, false, 'the picked version is saved');
    assert.match(await readText(working()), /^ {2}version: 1\.1\.1$/m);
    assert.equal(await exists(store('profiles', 'edge-retail', '1.1.1.yaml')), false);
  });

  it('starts a new profile at 1.0.0 when its version is not strict semver', async () => {
    const text = (await readText(working())).replace('name: edge-retail', 'name: kiosk').replace(/^ {2}version: .*$/m, '  version: v1');
    const uri = await writeWorkspaceFile('scratch/kiosk.profile.yaml', text);
    const pending = publish(uri);
    clickDialog('Publish');
    const info = await answerQuickPick(pending, 0);
    assert.deepEqual([info?.name, info?.version], ['kiosk', '1.0.0']);
    assert.match(await readText(uri), /^ {2}version: 1\.0\.0$/m);
    assert.ok(await exists(store('profiles', 'kiosk', '1.0.0.yaml')));
  });

  it('blocks a profile with errors and publishes nothing', async () => {
    const text = (await readText(working())).replace('name: edge-retail', 'name: broken').replace('layer: k8s', 'layer: kubernetes');
    const uri = await writeWorkspaceFile('scratch/broken.profile.yaml', text);
    const pending = publish(uri);
    clickDialog('OK');
    assert.equal(await pending, undefined);
    assert.equal(await exists(store('profiles', 'broken')), false);
  });
});
