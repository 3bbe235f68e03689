// The examples' whole sequence against the fake Palette API, through the flows the commands use: publish 1.1.0, apply it, roll back, update in place, apply the pending update.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { executeApply, executePublish, prepareApply, preparePublish, targetFor, withVersion } from '../../server/src/backend/flows';
import type { PaletteApiBackend } from '../../server/src/backend/palette';
import type { ClusterInfo } from '../../server/src/backend/types';
import { backendError } from './backend-errors';
import { examples, exampleWorld, finish, type World } from './palette-api-support';
import type { FakeProfile } from './palette-server';

const working = readFileSync(join(examples, 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');
const ref = (version: string) => ({ name: 'edge-retail', version });
const replicasOf = (values: string | undefined) => (parse(values ?? '') as { manifests?: { 'hello-universe'?: { replicas?: number } } })?.manifests?.['hello-universe']?.replicas;

interface PatchBody {
  profiles: { uid: string; replaceWithProfile?: string; packValues?: { name: string; values?: string }[] }[];
}

/** The cluster keeps the examples' overrides: 3 hello-universe replicas and the kubelet's max-pods=150. */
function assertOverridesKept(cluster: ClusterInfo): void {
  assert.deepEqual(Object.keys(cluster.overrides).sort(), ['edge-k3s', 'hello-universe']);
  assert.equal(replicasOf(cluster.overrides['hello-universe']), 3);
  assert.match(cluster.overrides['edge-k3s'], /- max-pods=150\n/);
}

// Steps of one user session: each `it` starts where the previous one left the fake Palette.
describe('palette api: the examples, publish to pending update', () => {
  let w: World;
  let backend: PaletteApiBackend;
  let v110: FakeProfile;
  let c42: string;
  const names = () => ({ [w.v100.uid]: '{v100}', [v110.uid]: '{v110}', [c42]: '{c42}' });
  /** The requests since the last `mark()`, ids named. */
  let from = 0;
  const mark = () => (from = w.fake.calls.length);
  const since = () => w.fake.sequence(names()).slice(from);
  const lastPatch = () => [...w.fake.calls].reverse().find((c) => c.method === 'PATCH' && c.path.endsWith('/profiles'))!.body as PatchBody;

  before(async () => {
    w = await exampleWorld();
    backend = w.backend();
    c42 = w.fake.clusterNamed('store-042').uid;
  });
  after(() => finish(w));

  it('publishes 1.1.0 from the example working file: previewed against 1.0.0 as a repave, then cloned and published', async () => {
    const preview = await preparePublish(backend, working);
    assert.deepEqual([preview.version, preview.blocked, preview.previous?.version, preview.plan?.impact], ['1.1.0', false, '1.0.0', 'repave'], preview.reasons.join(' '));
    mark();
    const { info } = await executePublish(backend, working);
    v110 = w.fake.profileNamed('edge-retail', '1.1.0')!;
    assert.equal(info.uid, v110.uid);
    assert.deepEqual(since().filter((c) => !c.startsWith('GET') && !c.startsWith('POST /v1/dashboard')), [
      'POST /v1/clusterprofiles/{v100}/clone',
      'PUT /v1/clusterprofiles/{v110}',
      'PUT /v1/clusterprofiles/{v110}/variables',
      'PATCH /v1/clusterprofiles/{v110}/publish',
    ]);
    const profiles = await backend.listProfiles();
    assert.deepEqual(profiles.map((p) => [p.name, p.versions.map((v) => v.version)]), [['edge-retail', ['1.1.0', '1.0.0']]]);
    // What Palette holds is the working file, read back as the same data.
    assert.deepEqual(parse(await backend.readVersion(ref('1.1.0'))), parse(working));
  });

  it('lists the clusters using 1.0.0: store-042 Running with its overrides, store-043 Provisioning', async () => {
    const clusters = await backend.listClusters();
    const using = clusters.filter((c) => c.profile?.name === 'edge-retail' && c.profile.version === '1.0.0');
    assert.deepEqual(using.map((c) => [c.name, c.status]), [['store-042', 'Running'], ['store-043', 'Provisioning']]);
    assertOverridesKept(using[0]);
    assert.deepEqual(using[0].variables, { site_id: '042' });
    assert.deepEqual(using[1].overrides, {});
  });

  it('refuses 1.1.0 on store-043 (Provisioning) and sends Palette no write', async () => {
    const prepared = await prepareApply(backend, 'store-043', ref('1.1.0'));
    assert.deepEqual(prepared.refusals.map((r) => r.code), ['cluster-provisioning']);
    mark();
    await backendError(executeApply(backend, prepared, { approveRepave: true }), 'refused', /Provisioning/);
    assert.deepEqual(since().filter((c) => !c.startsWith('GET') && !c.startsWith('POST /v1/dashboard')), []);
  });

  it('applies 1.1.0 to store-042: refused without the repave approved, then PATCH replaceWithProfile and repave approve, overrides kept', async () => {
    const cluster = await backend.readCluster('store-042');
    const prepared = await prepareApply(backend, 'store-042', targetFor(cluster, '1.1.0'));
    assert.deepEqual([prepared.from?.version, prepared.refused, prepared.needsRepaveApproval, prepared.rollback, prepared.pendingUpdate], ['1.0.0', false, true, false, false]);
    assert.match(prepared.repaveReason ?? '', /^Applying edge-retail 1\.1\.0 to store-042 will repave all nodes/);
    assert.match(prepared.pendingText, /- max-pods=150\n/);
    assert.match(prepared.pendingText, /etcd-snapshot-retention: 14/, "1.1.0's own change to the overridden pack is merged in");

    mark();
    await backendError(executeApply(backend, prepared, { approveRepave: false }), 'refused', /not approved/);
    assert.ok(!since().some((c) => c.startsWith('PATCH')), since().join('\n'));

    mark();
    const record = await executeApply(backend, prepared, { approveRepave: true });
    assert.deepEqual([record.from?.version, record.to.version, record.impact, record.repaveApproved], ['1.0.0', '1.1.0', 'repave', true]);
    assert.deepEqual(since().filter((c) => c.startsWith('PATCH') || c.includes('/repave')), [
      'PATCH /v1/spectroclusters/{c42}/profiles',
      'GET /v1/spectroclusters/{c42}/repave/status',
      'PATCH /v1/spectroclusters/{c42}/repave/approve',
    ]);
    const patch = lastPatch().profiles;
    assert.deepEqual(patch.map((p) => [p.uid, p.replaceWithProfile]), [[v110.uid, w.v100.uid]]);
    assert.deepEqual(patch[0].packValues?.map((p) => p.name).sort(), ['edge-k3s', 'hello-universe']);

    const after = await backend.readCluster('store-042');
    assert.deepEqual(after.profile, ref('1.1.0'));
    assert.deepEqual(after.repave, { approved: true, state: 'Approved' });
    assertOverridesKept(after);
    assert.deepEqual(w.fake.clusterNamed('store-042').profiles.map((p) => p.uid), [v110.uid], 'replaced, not added beside');
    assert.match(after.overrides['edge-k3s'], /etcd-snapshot-retention: 14/);
  });

  it('rolls store-042 back to 1.0.0: flagged as a rollback, the repave approved, the registry back to ttl.sh, overrides kept', async () => {
    const prepared = await prepareApply(backend, 'store-042', ref('1.0.0'));
    assert.deepEqual([prepared.from?.version, prepared.rollback, prepared.refused, prepared.needsRepaveApproval], ['1.1.0', true, false, true], prepared.refusals.map((r) => r.message).join(' '));
    mark();
    await backendError(executeApply(backend, prepared, { approveRepave: false }), 'refused', /repave/);
    assert.ok(!since().some((c) => c.startsWith('PATCH')));

    mark();
    await executeApply(backend, prepared, { approveRepave: true });
    assert.deepEqual(since().filter((c) => c.startsWith('PATCH')), ['PATCH /v1/spectroclusters/{c42}/profiles', 'PATCH /v1/spectroclusters/{c42}/repave/approve']);
    assert.deepEqual(lastPatch().profiles.map((p) => [p.uid, p.replaceWithProfile]), [[w.v100.uid, v110.uid]]);
    const after = await backend.readCluster('store-042');
    assert.deepEqual(after.profile, ref('1.0.0'));
    assert.equal(after.updatesAvailable, false);
    assertOverridesKept(after);
    assert.match(await backend.appliedText('store-042'), /system\.registry: ttl\.sh\n/);
  });

  it('updates 1.0.0 in place: its clusters show Updates Available, and store-042 applies the pending update with the same uid, overrides kept', async () => {
    const v100 = await backend.readVersion(ref('1.0.0'));
    // What the command sends: the edited content with the version's own number.
    const edited = withVersion(v100.replace('storageMinimalAvailablePercentage: 15', 'storageMinimalAvailablePercentage: 20'), '1.0.0');
    assert.notEqual(edited, v100);
    mark();
    const info = await backend.updateInPlace(ref('1.0.0'), edited);
    assert.deepEqual([info.uid, info.revision], [w.v100.uid, 2]);
    assert.deepEqual(since().filter((c) => !c.startsWith('GET') && !c.startsWith('POST /v1/dashboard')), [
      'PUT /v1/clusterprofiles/{v100}',
      'PUT /v1/clusterprofiles/{v100}/variables',
      'PATCH /v1/clusterprofiles/{v100}/publish',
    ]);
    const clusters = await backend.listClusters();
    assert.deepEqual(clusters.map((c) => [c.name, c.profile?.version, c.updatesAvailable]), [['store-042', '1.0.0', true], ['store-043', '1.0.0', true]]);

    const prepared = await prepareApply(backend, 'store-042', ref('1.0.0'));
    assert.deepEqual([prepared.pendingUpdate, prepared.rollback, prepared.refused, prepared.needsRepaveApproval], [true, false, false, false]);
    assert.deepEqual(prepared.plan.changes.map((c) => [c.pack, c.path]), [['csi-longhorn', 'charts.longhorn.defaultSettings.storageMinimalAvailablePercentage']]);
    mark();
    const record = await executeApply(backend, prepared, { approveRepave: false });
    assert.equal(record.repaveApproved, false);
    // Palette is asked first (no repave approved), then the PATCH accepts the pending update.
    assert.deepEqual(since().filter((c) => c.startsWith('PATCH') || c.includes('repave')), ['POST /v1/spectroclusters/{c42}/validate/repave', 'PATCH /v1/spectroclusters/{c42}/profiles']);
    const patch = [...w.fake.calls].reverse().find((c) => c.method === 'PATCH')!;
    assert.equal(patch.query.resolveNotification, 'true');
    assert.deepEqual((patch.body as PatchBody).profiles.map((p) => [p.uid, p.replaceWithProfile]), [[w.v100.uid, undefined]]);

    const after = await backend.readCluster('store-042');
    assert.deepEqual([after.profile?.version, after.updatesAvailable], ['1.0.0', false]);
    assertOverridesKept(after);
    assert.match(await backend.appliedText('store-042'), /storageMinimalAvailablePercentage: 20/);
    assert.equal((await backend.readCluster('store-043')).updatesAvailable, true, 'store-043 has not applied it');
  });
});
