// The Palette backend's cluster side against the fake Palette: reading clusters, apply with replaceWithProfile, repave check and approval.
import * as assert from 'node:assert/strict';
import type { ApplyRequest } from '../../server/src/backend/types';
import { BackendError } from '../../server/src/backend/types';
import { finish, profileYaml, world, type World } from './palette-api-support';

const replicas3 = 'manifests:\n  hello-universe:\n    replicas: 3\n';

function request(version: string, extra: Partial<ApplyRequest> = {}): ApplyRequest {
  return {
    cluster: 'store-042',
    to: { name: 'edge-retail', version },
    overrides: { 'hello-universe': replicas3 },
    variables: { site_id: '042' },
    impact: 'redeploy',
    repaveApproved: false,
    ...extra,
  };
}

describe('palette api: clusters', () => {
  let w: World | undefined;
  afterEach(async () => {
    await finish(w);
    w = undefined;
  });

  it('reads clusters: state, tags, profile version, overrides from isValuesOverridden, variables', async () => {
    w = await world();
    const clusters = await w.backend().listClusters();
    assert.deepEqual(clusters.map((c) => c.name), ['store-042', 'store-043']);
    const [c42, c43] = clusters;
    assert.equal(c42.status, 'Running');
    assert.equal(c42.cloudType, 'edge-native');
    assert.equal(c42.kubernetesDistribution, 'k3s');
    assert.deepEqual(c42.tags, ['service:hello-universe-frontend']);
    assert.deepEqual(c42.profile, { name: 'edge-retail', version: '1.0.0' });
    assert.deepEqual(c42.overrides, { 'hello-universe': replicas3 });
    assert.deepEqual(c42.variables, { site_id: '042' });
    assert.equal(c42.updatesAvailable, false);
    assert.deepEqual(c43.overrides, {});
    const configCalls = w.fake.calls.filter((c) => c.path.endsWith('/config'));
    assert.equal(configCalls.length, 6, 'one pack config call per pack per cluster');
  });

  it('applies a new version with replaceWithProfile, the overrides and the variables, and keeps the overrides', async () => {
    w = await world();
    const backend = w.backend();
    const v110 = await backend.publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s', 2));
    w.fake.calls.length = 0;
    const record = await backend.apply(request('1.1.0'));
    const patch = w.fake.calls.find((c) => c.method === 'PATCH')!;
    assert.equal(patch.query.resolveNotification, 'true');
    assert.deepEqual(patch.body, {
      profiles: [
        {
          uid: v110.uid,
          replaceWithProfile: w.v100.uid,
          packValues: [{ name: 'hello-universe', tag: '1.0.0', type: 'manifest', values: replicas3 }],
          variables: [{ name: 'site_id', value: '042' }],
        },
      ],
    });
    assert.ok(w.fake.calls.some((c) => c.path.endsWith('/validate/repave')), 'asks Palette before an unapproved apply');
    assert.deepEqual(record.from, { name: 'edge-retail', version: '1.0.0', uid: w.v100.uid });
    assert.equal(record.to.version, '1.1.0');
    assert.equal(record.result, 'applied');
    const cluster = w.fake.clusterNamed('store-042');
    assert.deepEqual(cluster.profiles.map((p) => p.uid), [v110.uid], 'replaced, not added beside');
    const after = await backend.readCluster('store-042');
    assert.deepEqual(after.profile, { name: 'edge-retail', version: '1.1.0' });
    assert.deepEqual(after.overrides, { 'hello-universe': replicas3 });
    // Rolling back is applying the older version the same way.
    await backend.apply(request('1.0.0'));
    assert.deepEqual((await backend.readCluster('store-042')).profile, { name: 'edge-retail', version: '1.0.0' });
  });

  it('refuses a repaving apply without approval: ours by the plan, Palette’s by validate/repave, with no PATCH', async () => {
    w = await world();
    const backend = w.backend();
    await backend.publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-new'));
    w.fake.calls.length = 0;
    const ours = await backend.apply(request('1.1.0', { impact: 'repave' })).catch((e: BackendError) => e);
    assert.ok(ours instanceof BackendError && ours.code === 'refused');
    assert.equal(w.fake.calls.length, 0);
    const theirs = await backend.apply(request('1.1.0')).catch((e: BackendError) => e);
    assert.ok(theirs instanceof BackendError && theirs.code === 'refused');
    assert.match(theirs.message, /Palette predicts .* repaves store-042 \(edge-native-byoi: os layer changes repave the nodes\)/);
    assert.ok(!w.fake.calls.some((c) => c.method === 'PATCH'));
  });

  it('applies an approved repave: PATCH, then repave/status, then repave/approve', async () => {
    w = await world();
    const backend = w.backend();
    await backend.publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-new'));
    const uid = w.fake.clusterNamed('store-042').uid;
    w.fake.calls.length = 0;
    const record = await backend.apply(request('1.1.0', { impact: 'repave', repaveApproved: true }));
    assert.equal(record.repaveApproved, true);
    const tail = w.fake.sequence({ [uid]: '{c}' }).slice(-3);
    assert.deepEqual(tail, ['PATCH /v1/spectroclusters/{c}/profiles', 'GET /v1/spectroclusters/{c}/repave/status', 'PATCH /v1/spectroclusters/{c}/repave/approve']);
    assert.ok(!w.fake.calls.some((c) => c.path.endsWith('/validate/repave')), 'no server check needed once approved');
    assert.equal(w.fake.clusterNamed('store-042').repave?.state, 'Approved');
    assert.deepEqual((await backend.readCluster('store-042')).repave, { approved: true, state: 'Approved' });
  });

  it('does not approve when the apply left no repave pending', async () => {
    w = await world();
    await w.backend().publish(profileYaml('1.1.0'));
    await w.backend().apply(request('1.1.0', { repaveApproved: true }));
    assert.ok(w.fake.calls.some((c) => c.path.endsWith('/repave/status')));
    assert.ok(!w.fake.calls.some((c) => c.path.endsWith('/repave/approve')));
  });

  it('maps validate/repave to a RepavePrediction', async () => {
    w = await world();
    const backend = w.backend();
    await backend.publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-new'));
    const repave = await backend.validateRepave('store-042', request('1.1.0'));
    assert.deepEqual(repave, { repave: true, reasons: ['edge-native-byoi: os layer changes repave the nodes'] });
    await backend.publish(profileYaml('1.2.0'));
    assert.deepEqual(await backend.validateRepave('store-042', request('1.2.0')), { repave: false, reasons: [] });
    const body = [...w.fake.calls].reverse().find((c) => c.path.endsWith('/validate/repave'))!.body as { profiles: { replaceWithProfile?: string }[] };
    assert.equal(body.profiles[0].replaceWithProfile, w.v100.uid);
  });

  it('applies the pending update of an in-place edit: same uid, no replaceWithProfile, overrides kept', async () => {
    w = await world();
    const backend = w.backend();
    await backend.updateInPlace({ name: 'edge-retail', version: '1.0.0' }, profileYaml('1.0.0', 'ttl.sh/ubuntu:k3s', 7));
    assert.equal((await backend.readCluster('store-042')).updatesAvailable, true);
    await backend.apply(request('1.0.0'));
    const patch = [...w.fake.calls].reverse().find((c) => c.method === 'PATCH')!.body as { profiles: { uid: string; replaceWithProfile?: string }[] };
    assert.deepEqual([patch.profiles[0].uid, patch.profiles[0].replaceWithProfile], [w.v100.uid, undefined]);
    const after = await backend.readCluster('store-042');
    assert.equal(after.updatesAvailable, false);
    assert.deepEqual(after.overrides, { 'hello-universe': replicas3 });
  });

  it('sets and removes a cluster override', async () => {
    w = await world();
    const backend = w.backend();
    await backend.setOverride('store-043', 'hello-universe', replicas3);
    assert.deepEqual((await backend.readCluster('store-043')).overrides, { 'hello-universe': replicas3 });
    await backend.setOverride('store-043', 'hello-universe', undefined);
    assert.deepEqual((await backend.readCluster('store-043')).overrides, {});
    const patches = w.fake.calls.filter((c) => c.method === 'PATCH');
    assert.ok(patches.every((c) => c.query.resolveNotification === undefined), 'an override edit does not accept pending updates');
  });

  it('gives the applied profile text and an empty history', async () => {
    w = await world();
    const text = await w.backend().appliedText('store-043');
    assert.match(text, /version: 1\.0\.0/);
    assert.match(text, /kind: Namespace/);
    assert.deepEqual(await w.backend().history('store-043'), []);
  });

  it('names a missing cluster', async () => {
    w = await world();
    const error = await w.backend().readCluster('store-999').catch((e: BackendError) => e);
    assert.ok(error instanceof BackendError);
    assert.equal(error.code, 'not-found');
    assert.match(error.message, /cluster store-999/);
  });
});
