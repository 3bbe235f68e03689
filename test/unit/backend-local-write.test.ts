// The local store's writes: immutable versions, one winner among concurrent publishers, atomic files, in-place revisions, apply and history.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createExclusive, writeFileAtomic } from '../../server/src/backend/atomic';
import { LocalStoreBackend } from '../../server/src/backend/local';
import { BackendError, type ApplyRequest } from '../../server/src/backend/types';
import { WorkspaceIndex } from '../../server/src/workspace';
import { changedSince, files, scratchStore, snapshot, workingProfile } from './backend-local-support';
import { backendError } from './backend-errors';


const v110 = readFileSync(workingProfile, 'utf8');
const withVersion = (text: string, version: string) => text.replace(/^ {2}version: .*$/m, `  version: ${version}`);
const noTemp = (root: string) => assert.deepEqual(files(root).filter((f) => f.endsWith('.tmp')), []);

function request(over: Partial<ApplyRequest> = {}): ApplyRequest {
  return { cluster: 'store-042', to: { name: 'edge-retail', version: '1.1.0' }, overrides: {}, variables: { site_id: '042' }, impact: 'repave', repaveApproved: true, ...over };
}

describe('local store: writing', () => {
  it('publishes a new version exactly as given, at revision 1, leaving no temp files', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const info = await backend.publish(v110);
    assert.deepEqual([info.name, info.version, info.revision], ['edge-retail', '1.1.0', 1]);
    assert.ok(info.publishedAt && !Number.isNaN(Date.parse(info.publishedAt)));
    assert.equal(readFileSync(join(root, 'profiles', 'edge-retail', '1.1.0.yaml'), 'utf8'), v110);
    assert.deepEqual((await backend.listProfiles())[0].versions.map((v) => v.version), ['1.1.0', '1.0.0']);
    noTemp(root);
  });

  it('never overwrites a published version: a second publish is a conflict and changes no byte', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const before = snapshot(root);
    await backendError(backend.publish(withVersion(v110, '1.0.0')), 'conflict', /1\.0\.0 of edge-retail already exists/);
    assert.deepEqual(changedSince(before, root), []);
  });

  it('of concurrent publishers of one version exactly one wins, and the file is entirely the winner', async () => {
    for (let round = 0; round < 10; round++) {
      const root = scratchStore();
      const writers = [0, 1, 2, 3].map((i) => ({ backend: new LocalStoreBackend(root), text: v110.replace('replicas: 2', `replicas: ${10 + i}`) + `# writer ${i}\n`.repeat(2000) }));
      const results = await Promise.allSettled(writers.map((w) => w.backend.publish(w.text)));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      assert.equal(won.length, 1, `round ${round}: ${won.length} winners`);
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as BackendError).code, 'conflict');
      assert.equal(readFileSync(join(root, 'profiles', 'edge-retail', '1.1.0.yaml'), 'utf8'), writers[won[0]].text);
      noTemp(root);
    }
  });

  it('refuses bad names and versions before writing anything', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const before = snapshot(root);
    await backendError(backend.publish(v110.replace('name: edge-retail', 'name: ../clusters')), 'invalid', /not a valid profile name/);
    await backendError(backend.publish(v110.replace('name: edge-retail', 'name: a/b')), 'invalid');
    await backendError(backend.publish(withVersion(v110, 'v1.1')), 'invalid', /not strict semver/);
    await backendError(backend.publish('metadata: [unclosed\n'), 'invalid', /cannot be read/);
    await backendError(backend.publish(v110.replace(/^metadata:\n {2}name: edge-retail\n/m, 'metadata:\n')), 'invalid', /no metadata.name/);
    assert.deepEqual(changedSince(before, root), []);
  });

  it('a write that fails midway leaves the old file intact and no temp file', async () => {
    const root = scratchStore();
    const file = join(root, 'clusters', 'store-042.yaml');
    const old = readFileSync(file, 'utf8');
    async function* failing() {
      yield 'name: store-042\n';
      throw new Error('disk full');
    }
    await assert.rejects(writeFileAtomic(file, failing()), /disk full/);
    assert.equal(readFileSync(file, 'utf8'), old);
    const fresh = join(root, 'profiles', 'edge-retail', '2.0.0.yaml');
    await assert.rejects(createExclusive(fresh, failing()), /disk full/);
    assert.equal(existsSync(fresh), false);
    noTemp(root);
    await writeFileAtomic(file, ['a: ', '1\n']);
    assert.equal(readFileSync(file, 'utf8'), 'a: 1\n');
  });

  it('update in place: clusters show Updates Available and still read the revision they applied; the index sees no extra versions', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const ref = { name: 'edge-retail', version: '1.0.0' };
    const old = await backend.readVersion(ref);
    const changed = old.replace('replicas: 1\n', 'replicas: 4\n');
    const info = await backend.updateInPlace(ref, changed);
    assert.equal(info.revision, 2);
    assert.equal(await backend.readVersion(ref), changed);
    const c42 = await backend.readCluster('store-042');
    assert.deepEqual([c42.appliedRevision, c42.updatesAvailable], [1, true]);
    assert.equal(await backend.appliedText('store-042'), old);
    await backendError(backend.updateInPlace(ref, withVersion(changed, '1.0.1')), 'invalid', /keeps the name and version/);
    await backendError(backend.updateInPlace({ name: 'edge-retail', version: '1.0.1' }, withVersion(changed, '1.0.1')), 'not-found');
    // The language server's index must not take revisions, meta or history for profile versions.
    const index = new WorkspaceIndex(() => [dirname(root)], () => '.palette');
    assert.deepEqual((await index.profiles()).map((p) => `${p.source}:${p.name}@${p.version}`), ['store:edge-retail@1.0.0']);
    assert.deepEqual((await index.clusters()).map((c) => c.name).sort(), ['store-042', 'store-043']);
    // Applying the pending update brings the cluster to revision 2.
    await backend.apply(request({ to: ref, impact: 'redeploy', repaveApproved: false }));
    const after = await backend.readCluster('store-042');
    assert.deepEqual([after.appliedRevision, after.updatesAvailable], [2, false]);
    assert.equal(await backend.appliedText('store-042'), changed);
    assert.match(readFileSync(join(root, 'clusters', 'store-042.yaml'), 'utf8'), /profile: \{ name: edge-retail, version: 1\.0\.0, revision: 2 \}/);
    noTemp(root);
  });

  it('apply refuses a Provisioning cluster and an unapproved repave, changing nothing', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    await backend.publish(v110);
    const before = snapshot(root);
    await backendError(backend.apply(request({ cluster: 'store-043' })), 'refused', /Provisioning/);
    await backendError(backend.apply(request({ repaveApproved: false })), 'refused', /approve the repave/);
    await backendError(backend.apply(request({ to: { name: 'edge-retail', version: '7.0.0' } })), 'not-found');
    assert.deepEqual(changedSince(before, root), []);
  });

  it('apply rewrites the record (keeping unknown fields and comments), stores only differing overrides, and appends history; rollback is applying the older version', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    await backend.publish(v110);
    const file = join(root, 'clusters', 'store-042.yaml');
    writeFileSync(file, '# Store 42, Springfield\n' + readFileSync(file, 'utf8') + 'region: us-central # the store\nsupport: { team: retail }\n');
    const versionValues = (await backend.readVersion({ name: 'edge-retail', version: '1.1.0' })).includes('replicas: 2');
    assert.ok(versionValues);
    const mine = 'pack:\n  namespace: hello-universe\n  spectrocloud.com/install-priority: "0"\nmanifests:\n  hello-universe:\n    siteId: \'{{.spectro.var.site_id}}\'\n    replicas: 3\n';
    const same = '# same as the version\npack:\n  namespace: hello-universe\n  spectrocloud.com/install-priority: "0"\nmanifests:\n  hello-universe:\n    siteId: \'{{.spectro.var.site_id}}\'\n    replicas: 2\n';
    const up = await backend.apply(request({ overrides: { 'hello-universe': mine } }));
    assert.deepEqual(up.from, { name: 'edge-retail', version: '1.0.0', revision: 1 });
    assert.deepEqual(up.to, { name: 'edge-retail', version: '1.1.0', revision: 1 });
    let c42 = await backend.readCluster('store-042');
    assert.deepEqual([c42.profile?.version, c42.overrides['hello-universe'], c42.repave?.approved], ['1.1.0', mine, true]);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# Store 42, Springfield\n/);
    assert.match(text, /region: us-central # the store/);
    assert.match(text, /support: \{ team: retail \}/);
    assert.match(text, /hello-universe: \|\n {4}pack:/, 'overrides stay literal blocks');
    assert.deepEqual(c42.extra, { region: 'us-central', support: { team: 'retail' } });

    await backend.apply(request({ overrides: { 'hello-universe': same } }));
    c42 = await backend.readCluster('store-042');
    assert.deepEqual(c42.overrides, {}, 'an override equal to the version is not stored');

    const back = await backend.apply(request({ to: { name: 'edge-retail', version: '1.0.0' }, impact: 'repave' }));
    assert.deepEqual([back.from?.version, back.to.version], ['1.1.0', '1.0.0']);
    const history = await backend.history('store-042');
    assert.deepEqual(history.map((h) => `${h.from?.version}->${h.to.version} ${h.result}`), ['1.0.0->1.1.0 applied', '1.1.0->1.1.0 applied', '1.1.0->1.0.0 applied']);
    assert.deepEqual((await backend.readCluster('store-042')).lastApply, history[2]);
    assert.equal(readFileSync(join(root, 'history', 'store-042.jsonl'), 'utf8').split('\n').filter(Boolean).length, 3);
    noTemp(root);
  });

  it('setOverride sets and removes one pack, leaving the others; updateMetadata leaves the version bytes alone', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    await backend.setOverride('store-043', 'hello-universe', 'manifests:\n  hello-universe:\n    replicas: 5\n');
    assert.deepEqual(Object.keys((await backend.readCluster('store-043')).overrides), ['hello-universe']);
    await backend.setOverride('store-042', 'hello-universe', undefined);
    assert.deepEqual(Object.keys((await backend.readCluster('store-042')).overrides), ['edge-k3s']);
    await backendError(backend.setOverride('../store-042', 'x', 'a: 1'), 'invalid');
    const ref = { name: 'edge-retail', version: '1.0.0' };
    const bytes = await backend.readVersion(ref);
    await backend.updateMetadata(ref, { description: 'Retail edge', tags: ['team:retail'] });
    const [v] = (await backend.listProfiles())[0].versions;
    assert.deepEqual([v.description, v.tags, v.revision], ['Retail edge', ['team:retail'], 1]);
    assert.equal(await backend.readVersion(ref), bytes);
    await backendError(backend.updateMetadata({ name: 'edge-retail', version: '3.0.0' }, { description: 'x' }), 'not-found');
  });

  it('the example records read the same after a rewrite that changes nothing', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const before = snapshot(root);
    await backend.setOverride('store-043', 'nothing', undefined);
    assert.deepEqual(changedSince(before, root), []);
  });
});
