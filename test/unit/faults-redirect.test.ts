// Redirects through the fault proxy: a same-origin redirect is followed with the key; a redirect to another origin never carries the key there.
import * as assert from 'node:assert/strict';
import { BackendError } from '../../server/src/backend/types';
import { profileYaml } from './palette-api-support';
import { assertKeyStayedHome, assertNoOrphan, close, rig, type Rig } from './faults-support';


describe('faults: redirects', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await close(r);
    r = undefined;
  });

  it('a same-origin 307 is followed, with the key, to its own origin', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: /^\/v1\/dashboard\/clusterprofiles$/, fault: { kind: 'redirect', status: 307, location: '/v1/dashboard/clusterprofiles?limit=50' } });
    const profiles = await r.backend().listProfiles();
    assert.deepEqual(profiles.map((p) => p.name), ['edge-retail']);
    assert.equal(r.proxy.hits('POST', /^\/v1\/dashboard\/clusterprofiles$/).length, 2, 'the redirect, then the request it points at');
    assertKeyStayedHome(r);
  });

  it('a 307 to another origin on a read: the other origin never gets the key, and the call fails', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: /^\/v1\/dashboard\/clusterprofiles$/, fault: { kind: 'redirect', status: 307, location: `${r.elsewhere.url}/v1/dashboard/clusterprofiles` } });
    const outcome = await r.backend().listProfiles().catch((e: unknown) => e);
    assert.ok(outcome instanceof BackendError, 'a redirect off its origin is an error, not the other origin’s answer');
    assertKeyStayedHome(r);
  });

  it('a 307 to another origin on the clone: the key stays home, nothing published, no orphan', async () => {
    r = await rig();
    r.proxy.inject({ method: 'POST', path: /\/clone$/, times: 9, fault: { kind: 'redirect', status: 307, location: `${r.elsewhere.url}/v1/clusterprofiles/x/clone` } });
    const outcome = await r.backend().publish(profileYaml('1.1.0')).catch((e: unknown) => e);
    assert.ok(outcome instanceof BackendError, 'the publish is not reported done');
    assert.equal(r.w.fake.profileNamed('edge-retail', '1.1.0'), undefined);
    assertNoOrphan(r);
    assertKeyStayedHome(r);
  });
});
