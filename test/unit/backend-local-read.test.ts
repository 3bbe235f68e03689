// The local store's read side against a copy of the example store: profiles, versions, clusters, applied text, history.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStoreBackend } from '../../server/src/backend/local';
import { scratchStore } from './backend-local-support';
import { backendError } from './backend-errors';


describe('local store: reading', () => {
  it('lists the example profile with its version, revision 1 and tags from its labels', async () => {
    const backend = new LocalStoreBackend(scratchStore());
    const profiles = await backend.listProfiles();
    assert.equal(profiles.length, 1);
    assert.equal(profiles[0].name, 'edge-retail');
    assert.deepEqual(profiles[0].versions.map((v) => [v.version, v.revision]), [['1.0.0', 1]]);
    assert.deepEqual(profiles[0].versions[0].tags, ['env:prod', 'team:retail-platform', 'edge']);
    assert.match(profiles[0].versions[0].description ?? '', /^Edge stack for retail/);
  });

  it('sorts versions newest first by semver, not by text', async () => {
    const root = scratchStore();
    const text = readFileSync(join(root, 'profiles', 'edge-retail', '1.0.0.yaml'), 'utf8');
    for (const v of ['1.10.0', '1.2.0', '1.2.0-rc.1']) writeFileSync(join(root, 'profiles', 'edge-retail', `${v}.yaml`), text.replace('version: 1.0.0', `version: ${v}`));
    const [profile] = await new LocalStoreBackend(root).listProfiles();
    assert.deepEqual(profile.versions.map((v) => v.version), ['1.10.0', '1.2.0', '1.2.0-rc.1', '1.0.0']);
  });

  it('reads a version exactly as stored, and names a missing one', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    assert.equal(await backend.readVersion({ name: 'edge-retail', version: '1.0.0' }), readFileSync(join(root, 'profiles', 'edge-retail', '1.0.0.yaml'), 'utf8'));
    await backendError(backend.readVersion({ name: 'edge-retail', version: '9.9.9' }), 'not-found', /9\.9\.9/);
  });

  it('lists clusters with status, tags, profile, overrides and variables', async () => {
    const backend = new LocalStoreBackend(scratchStore());
    const clusters = await backend.listClusters();
    assert.deepEqual(clusters.map((c) => [c.name, c.status, c.profile?.version, c.appliedRevision, c.updatesAvailable]), [
      ['store-042', 'Running', '1.0.0', 1, false],
      ['store-043', 'Provisioning', '1.0.0', 1, false],
    ]);
    const c42 = await backend.readCluster('store-042');
    assert.deepEqual(c42.tags, ['service:hello-universe-frontend']);
    assert.deepEqual(Object.keys(c42.overrides).sort(), ['edge-k3s', 'hello-universe']);
    assert.deepEqual(c42.variables, { site_id: '042' });
    assert.equal(c42.lastApply, undefined);
  });

  it('refuses names that would leave the store, and names the file of a malformed record', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    for (const name of ['../x', 'a/b', '..', '', '.hidden']) await backendError(backend.readCluster(name), 'invalid');
    await backendError(backend.readVersion({ name: '../clusters', version: 'store-042' }), 'invalid');
    await backendError(backend.readVersion({ name: 'edge-retail', version: '../../clusters/store-042' }), 'invalid');
    await backendError(backend.readCluster('store-999'), 'not-found', /store-999/);
    writeFileSync(join(root, 'clusters', 'broken.yaml'), 'name: broken\nstatus: [unclosed\n');
    await backendError(backend.readCluster('broken'), 'invalid', /clusters\/broken\.yaml/);
    writeFileSync(join(root, 'clusters', 'nameless.yaml'), 'status: Running\n');
    await backendError(backend.readCluster('nameless'), 'invalid', /clusters\/nameless\.yaml.*no name/);
    const lines: string[] = [];
    const listed = await new LocalStoreBackend(root, (l) => lines.push(l)).listClusters();
    assert.deepEqual(listed.map((c) => c.name), ['store-042', 'store-043'], 'broken records are skipped, not fatal');
    assert.ok(lines.some((l) => /skipped clusters\/broken\.yaml/.test(l)), lines.join('\n'));
  });

  it('appliedText is the version the cluster applied; history skips a torn line', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    assert.equal(await backend.appliedText('store-042'), await backend.readVersion({ name: 'edge-retail', version: '1.0.0' }));
    assert.deepEqual(await backend.history('store-042'), []);
    mkdirSync(join(root, 'history'));
    const record = { at: '2026-01-01T00:00:00.000Z', cluster: 'store-042', to: { name: 'edge-retail', version: '1.0.0', revision: 1 }, impact: 'no-op', repaveApproved: false, result: 'applied' };
    writeFileSync(join(root, 'history', 'store-042.jsonl'), JSON.stringify(record) + '\n{"at": "2026-01-0');
    assert.deepEqual(await backend.history('store-042'), [record]);
    assert.deepEqual((await backend.readCluster('store-042')).lastApply, record);
  });

  it('an empty or missing store lists nothing', async () => {
    const backend = new LocalStoreBackend(join(scratchStore(), 'nothing-here'));
    assert.deepEqual(await backend.listProfiles(), []);
    assert.deepEqual(await backend.listClusters(), []);
  });
});
