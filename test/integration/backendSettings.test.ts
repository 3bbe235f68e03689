// Backend settings in a real VS Code: the API key in SecretStorage only, and the examples' publish, apply, rollback and in-place update through Palette's API (the test Palette server, started here).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { ApplyOutcome } from '../../client/src/commands/apply';
import type { VersionInfo } from '../../server/src/backend/types';
import { examples, exampleWorld, finish, project, type World } from '../unit/palette-api-support';
import { closeAllEditors, waitFor, workspaceUri, writeWorkspaceFile } from './util';
import { api, clickDialog, exists, readText } from './views-support';

const config = () => vscode.workspace.getConfiguration('paletteProfileStudio');
const v = (version: string) => ({ name: 'edge-retail', version });
const apply = (args: unknown) => vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion', args);
const replicasOf = (values: string | undefined) => (parse(values ?? '') as { manifests?: { 'hello-universe'?: { replicas?: number } } })?.manifests?.['hello-universe']?.replicas;

async function cluster(name: string) {
  return (await (await api()).backend()).readCluster(name);
}

/** store-042 keeps the examples' overrides: 3 hello-universe replicas and the kubelet's max-pods=150. */
function assertOverridesKept(c: { overrides: Record<string, string> }): void {
  assert.equal(replicasOf(c.overrides['hello-universe']), 3);
  assert.match(c.overrides['edge-k3s'] ?? '', /max-pods=150/);
}

/** The key is the endpoint's: cleared while the settings still name it, then the settings go back to their defaults. */
async function resetSettings(): Promise<void> {
  await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey');
  for (const key of ['backend', 'palette.baseUrl', 'palette.projectUid']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
}

describe('backend settings', () => {
  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  it('keeps the API key in secret storage, never in settings or the log; Clear API Key removes it', async () => {
    const key = 'pk-test-never-in-settings-41c9';
    await config().update('backend', 'palette', vscode.ConfigurationTarget.Global);
    await config().update('palette.baseUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', key), true);
    assert.equal(await (await api()).hasApiKey(), true);
    const backend = await (await api()).backend();
    assert.equal(backend.kind, 'palette');
    assert.ok(!JSON.stringify(config()).includes(key), 'the key is in the settings');
    const settingsFile = workspaceUri('.vscode', 'settings.json');
    if (await exists(settingsFile)) assert.ok(!(await readText(settingsFile)).includes(key), 'the key is in .vscode/settings.json');
    assert.ok(!(await api()).backendLog().some((line) => line.includes(key)));

    assert.equal(await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey'), true);
    assert.equal(await (await api()).hasApiKey(), false);
    await assert.rejects((await api()).backend(), /No Palette API key is set for http:\/\/127\.0\.0\.1:\d+ \([^)]+\): run "Palette: Set API Key"/);
    // Back to the local store: no key needed.
    await config().update('backend', undefined, vscode.ConfigurationTarget.Global);
    assert.equal((await (await api()).backend()).kind, 'local');
  });

  // Seeded as the examples' store is (edge-retail 1.0.0, store-042 Running with overrides, store-043 Provisioning): the tests run the examples' sequence in order.
  describe('against the test Palette server', () => {
    let w: World | undefined;
    /** The uid of each PATCH of store-042's profiles and the profile it replaced, from the requests Palette received. */
    const patches = () =>
      w!.fake.calls
        .filter((c) => c.method === 'PATCH' && c.path === `/v1/spectroclusters/${w!.fake.clusterNamed('store-042').uid}/profiles`)
        .map((c) => (c.body as { profiles: { uid: string; replaceWithProfile?: string }[] }).profiles.map((p) => [p.uid, p.replaceWithProfile]));
    before(async () => {
      w = await exampleWorld();
      await config().update('backend', 'palette', vscode.ConfigurationTarget.Global);
      await config().update('palette.baseUrl', w.fake.url, vscode.ConfigurationTarget.Global);
      await config().update('palette.projectUid', project, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', w.fake.apiKey);
    });
    after(async () => {
      await resetSettings();
      await vscode.workspace.fs.delete(workspaceUri('scratch-api'), { recursive: true }).then(undefined, () => undefined);
      await finish(w);
    });
    // The settings above are restored by the outer afterEach after each test; put them back.
    beforeEach(async () => {
      await config().update('backend', 'palette', vscode.ConfigurationTarget.Global);
      await config().update('palette.baseUrl', w!.fake.url, vscode.ConfigurationTarget.Global);
      await config().update('palette.projectUid', project, vscode.ConfigurationTarget.Global);
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

    it('publishes the example 1.1.0 and applies it to store-042 with the repave approved, overrides kept; the log has one line per call and no key', async () => {
      // The example working file, as the repository has it (the workspace's copy may carry other suites' edits).
      const uri = await writeWorkspaceFile('scratch-api/edge-retail.profile.yaml', readFileSync(join(examples, 'edge-retail', 'edge-retail.profile.yaml'), 'utf8'));
      const publishing = vscode.commands.executeCommand<VersionInfo | undefined>('paletteProfileStudio.publishVersion', uri);
      clickDialog('Publish');
      const info = await publishing;
      assert.equal(info?.version, '1.1.0');
      assert.ok(w!.fake.profileNamed('edge-retail', '1.1.0'), 'Palette has no 1.1.0');

      const applying = apply({ cluster: 'store-042', version: v('1.1.0'), reviewed: true });
      clickDialog('Approve repave and apply');
      const [outcome] = await applying;
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      const after = await cluster('store-042');
      assert.equal(after.profile?.version, '1.1.0');
      assertOverridesKept(after);
      assert.deepEqual(patches(), [[[info!.uid, w!.v100.uid]]], 'one PATCH, replacing 1.0.0');
      assert.equal(w!.fake.clusterNamed('store-042').repave?.state, 'Approved');
      // Palette keeps no apply history: the Clusters view's last apply comes from this machine's journal of it.
      const { views } = await api();
      await waitFor('the last apply of store-042 in the Clusters view', async () => {
        const node = (await views.clusters.getChildren()).find((n) => n.kind === 'cluster' && n.cluster.name === 'store-042');
        const row = node && (await views.clusters.getChildren(node)).find((n) => n.kind === 'detail' && n.label === 'Last apply');
        return row && /^1\.0\.0 → 1\.1\.0 \(repave\) applied /.test(String(views.clusters.getTreeItem(row).description)) ? true : undefined;
      });

      const log = (await api()).backendLog();
      assert.ok(log.some((line) => /^POST \/v1\/clusterprofiles\S* → 20\d \d+ms/.test(line)), log.join('\n'));
      assert.ok(log.some((line) => /^PATCH \/v1\/spectroclusters\/\S+\/profiles\S* → 20\d \d+ms/.test(line)), log.join('\n'));
      assert.ok(!log.some((line) => line.includes(w!.fake.apiKey)));
    });

    it('refuses store-043 (Provisioning) and sends Palette no write', async () => {
      const before = w!.fake.calls.length;
      const [outcome] = await apply({ cluster: 'store-043', version: v('1.1.0'), reviewed: true });
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.status === 'refused' ? outcome.reasons.join(' ') : '', /Provisioning/);
      assert.deepEqual(w!.fake.calls.slice(before).filter((c) => c.method !== 'GET' && !c.path.startsWith('/v1/dashboard/')), []);
    });

    it('rolls store-042 back to 1.0.0 through the repave approval, its overrides kept', async () => {
      const v110 = w!.fake.profileNamed('edge-retail', '1.1.0')!;
      const back = apply({ cluster: 'store-042', version: v('1.0.0'), reviewed: true });
      // The registry goes back to ttl.sh: the provider image changes, so Palette repaves.
      clickDialog('Approve repave and apply');
      const [outcome] = await back;
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      assert.deepEqual(patches().at(-1), [[w!.v100.uid, v110.uid]], 'the rollback PATCH replaces 1.1.0 with 1.0.0');
      const after = await cluster('store-042');
      assert.deepEqual(after.profile, v('1.0.0'));
      assertOverridesKept(after);
      assert.match(await (await (await api()).backend()).appliedText('store-042'), /system\.registry: ttl\.sh\n/);
    });

    it('updates 1.0.0 in place: store-042 shows Updates Available, and applying the pending update keeps its overrides', async () => {
      const backend = await (await api()).backend();
      const edited = (await backend.readVersion(v('1.0.0'))).replace('storageMinimalAvailablePercentage: 15', 'storageMinimalAvailablePercentage: 20');
      const source = await writeWorkspaceFile('scratch-api/edge-retail-inplace.profile.yaml', edited);
      const updating = vscode.commands.executeCommand<VersionInfo | undefined>('paletteProfileStudio.updateInPlace', v('1.0.0'), source);
      clickDialog('Update in place');
      const info = await updating;
      assert.deepEqual([info?.uid, info?.revision], [w!.v100.uid, 2]);
      assert.equal((await cluster('store-042')).updatesAvailable, true);
      const { views } = await api();
      await waitFor('Updates Available on store-042 in the Clusters view', async () => {
        const nodes = await views.clusters.getChildren();
        const node = nodes.find((n) => n.kind === 'cluster' && n.cluster.name === 'store-042');
        const item = node && views.clusters.getTreeItem(node);
        return item?.contextValue === 'cluster.updatesAvailable' && String(item.description).endsWith('Updates Available') ? true : undefined;
      });

      // The pending update changes a Longhorn setting only: no repave, so no modal.
      const [outcome] = await apply({ cluster: 'store-042', version: v('1.0.0'), reviewed: true });
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      assert.deepEqual(patches().at(-1), [[w!.v100.uid, undefined]], 'the same version: no replaceWithProfile');
      const after = await cluster('store-042');
      assert.deepEqual([after.profile?.version, after.updatesAvailable], ['1.0.0', false]);
      assertOverridesKept(after);
      assert.match(await backend.appliedText('store-042'), /storageMinimalAvailablePercentage: 20/);
    });
  });
});
