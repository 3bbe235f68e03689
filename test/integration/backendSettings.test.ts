// Backend settings in a real VS Code: the API key in SecretStorage only, and publish + apply through Palette's API (the test Palette server, started here).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ApplyOutcome } from '../../client/src/commands/apply';
import type { VersionInfo } from '../../server/src/backend/types';
import { finish, profileYaml, project, world, type World } from '../unit/palette-api-support';
import { closeAllEditors, waitFor, workspaceUri, writeWorkspaceFile } from './util';
import { api, clickDialog, exists, readText } from './views-support';

const config = () => vscode.workspace.getConfiguration('paletteProfileStudio');

async function resetSettings(): Promise<void> {
  for (const key of ['backend', 'palette.baseUrl', 'palette.projectUid']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey');
}

describe('backend settings', () => {
  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  it('keeps the API key in secret storage, never in settings or the log; Clear API Key removes it', async () => {
    const key = 'pk-test-never-in-settings-41c9';
    assert.equal(await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', key), true);
    assert.equal(await (await api()).hasApiKey(), true);
    await config().update('backend', 'palette', vscode.ConfigurationTarget.Workspace);
    await config().update('palette.baseUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Workspace);
    const backend = await (await api()).backend();
    assert.equal(backend.kind, 'palette');
    assert.ok(!JSON.stringify(config()).includes(key), 'the key is in the settings');
    const settingsFile = workspaceUri('.vscode', 'settings.json');
    if (await exists(settingsFile)) assert.ok(!(await readText(settingsFile)).includes(key), 'the key is in .vscode/settings.json');
    assert.ok(!(await api()).backendLog().some((line) => line.includes(key)));

    assert.equal(await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey'), true);
    assert.equal(await (await api()).hasApiKey(), false);
    await assert.rejects((await api()).backend(), /No Palette API key is set: run "Palette: Set API Key"/);
    // Back to the local store: no key needed.
    await config().update('backend', undefined, vscode.ConfigurationTarget.Workspace);
    assert.equal((await (await api()).backend()).kind, 'local');
  });

  describe('against the test Palette server', () => {
    let w: World | undefined;
    before(async () => {
      w = await world();
      await config().update('backend', 'palette', vscode.ConfigurationTarget.Workspace);
      await config().update('palette.baseUrl', w.fake.url, vscode.ConfigurationTarget.Workspace);
      await config().update('palette.projectUid', project, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', w.fake.apiKey);
    });
    after(async () => {
      await resetSettings();
      await vscode.workspace.fs.delete(workspaceUri('scratch-api'), { recursive: true }).then(undefined, () => undefined);
      await finish(w);
    });
    // The settings above are restored by the outer afterEach after each test; put them back.
    beforeEach(async () => {
      await config().update('backend', 'palette', vscode.ConfigurationTarget.Workspace);
      await config().update('palette.baseUrl', w!.fake.url, vscode.ConfigurationTarget.Workspace);
      await config().update('palette.projectUid', project, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', w!.fake.apiKey);
    });

    it('the views list Palette\'s profiles and clusters', async () => {
      const { views } = await api();
      const profile = await waitFor('edge-retail from Palette', async () => (await views.profiles.getChildren()).find((n) => n.kind === 'profile' && n.name === 'edge-retail'));
      const [version] = await views.profiles.getChildren(profile);
      assert.equal(views.profiles.getTreeItem(version).description, 'used by store-042, store-043');
      const clusters = (await views.clusters.getChildren()).map((n) => views.clusters.getTreeItem(n));
      assert.deepEqual(clusters.map((c) => c.label), ['store-042', 'store-043']);
    });

    it('publishes 1.1.0 and applies it to store-042 with the repave approved, overrides kept; the log has one line per call and no key', async () => {
      const uri = await writeWorkspaceFile('scratch-api/edge-retail.profile.yaml', profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-1.31'));
      const publishing = vscode.commands.executeCommand<VersionInfo | undefined>('paletteProfileStudio.publishVersion', uri);
      clickDialog('Publish');
      const info = await publishing;
      assert.equal(info?.version, '1.1.0');
      assert.ok(w!.fake.profileNamed('edge-retail', '1.1.0'), 'Palette has no 1.1.0');

      const applying = vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion', { cluster: 'store-042', version: { name: 'edge-retail', version: '1.1.0' }, reviewed: true });
      clickDialog('Approve repave and apply');
      const [outcome] = await applying;
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      const cluster = await (await (await api()).backend()).readCluster('store-042');
      assert.equal(cluster.profile?.version, '1.1.0');
      assert.match(cluster.overrides['hello-universe'] ?? '', /replicas: 3/);

      const log = (await api()).backendLog();
      assert.ok(log.some((line) => /^POST \/v1\/clusterprofiles\S* → 20\d \d+ms/.test(line)), log.join('\n'));
      assert.ok(log.some((line) => /^PATCH \/v1\/spectroclusters\/\S+\/profiles\S* → 20\d \d+ms/.test(line)), log.join('\n'));
      assert.ok(!log.some((line) => line.includes(w!.fake.apiKey)));
    });
  });
});
