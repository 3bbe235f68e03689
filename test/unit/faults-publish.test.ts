// Publishing through a proxy that injects faults: a create or clone is made once, a lost answer is settled by reading Palette, no orphan stays, the key stays home.
import * as assert from 'node:assert/strict';
import { executePublish, preparePublish } from '../../server/src/backend/flows';
import { backendError } from './backend-errors';
import { profileYaml } from './palette-api-support';
import { assertKeyStayedHome, assertNoOrphan, close, rig, type Rig } from './faults-support';

const clone = /^\/v1\/clusterprofiles\/\w+\/clone$/;
const v110 = () => profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-2', 4);

describe('faults: publish', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await close(r);
    r = undefined;
  });

  /** Exactly one edge-retail 1.1.0 in Palette, published, and the clone reached Palette `clones` times. */
  function publishedOnce(r: Rig, uid: string | undefined, clones: number) {
    const made = [...r.w.fake.profiles.values()].filter((p) => p.name === 'edge-retail' && p.version === '1.1.0');
    assert.deepEqual(made.map((p) => [p.uid, !!p.published]), [[uid, true]]);
    assert.equal(made[0].published!.packs[0].values, 'options:\n  system.uri: ttl.sh/ubuntu:k3s-2\n');
    assert.equal(r.w.fake.calls.filter((c) => clone.test(c.path)).length, clones);
    assertNoOrphan(r);
    assertKeyStayedHome(r);
  }

  it('429 with Retry-After: the clone waits the time asked and goes again (Palette turned it away unprocessed)', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: clone, fault: { kind: 'status', status: 429, retryAfter: '2' } });
    const info = await r.backend({ retryAfterCapMs: 30_000 }).publish(v110());
    assert.deepEqual(r.delays, [2000]);
    assert.equal(info.notes, undefined);
    publishedOnce(r, info.uid, 1);
  });

  for (const fault of [{ kind: 'status', status: 502 }, { kind: 'reset' }] as const) {
    it(`${fault.kind} after the clone was made: not cloned again, the clone Palette made is published, and the note says so`, async () => {
      r = await rig();
      r.proxy.inject({ method: 'POST', path: clone, fault: { ...fault, after: true } });
      const result = await executePublish(r.backend(), v110());
      assert.equal(r.proxy.hits('POST', clone).length, 1, 'the clone is sent once');
      assert.match(result.info.notes?.join(' ') ?? '', /^Palette's answer to the clone of edge-retail 1\.1\.0 was lost \(.+\); Palette had made it \(uid \w+\), so it was used, not made again\.$/);
      publishedOnce(r, result.info.uid, 1);
    });

    it(`${fault.kind} before the clone reached Palette: Palette holds none, so it is cloned once more`, async () => {
      r = await rig();
      r.proxy.inject({ method: 'POST', path: clone, fault });
      const info = await r.backend().publish(v110());
      assert.equal(r.proxy.hits('POST', clone).length, 2);
      assert.equal(info.notes, undefined);
      publishedOnce(r, info.uid, 1);
    });
  }

  it('a stall after the clone was made: the client times out, finds the clone and publishes it', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: clone, fault: { kind: 'stall', after: true } });
    const info = await r.backend({ timeoutMs: 400 }).publish(v110());
    assert.match(info.notes?.join(' ') ?? '', /answer to the clone .* was lost \(Palette did not answer POST .* within 400 ms\.\)/);
    publishedOnce(r, info.uid, 1);
  });

  it('a stall before the clone reached Palette: timed out, none made, cloned once more', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: clone, fault: { kind: 'stall' } });
    const info = await r.backend({ timeoutMs: 400 }).publish(v110());
    assert.equal(r.proxy.hits('POST', clone).length, 2);
    publishedOnce(r, info.uid, 1);
  });

  it('5xx and a reset on the dashboard list (a POST that only reads) are retried like a GET', async () => {
    r = await rig();
    const list = /^\/v1\/dashboard\/clusterprofiles$/;
    r.proxy.inject({ method: 'POST', path: list, fault: { kind: 'status', status: 503 } });
    r.proxy.inject({ method: 'POST', path: list, fault: { kind: 'reset' } });
    const info = await r.backend().publish(v110());
    assert.equal(r.delays.length, 2);
    publishedOnce(r, info.uid, 1);
  });

  it('a clone whose answer was lost, and Palette unreadable after: the message says the state is unknown and what settles it', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: clone, fault: { kind: 'status', status: 502, after: true } });
    // The versions read before the clone passes; every read after it fails.
    r.proxy.inject({ method: 'POST', path: /^\/v1\/dashboard\/clusterprofiles$/, skip: 1, times: 9, fault: { kind: 'status', status: 503 } });
    await backendError(r.backend().publish(v110()), 'server', /^Publishing edge-retail 1\.1\.0: Palette's answer was lost \(.*HTTP 502.*\) and Palette could not be read back \(.*HTTP 503.*\), so whether Palette made edge-retail 1\.1\.0 is unknown: look for it in Palette, or publish again/);
    // Publishing again (Palette readable) settles it: the copy is deleted and made anew.
    r.proxy.rules.length = 0;
    const info = await r.backend().publish(v110());
    assert.match(info.notes?.join(' ') ?? '', /An unpublished copy of edge-retail 1\.1\.0 .* was deleted/);
    publishedOnce(r, info.uid, 2);
  });

  it('5xx on every clone: not published, Palette holds nothing, and the message says both', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: clone, times: 9, fault: { kind: 'status', status: 503 } });
    await backendError(r.backend().publish(v110()), 'server', /^Publishing edge-retail 1\.1\.0 failed: .*HTTP 503\) after 1 attempts.*; Palette holds no edge-retail 1\.1\.0, so nothing was published\.$/);
    assert.equal(r.proxy.hits('POST', clone).length, 2, 'sent once, and once more after reading that nothing was made');
    assert.equal(r.w.fake.profileNamed('edge-retail', '1.1.0'), undefined);
    assertNoOrphan(r);
    assertKeyStayedHome(r);
  });

  it('502 after the publish PATCH took effect: its retry finds nothing to publish, reading back shows it published, no cleanup', async () => {
    r = await rig();
    r.proxy.inject({ method: 'PATCH', path: /\/publish$/, fault: { kind: 'status', status: 502, after: true } });
    const info = await r.backend().publish(v110());
    assert.match(info.notes?.join(' ') ?? '', /answer to the publish was lost .*; reading cluster profile edge-retail 1\.1\.0 back shows it published\./);
    assert.ok(!r.w.fake.calls.some((c) => c.method === 'DELETE'));
    publishedOnce(r, info.uid, 1);
  });

  it('502 after a new profile was created: reported published (not "not published"), created once', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: /^\/v1\/clusterprofiles$/, fault: { kind: 'status', status: 502, after: true } });
    const info = await r.backend().publish(v110().replace('name: edge-retail', 'name: edge-kiosk'));
    assert.match(info.notes?.join(' ') ?? '', /answer to the create of edge-kiosk 1\.1\.0 was lost .*HTTP 502.*; Palette had made it/);
    assert.equal(r.proxy.hits('POST', /^\/v1\/clusterprofiles$/).length, 1);
    assert.ok(r.w.fake.profileNamed('edge-kiosk', '1.1.0')?.published);
    assertNoOrphan(r);
    assertKeyStayedHome(r);
  });

  it('an orphan clone an interrupted publish left does not take the version: the next publish deletes it and says so', async () => {
    r = await rig();
    // The PUT fails for good and so does the cleanup's DELETE: the clone stays behind, and the message says where.
    r.proxy.inject({ method: 'PUT', path: /^\/v1\/clusterprofiles\/\w+$/, times: 9, fault: { kind: 'status', status: 400 } });
    r.proxy.inject({ method: 'DELETE', path: /^\/v1\/clusterprofiles\/\w+$/, times: 9, fault: { kind: 'status', status: 403 } });
    await backendError(r.backend().publish(v110()), 'invalid', /failed at PUT .*; the partial copy \(uid (\w+)\) could not be deleted \(the next publish of edge-retail 1\.1\.0 deletes it\)/);
    const orphan = r.w.fake.profileNamed('edge-retail', '1.1.0')!;
    assert.ok(orphan && !orphan.published);
    r.proxy.rules.length = 0;
    // Not taken in the preview, and publishing goes through.
    const preview = await preparePublish(r.backend(), v110());
    assert.deepEqual([preview.taken, preview.blocked], [false, false], preview.reasons.join(' '));
    const result = await executePublish(r.backend(), v110());
    assert.match(result.info.notes?.join(' ') ?? '', new RegExp(`^An unpublished copy of edge-retail 1\\.1\\.0 \\(uid ${orphan.uid}\\) that an interrupted publish left in Palette was deleted\\.$`));
    assert.equal(r.w.fake.profiles.has(orphan.uid), false);
    publishedOnce(r, result.info.uid, 2);
  });

  it('an unpublished draft of a profile with nothing published is not taken for an orphan: refused, named, left alone', async () => {
    r = await rig();
    r.w.fake.profiles.set('cp-draft', { uid: 'cp-draft', name: 'edge-kiosk', version: '1.0.0', draft: { cloudType: 'edge-native', type: 'cluster', packs: [] }, annotations: {}, labels: {}, variables: [], revision: 0, modified: new Date().toISOString() });
    await backendError(r.backend().publish(profileYaml('1.0.0').replace('name: edge-retail', 'name: edge-kiosk')), 'conflict', /edge-kiosk 1\.0\.0 exists in Palette as an unpublished draft \(uid cp-draft\).*publish or delete it in Palette first/);
    assert.ok(r.w.fake.profiles.has('cp-draft'));
    assertKeyStayedHome(r);
  });
});
