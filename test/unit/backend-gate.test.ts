// The workspace-trust gate of backends: an untrusted workspace never writes the store and never calls Palette (the integration harness runs trusted only).
import * as assert from 'node:assert/strict';
import { gateBackend, writeMethods } from '../../client/src/backend/gate';
import { BackendError, type Backend } from '../../server/src/backend/types';

function recording(kind: 'local' | 'palette'): { backend: Backend; calls: string[] } {
  const calls: string[] = [];
  const handler = (name: string) => async () => {
    calls.push(name);
    return name === 'listProfiles' || name === 'listClusters' || name === 'history' ? [] : ({} as never);
  };
  const methods = ['listProfiles', 'readVersion', 'publish', 'updateInPlace', 'updateMetadata', 'listClusters', 'readCluster', 'appliedText', 'setOverride', 'apply', 'history', 'validateRepave'];
  const backend = Object.fromEntries([['kind', kind], ['label', kind], ...methods.map((m) => [m, handler(m)])]) as unknown as Backend;
  return { backend, calls };
}

const call = (backend: Backend, method: string) => (backend as unknown as Record<string, () => Promise<unknown>>)[method]();

describe('backend trust gate', () => {
  it('refuses every write to the local store while untrusted, and lets reads through', async () => {
    const { backend, calls } = recording('local');
    const gated = gateBackend(backend, () => false);
    for (const method of writeMethods) {
      await assert.rejects(call(gated, method), (error: unknown) => error instanceof BackendError && error.code === 'refused' && /untrusted workspace/.test(error.message));
    }
    await call(gated, 'listProfiles');
    await call(gated, 'readCluster');
    assert.deepEqual(calls, ['listProfiles', 'readCluster']);
    assert.equal(gated.kind, 'local');
  });

  it('refuses every Palette call, reads included, while untrusted', async () => {
    const { backend, calls } = recording('palette');
    const gated = gateBackend(backend, () => false);
    for (const method of ['listProfiles', 'readVersion', 'listClusters', 'validateRepave', ...writeMethods]) await assert.rejects(call(gated, method), /Calling Palette is turned off in an untrusted workspace/);
    assert.deepEqual(calls, []);
  });

  it('asks at call time: granting trust lets the same backend through', async () => {
    let trusted = false;
    const { backend, calls } = recording('local');
    const gated = gateBackend(backend, () => trusted);
    await assert.rejects(call(gated, 'publish'));
    trusted = true;
    await call(gated, 'publish');
    assert.deepEqual(calls, ['publish']);
  });
});
