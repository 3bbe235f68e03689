// The publish and apply flows on the example store: previews, refusals, repave approval, overrides carried, rollback, pending in-place updates.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { executeApply, executePublish, nextVersions, prepareApply, prepareApplyAll, preparePublish, targetFor, withVersion } from '../../server/src/backend/flows';
import { LocalStoreBackend } from '../../server/src/backend/local';
import { BackendError } from '../../server/src/backend/types';
import { changedSince, scratchStore, snapshot, workingProfile } from './backend-local-support';
import { backendError } from './backend-errors';
import { withK8sTag } from './plan-fixtures';

const v110 = readFileSync(workingProfile, 'utf8');
const ref = (version: string) => ({ name: 'edge-retail', version });


describe('publish flow', () => {
  it('previews 1.1.0 against 1.0.0: free, strict, the plan and the next versions', async () => {
    const backend = new LocalStoreBackend(scratchStore());
    const p = await preparePublish(backend, v110);
    assert.deepEqual([p.name, p.version, p.strictSemver, p.taken, p.isNewProfile, p.blocked], ['edge-retail', '1.1.0', true, false, false, false]);
    assert.deepEqual(p.next, { patch: '1.0.1', minor: '1.1.0', major: '2.0.0' });
    assert.equal(p.suggested, '1.1.0');
    assert.equal(p.previous?.version, '1.0.0');
    assert.equal(p.plan?.impact, 'repave');
    assert.ok((p.summary?.total ?? 0) > 5);
    assert.deepEqual(p.errors, []);
  });

  it('blocks a taken version, naming the free ones, and publishes nothing', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const text = withVersion(v110, '1.0.0');
    assert.match(text, /^ {2}version: 1\.0\.0$/m);
    const p = await preparePublish(backend, text);
    assert.equal(p.taken, true);
    assert.equal(p.blocked, true);
    assert.match(p.reasons.join(' '), /1\.0\.0 of edge-retail is already published.*1\.0\.1 \(patch\), 1\.1\.0 \(minor\), 2\.0\.0 \(major\)/);
    assert.equal(p.previous, undefined, 'nothing lower than 1.0.0');
    const before = snapshot(root);
    await backendError(executePublish(backend, text), 'conflict');
    assert.deepEqual(changedSince(before, root), []);
  });

  it('a new profile name defaults to 1.0.0; validation errors and non-semver versions block', async () => {
    const backend = new LocalStoreBackend(scratchStore());
    const fresh = await preparePublish(backend, withVersion(v110.replace('name: edge-retail', 'name: edge-bakery'), 'v1'));
    assert.deepEqual([fresh.isNewProfile, fresh.strictSemver, fresh.suggested, fresh.blocked], [true, false, '1.0.0', true]);
    assert.deepEqual(fresh.next, { patch: '1.0.0', minor: '1.0.0', major: '1.0.0' });
    assert.match(fresh.reasons.join(' '), /not strict semver.*use 1\.0\.0/);
    const bad = await preparePublish(backend, v110.replace('layer: k8s', 'layer: kubernetes'));
    assert.equal(bad.blocked, true);
    assert.ok(bad.errors.some((e) => /Unknown layer 'kubernetes'/.test(e.message)), bad.errors.map((e) => e.message).join('\n'));
    await backendError(executePublish(backend, v110.replace('layer: k8s', 'layer: kubernetes')), 'invalid', /error/);
  });

  it('publishes under a chosen version, changing only spec.version', async () => {
    const backend = new LocalStoreBackend(scratchStore());
    const done = await executePublish(backend, v110, { version: '1.2.0' });
    assert.equal(done.info.version, '1.2.0');
    assert.equal(await backend.readVersion(ref('1.2.0')), v110.replace(/^ {2}version: 1\.1\.0$/m, '  version: 1.2.0'));
    const next = await preparePublish(backend, v110);
    assert.equal(next.previous?.version, '1.0.0', 'the previous of 1.1.0 is the newest lower version, not 1.2.0');
    assert.deepEqual(nextVersions(['1.0.0', '1.2.0', '2.0.0-rc.1']), { patch: '2.0.0', minor: '2.1.0', major: '3.0.0' });
  });
});

describe('apply flow', () => {
  async function storeWith110() {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    await backend.publish(v110);
    return { root, backend };
  }

  it('store-042 → 1.1.0: a repave needing approval, its overrides carried; declined changes nothing, approved applies them', async () => {
    const { root, backend } = await storeWith110();
    const cluster = await backend.readCluster('store-042');
    const p = await prepareApply(backend, 'store-042', targetFor(cluster, '1.1.0'));
    assert.deepEqual([p.from?.version, p.to.version, p.refused, p.needsRepaveApproval, p.rollback], ['1.0.0', '1.1.0', false, true, false]);
    assert.match(p.repaveReason ?? '', /^Applying edge-retail 1\.1\.0 to store-042 will repave all nodes, control plane first, because /);
    assert.match(p.currentText, /replicas: 3/, 'what store-042 runs has its replica override');
    assert.match(p.pendingText, /max-pods=150/, 'the kubelet override is carried');
    assert.match(p.pendingText, /etcd-snapshot-retention: 14/, "the new version's own change is there too");
    assert.deepEqual(Object.keys(p.overrides).sort(), ['edge-k3s', 'hello-universe']);
    // 1.1.0 changes the replicas store-042 overrides (1 → 2, the cluster has 3): the cluster keeps 3, as Palette does.
    assert.match(p.pendingText, /siteId: '\{\{\.spectro\.var\.site_id\}\}'\n\s+replicas: 3/);
    assert.ok(p.warnings.some((w) => w.code === 'override-conflict' && /keeps its value/.test(w.message)), p.warnings.map((w) => w.message).join('\n'));

    const before = snapshot(root);
    await backendError(executeApply(backend, p, { approveRepave: false }), 'refused', /store-042 will repave.*not approved/);
    assert.deepEqual(changedSince(before, root), []);

    // Something changed since the review: nothing is applied until it is reviewed again.
    await backend.setOverride('store-042', 'csi-longhorn', 'charts:\n  longhorn:\n    longhornUI:\n      replicas: 2\n');
    await backendError(executeApply(backend, p, { approveRepave: true }), 'conflict', /changed since the review/);
    await backend.setOverride('store-042', 'csi-longhorn', undefined);

    const record = await executeApply(backend, p, { approveRepave: true });
    assert.deepEqual([record.impact, record.repaveApproved, record.to.version], ['repave', true, '1.1.0']);
    const after = await backend.readCluster('store-042');
    assert.equal(after.profile?.version, '1.1.0');
    assert.match(after.overrides['hello-universe'], /replicas: 3/);
    assert.match(after.overrides['edge-k3s'], /max-pods=150/);
    // What it runs now is exactly what was pending: applying the same version again changes nothing.
    const again = await prepareApply(backend, 'store-042', ref('1.1.0'));
    assert.equal(again.currentText, p.pendingText);
    assert.equal(again.plan.changes.length, 0);
    assert.equal(again.needsRepaveApproval, false);
  });

  it('refuses a Provisioning cluster and a Kubernetes downgrade, and writes nothing', async () => {
    const { root, backend } = await storeWith110();
    const p43 = await prepareApply(backend, 'store-043', ref('1.1.0'));
    assert.deepEqual(p43.refusals.map((r) => r.code), ['cluster-provisioning']);
    await backend.publish(withVersion(withK8sTag(v110), '1.2.0'));
    await backend.apply({ cluster: 'store-042', to: ref('1.2.0'), overrides: {}, variables: { site_id: '042' }, impact: 'repave', repaveApproved: true });
    const down = await prepareApply(backend, 'store-042', ref('1.0.0'));
    assert.equal(down.rollback, true);
    assert.ok(down.refusals.some((r) => r.code === 'k8s-downgrade'), down.refusals.map((r) => r.code).join());
    const before = snapshot(root);
    await backendError(executeApply(backend, p43, { approveRepave: true }), 'refused', /Provisioning/);
    await backendError(executeApply(backend, down, { approveRepave: true }), 'refused', /downgrade/);
    assert.deepEqual(changedSince(before, root), []);
    const all = await prepareApplyAll(backend, ['store-042', 'store-043', 'store-999'], ref('1.0.0'));
    assert.deepEqual(all.map((a) => [a.cluster, a.prepared?.refused, (a.error as BackendError | undefined)?.code]), [
      ['store-042', true, undefined],
      ['store-043', true, undefined],
      ['store-999', undefined, 'not-found'],
    ]);
  });

  it('refuses an Edge CNI change and warns on a Kubernetes minor skip', async () => {
    const { backend } = await storeWith110();
    await backend.publish(withVersion(v110.replace('name: cni-calico', 'name: cni-cilium-oss'), '1.2.0'));
    await backend.publish(withVersion(withK8sTag(v110, '1.32.1'), '1.3.0'));
    const cni = await prepareApply(backend, 'store-042', ref('1.2.0'));
    assert.ok(cni.refusals.some((r) => r.code === 'cni-change' && /Edge cluster cannot be changed/.test(r.message)));
    const skip = await prepareApply(backend, 'store-042', ref('1.3.0'));
    assert.equal(skip.refused, false);
    assert.ok(skip.warnings.some((w) => w.code === 'k8s-minor-skip'), skip.warnings.map((w) => w.code).join());
  });

  it('the examples\' rollback: 1.1.0 applied with its repave approved, then 1.0.0 again, the overrides kept both ways', async () => {
    const { backend } = await storeWith110();
    const up = await prepareApply(backend, 'store-042', ref('1.1.0'));
    await executeApply(backend, up, { approveRepave: true });
    const back = await prepareApply(backend, 'store-042', ref('1.0.0'));
    assert.deepEqual([back.rollback, back.refused, back.needsRepaveApproval], [true, false, true], back.refusals.map((r) => r.message).join());
    await backendError(executeApply(backend, back, { approveRepave: false }), 'refused', /repave/);
    await executeApply(backend, back, { approveRepave: true });
    const c = await backend.readCluster('store-042');
    assert.equal(c.profile?.version, '1.0.0');
    assert.match(c.overrides['hello-universe'], /replicas: 3/);
    assert.match(c.overrides['edge-k3s'], /max-pods=150/);
    assert.deepEqual((await backend.history('store-042')).map((h) => `${h.from?.version}→${h.to.version}`), ['1.0.0→1.1.0', '1.1.0→1.0.0']);
    assert.equal(await backend.appliedText('store-042'), await backend.readVersion(ref('1.0.0')));
  });

  it('rollback is applying the older version: 1.0.1 and back to 1.0.0, both in the history', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const v100 = await backend.readVersion(ref('1.0.0'));
    await backend.publish(withVersion(v100.replace('timedatectl set-ntp true', 'timedatectl set-ntp false'), '1.0.1'));
    const up = await prepareApply(backend, 'store-042', ref('1.0.1'));
    assert.equal(up.refused, false);
    await executeApply(backend, up, { approveRepave: up.needsRepaveApproval });
    const back = await prepareApply(backend, 'store-042', ref('1.0.0'));
    assert.deepEqual([back.rollback, back.refused], [true, false]);
    await executeApply(backend, back, { approveRepave: true });
    const history = await backend.history('store-042');
    assert.deepEqual(history.map((h) => `${h.from?.version}→${h.to.version}`), ['1.0.0→1.0.1', '1.0.1→1.0.0']);
    const c = await backend.readCluster('store-042');
    assert.equal(c.profile?.version, '1.0.0');
    assert.deepEqual(Object.keys(c.overrides).sort(), ['edge-k3s', 'hello-universe'], 'overrides survive the round trip');
  });

  it('a pending in-place update shows, applies, and keeps the overrides', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const v100 = await backend.readVersion(ref('1.0.0'));
    await backend.updateInPlace(ref('1.0.0'), v100.replace('STORE_BANNER: "Welcome to the store"', 'STORE_BANNER: "Welcome!"'));
    const p = await prepareApply(backend, 'store-042', ref('1.0.0'));
    assert.deepEqual([p.pendingUpdate, p.from?.revision, p.refused], [true, 1, false]);
    assert.ok(p.plan.changes.some((c) => /STORE_BANNER/.test(c.path)), p.plan.changes.map((c) => c.path).join('\n'));
    await executeApply(backend, p, { approveRepave: p.needsRepaveApproval });
    const c = await backend.readCluster('store-042');
    assert.deepEqual([c.appliedRevision, c.updatesAvailable], [2, false]);
    assert.match(c.overrides['hello-universe'], /replicas: 3/);
  });

  it('conflict resolutions and an edited pending text from the review decide the overrides', async () => {
    const root = scratchStore();
    const backend = new LocalStoreBackend(root);
    const v100 = await backend.readVersion(ref('1.0.0'));
    await backend.publish(withVersion(v100.replace(/replicas: 1\n(\s+manifests:)/, 'replicas: 2\n$1'), '1.0.1'));
    const p = await prepareApply(backend, 'store-042', ref('1.0.1'));
    const conflict = p.view.merge.conflicts.find((c) => c.pack === 'hello-universe');
    assert.ok(conflict, JSON.stringify(p.view.merge.conflicts));
    assert.ok(p.warnings.some((w) => w.code === 'override-conflict'));
    await executeApply(backend, p, { approveRepave: true, resolutions: [{ pack: 'hello-universe', path: conflict.path, choice: 'theirs' }] });
    assert.deepEqual(Object.keys((await backend.readCluster('store-042')).overrides), ['edge-k3s'], "taking the version's value leaves no override");

    const q = await prepareApply(backend, 'store-042', ref('1.0.1'));
    const edited = q.pendingText.replace(/replicas: 2\n(\s+manifests:)/, 'replicas: 7\n$1');
    assert.notEqual(edited, q.pendingText);
    await executeApply(backend, q, { approveRepave: true, pendingText: edited });
    assert.match((await backend.readCluster('store-042')).overrides['hello-universe'], /replicas: 7/);
    const r = await prepareApply(backend, 'store-042', ref('1.0.1'));
    const before = snapshot(root);
    await backendError(executeApply(backend, r, { approveRepave: true, pendingText: r.pendingText.replace('tag: 1.30.5', 'tag: 1.30.6') }), 'invalid', /more than pack values/);
    await backendError(executeApply(backend, q, { approveRepave: true, pendingText: edited }), 'conflict', /changed since the review/);
    assert.deepEqual(changedSince(before, root), []);
  });
});
