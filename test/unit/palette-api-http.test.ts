// The Palette backend's HTTP behavior against the fake Palette: retries, Retry-After, timeouts, cancellation, error messages, no key leaks.
import * as assert from 'node:assert/strict';
import { retryAfterMs } from '../../server/src/backend/palette/http';
import { PaletteApiBackend } from '../../server/src/backend/palette';
import { finish, profileYaml, world, type World } from './palette-api-support';
import { backendError } from './backend-errors';


describe('palette api: http', () => {
  let w: World | undefined;
  afterEach(async () => {
    await finish(w);
    w = undefined;
  });

  it('retries a 429 after the Retry-After it was given (capped), then succeeds', async () => {
    w = await world();
    const delays: number[] = [];
    w.fake.inject({ path: /^\/v1\/dashboard\/clusterprofiles$/, status: 429, retryAfter: '120', times: 2 });
    const backend = w.backend({ retryAfterCapMs: 7, sleep: async (ms) => void delays.push(ms) });
    const profiles = await backend.listProfiles();
    assert.deepEqual(profiles.map((p) => p.name), ['edge-retail']);
    assert.deepEqual(delays, [7, 7]);
    assert.deepEqual(w.fake.calls.map((c) => c.status), [429, 429, 200]);
    assert.match(w.logs[0], /^POST \/v1\/dashboard\/clusterprofiles\?limit=50 → 429 \d+ms \(attempt 1\)$/);
    assert.match(w.logs[2], /→ 200 \d+ms \(attempt 3\)$/);
  });

  it('backs off exponentially with jitter when no Retry-After is given, and gives up with a server error', async () => {
    w = await world();
    const delays: number[] = [];
    w.fake.inject({ method: 'GET', path: /^\/v1\/spectroclusters\/\w+$/, status: 502, times: 99 });
    const backend = w.backend({ retries: 3, retryBaseMs: 100, retryMaxMs: 250, sleep: async (ms) => void delays.push(ms) });
    const error = await backendError(backend.readCluster('store-042'));
    assert.equal(error.code, 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /HTTP 502\) after 4 attempts/);
    assert.equal(delays.length, 3);
    // Doubling from 100, capped at 250, each in the upper half of its step.
    [100, 200, 250].forEach((step, i) => assert.ok(delays[i] >= step / 2 && delays[i] <= step, `delay ${i}: ${delays[i]}`));
  });

  it('does not retry a 4xx', async () => {
    w = await world();
    w.fake.inject({ path: /^\/v1\/dashboard\/spectroclusters\/search$/, status: 403, times: 99 });
    const error = await backendError(w.backend().listClusters());
    assert.equal(error.code, 'forbidden');
    assert.match(error.message, /HTTP 403/);
    assert.equal(w.fake.calls.length, 1);
  });

  it('times out a slow answer as timeout', async () => {
    w = await world();
    w.fake.inject({ path: /^\/v1\/dashboard\/clusterprofiles$/, delayMs: 5000 });
    const error = await backendError(w.backend({ timeoutMs: 50 }).listProfiles());
    assert.equal(error.code, 'timeout');
    assert.match(error.message, /did not answer POST \/v1\/dashboard\/clusterprofiles within 50 ms/);
  });

  it('explains a 401 with the command to set the key, and never shows the key, not even when the server echoes it', async () => {
    w = await world();
    const key = 'pk-wrong-TOPSECRET-41b2';
    const backend = w.backend({ apiKey: key });
    const error = await backendError(backend.listClusters());
    assert.equal(error.code, 'unauthorized');
    assert.match(error.message, /invalid or expired/);
    assert.match(error.message, /Palette: Set API Key/);
    assert.ok(!error.message.includes(key));
    assert.ok(w.logs.length > 0);
    assert.ok(w.logs.every((line) => !line.includes(key)));
    // The fake echoes the key in its 401 body; a 400 body echoing it must be scrubbed as well.
    w.fake.inject({ path: /validate\/name$/, status: 400, message: `bad request from key ${w.fake.apiKey}` });
    const echoed = await backendError(w.backend().publish(profileYaml('2.0.0')));
    assert.equal(echoed.code, 'invalid');
    assert.ok(!echoed.message.includes(w.fake.apiKey));
    assert.match(echoed.message, /from key \*\*\*/);
  });

  it('says what was not found, forbidden or in conflict', async () => {
    w = await world();
    w.fake.inject({ method: 'PATCH', path: /\/profiles$/, status: 409, message: 'cluster is being upgraded' });
    await w.backend().publish(profileYaml('1.1.0'));
    const conflict = await backendError(w.backend().apply({ cluster: 'store-043', to: { name: 'edge-retail', version: '1.1.0' }, overrides: {}, variables: {}, impact: 'no-op', repaveApproved: false }));
    assert.equal(conflict.code, 'conflict');
    assert.match(conflict.message, /conflict for cluster store-043 \(HTTP 409\): cluster is being upgraded/);
    w.fake.inject({ method: 'GET', path: /^\/v1\/clusterprofiles\/\w+$/, status: 403 });
    const forbidden = await backendError(w.backend().readVersion({ name: 'edge-retail', version: '1.0.0' }));
    assert.match(forbidden.message, /refused access to cluster profile edge-retail 1\.0\.0 \(HTTP 403\)/);
  });

  it('cancels through the AbortSignal: before a call, and while one is in flight', async () => {
    w = await world();
    const early = new AbortController();
    early.abort();
    assert.equal((await backendError(w.backend().listProfiles(early.signal))).code, 'cancelled');
    assert.equal(w.fake.calls.length, 0);
    const controller = new AbortController();
    w.fake.inject({ path: /^\/v1\/dashboard\/spectroclusters\/search$/, delayMs: 5000 });
    w.fake.onReceive = (_method, path) => path.endsWith('/search') && controller.abort();
    const error = await backendError(w.backend().listClusters(controller.signal));
    assert.equal(error.code, 'cancelled');
  });

  it('cancelling a publish after its clone still deletes the clone', async () => {
    w = await world();
    const controller = new AbortController();
    w.fake.inject({ method: 'PUT', path: /^\/v1\/clusterprofiles\/\w+$/, delayMs: 5000 });
    w.fake.onReceive = (method) => method === 'PUT' && controller.abort();
    const error = await backendError(w.backend().publish(profileYaml('1.1.0'), controller.signal));
    assert.equal(error.code, 'cancelled');
    assert.match(error.message, /the partial copy was deleted/);
    assert.equal(w.fake.profileNamed('edge-retail', '1.1.0'), undefined);
  });

  it('works at tenant scope: no ProjectUid header, clone target tenant', async () => {
    w = await world({ projectUid: null });
    const backend = w.backend();
    assert.equal(backend.label, `${w.fake.url.replace('http://', '')} (tenant)`);
    await backend.publish(profileYaml('1.1.0'));
    const clone = w.fake.calls.find((c) => c.path.endsWith('/clone'))!.body as { metadata: { target: unknown } };
    assert.deepEqual(clone.metadata.target, { scope: 'tenant' });
  });

  it('reports an unreachable host as network, after retrying idempotent calls', async () => {
    w = await world();
    const delays: number[] = [];
    await w.fake.close();
    const backend = new PaletteApiBackend({ baseUrl: w.fake.url, apiKey: 'k', retries: 2, sleep: async (ms) => void delays.push(ms) });
    const error = await backendError(backend.readVersion({ name: 'x', version: '1.0.0', uid: 'cp1' }));
    assert.equal(error.code, 'network');
    assert.match(error.message, /Could not reach Palette at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
    assert.equal(delays.length, 2);
    assert.equal(new PaletteApiBackend({ apiKey: 'k', projectUid: 'p1' }).label, 'api.spectrocloud.com (project p1)');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(retryAfterMs('3'), 3000);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(null), undefined);
  });
});

describe('palette api: the fake Palette checks requests', () => {
  let w: World | undefined;
  afterEach(async () => {
    await w?.fake.close();
    w = undefined;
  });

  const send = (w: World, method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(w.fake.url + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('records a misspelt body field, a wrong type, an unknown query parameter, a missing or wrong header, an unknown path', async () => {
    w = await world();
    const ok = { ApiKey: w.fake.apiKey, ProjectUid: w.fake.projectUid! };
    const cluster = w.fake.clusterNamed('store-042').uid;
    await send(w, 'PATCH', `/v1/spectroclusters/${cluster}/profiles?resolveNotification=yes`, ok, { profiles: [{ uid: w.v100.uid, replaceWithProfiles: 'x' }] });
    await send(w, 'POST', '/v1/clusterprofiles', ok, { metadata: { name: 'x' }, spec: { version: 1 } });
    await send(w, 'POST', '/v1/dashboard/clusterprofiles?limit=51&page=2', ok, { filter: {} });
    await send(w, 'GET', '/v1/clusterprofiles/validate/name?name=x', { ProjectUid: 'other' });
    await send(w, 'GET', '/v1/clusterprofiles/x/y/z', ok);
    const v = w.fake.violations;
    assert.ok(v.some((x) => /PATCH .*query resolveNotification=yes is not a boolean/.test(x)), v.join('\n'));
    assert.ok(v.some((x) => /PATCH .*must NOT have additional properties/.test(x)), v.join('\n'));
    assert.ok(v.some((x) => /POST \/v1\/clusterprofiles: body breaks .*version.* must be string/.test(x)), v.join('\n'));
    assert.ok(v.some((x) => /limit=51 exceeds 50/.test(x)));
    assert.ok(v.some((x) => /query parameter page is not in the spec/.test(x)));
    assert.ok(v.some((x) => /validate\/name: no ApiKey header/.test(x)));
    assert.ok(v.some((x) => /ProjectUid header other, expected/.test(x)));
    assert.ok(v.some((x) => /x\/y\/z: no such path in the spec/.test(x)));
  });
});
