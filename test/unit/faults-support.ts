// The fault-injection rig: the fake Palette behind the fault proxy, another origin for redirects, and the checks every scenario ends with.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaletteApiBackend, PaletteApiOptions } from '../../server/src/backend/palette';
import type { ApplyRequest } from '../../server/src/backend/types';
import { FaultProxy, Recorder } from './fault-proxy';
import { finish, template, world, type World } from './palette-api-support';

export const replicas3 = 'manifests:\n  hello-universe:\n    replicas: 3\n';

export interface Rig {
  w: World;
  proxy: FaultProxy;
  /** Another origin, where cross-origin redirects point. */
  elsewhere: Recorder;
  /** The backend talking to the proxy, with a journal folder, fast retries and a short timeout. */
  backend: (extra?: Partial<PaletteApiOptions>) => PaletteApiBackend;
  historyDir: string;
  delays: number[];
}

export async function rig(): Promise<Rig> {
  const w = await world();
  const proxy = await FaultProxy.start(w.fake.url);
  const elsewhere = await Recorder.start();
  const historyDir = mkdtempSync(join(tmpdir(), 'pps-faults-'));
  const delays: number[] = [];
  const backend = (extra: Partial<PaletteApiOptions> = {}) =>
    w.backend({ baseUrl: proxy.url, historyDir, timeoutMs: 5000, sleep: async (ms) => void delays.push(ms), ...extra });
  return { w, proxy, elsewhere, backend, historyDir, delays };
}

export async function close(r: Rig | undefined): Promise<void> {
  if (!r) return;
  await r.proxy.close();
  await r.elsewhere.close();
  await finish(r.w);
}

/** The key reached only its own origin (every request through the proxy carried it; the other origin never saw it). */
export function assertKeyStayedHome(r: Rig): void {
  assert.ok(r.proxy.seen.length > 0);
  for (const s of r.proxy.seen) assert.equal(s.apiKey, r.w.fake.apiKey, `${s.method} ${s.path}`);
  assert.deepEqual(r.elsewhere.seen.filter((s) => s.apiKey !== undefined), [], 'the other origin got the ApiKey header');
}

/** Palette holds no unpublished copy (a clone a publish made and left). */
export function assertNoOrphan(r: Rig): void {
  const orphans = [...r.w.fake.profiles.values()].filter((p) => !p.published).map((p) => `${p.name} ${p.version} (${p.uid})`);
  assert.deepEqual(orphans, []);
}

/** store-042 still holds its override of hello-universe (3 replicas) on whatever version it runs. */
export function assertOverridesIntact(r: Rig): void {
  const attached = r.w.fake.clusterNamed('store-042').profiles[0];
  assert.equal(attached.overrides['hello-universe'], replicas3);
}

/** edge-retail 1.1.0 in the fake with a new OS image: applying it to a store repaves. */
export function addRepavingVersion(r: Rig): string {
  const packs = template.packs.map((p) => (p.layer === 'os' ? { ...p, values: 'options:\n  system.uri: ttl.sh/ubuntu:k3s-new\n' } : { ...p, manifests: p.manifests?.map((m) => ({ ...m })) }));
  return r.w.fake.addProfile({ name: 'edge-retail', version: '1.1.0', template: { ...template, packs }, labels: { env: 'prod' }, description: 'Edge stack', variables: [{ name: 'site_id', required: true }] }).uid;
}

export function applyRequest(extra: Partial<ApplyRequest> = {}): ApplyRequest {
  return { cluster: 'store-042', to: { name: 'edge-retail', version: '1.1.0' }, overrides: { 'hello-universe': replicas3 }, variables: { site_id: '042' }, impact: 'repave', repaveApproved: true, ...extra };
}
