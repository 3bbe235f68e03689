// Nothing is applied from a stored version that does not read back whole, and no override is dropped without the user accepting it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { executeApply, prepareApply } from '../../server/src/backend/flows';
import { LocalStoreBackend } from '../../server/src/backend/local';
import { digestOf } from '../../server/src/backend/local/digest';
import type { Backend } from '../../server/src/backend/types';
import { backendError } from './backend-errors';
import { changedSince, scratchStore, snapshot } from './backend-local-support';

const cli = join(process.cwd(), 'dist', 'cli.js');
const ref = (version: string) => ({ name: 'edge-retail', version });

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const v100File = (store: string) => join(store, 'profiles', 'edge-retail', '1.0.0.yaml');

/** 1.0.1: 1.0.0 without hello-universe's `replicas` default, so store-042's override of it has nowhere to go. */
function publishWithoutReplicas(store: string): string {
  const text = readFileSync(v100File(store), 'utf8').replace('version: 1.0.0', 'version: 1.0.1').replace("              siteId: '{{.spectro.var.site_id}}'\n              replicas: 1\n", "              siteId: '{{.spectro.var.site_id}}'\n");
  assert.ok(!text.includes("site_id}}'\n              replicas: 1"), 'the fixture removes the default');
  return text;
}

describe('store integrity: versions that do not read back whole', () => {
  const corruptions: [string, (text: string) => string][] = [
    ['truncated', (t) => t.slice(0, Math.floor(t.length / 3))],
    ['truncated inside a block scalar', (t) => t.slice(0, t.indexOf('replicas: 1'))],
    ['empty', () => ''],
    ['garbage', () => '\u0000\u0001{{{ not: [yaml'],
  ];
  for (const [what, corrupt] of corruptions) {
    for (const digested of [true, false]) {
      it(`apply 1.0.0 from a ${what} 1.0.0 ${digested ? 'with' : 'without (an older store)'} a digest exits 1, and both overrides stay`, () => {
        const store = scratchStore();
        const text = readFileSync(v100File(store), 'utf8');
        if (digested) mkdirSync(join(store, 'meta', 'edge-retail'), { recursive: true });
        if (digested) writeFileSync(join(store, 'meta', 'edge-retail', '1.0.0.json'), JSON.stringify({ revision: 1, digest: digestOf(text) }));
        writeFileSync(v100File(store), corrupt(text));
        const before = snapshot(store);
        const r = run(dirname(store), 'apply', '1.0.0', '--cluster', 'store-042', '--approve-repave');
        assert.equal(r.code, 1, r.stdout + r.stderr);
        // Without a digest, a cut at a pack boundary is still a profile: the dropped overrides stop it.
        assert.match(r.stderr, digested ? /\.palette\/profiles\/edge-retail\/1\.0\.0\.yaml does not read back whole/ : /\.palette\/profiles\/edge-retail\/1\.0\.0\.yaml does not read back whole|not applied: .*drops \d+ overrides? of store-042/);
        assert.doesNotMatch(r.stderr, /palette-profile: applied|internal error/);
        assert.deepEqual(changedSince(before, store), []);
        const record = readFileSync(join(store, 'clusters', 'store-042.yaml'), 'utf8');
        assert.match(record, /hello-universe: \|-/);
        assert.match(record, /edge-k3s: \|-/);
      });
    }
  }

  it('publish records a digest; a version changed since (still valid YAML) is refused, and nothing is written', async () => {
    const store = scratchStore();
    const backend = new LocalStoreBackend(store);
    const text = publishWithoutReplicas(store).replace('version: 1.0.1', 'version: 1.0.2');
    await backend.publish(text);
    const meta = JSON.parse(readFileSync(join(store, 'meta', 'edge-retail', '1.0.2.json'), 'utf8')) as { digest: string };
    assert.equal(meta.digest, digestOf(text));
    assert.equal(await backend.readVersion(ref('1.0.2')), text);
    writeFileSync(join(store, 'profiles', 'edge-retail', '1.0.2.yaml'), text.replace('timeout: 60', 'timeout: 61'));
    const before = snapshot(store);
    await backendError(backend.readVersion(ref('1.0.2')), 'refused', /1\.0\.2\.yaml does not read back whole \(its content does not match the digest/);
    await backendError(prepareApply(backend, 'store-042', ref('1.0.2')), 'refused', /1\.0\.2\.yaml/);
    await backendError(backend.apply({ cluster: 'store-042', to: ref('1.0.2'), overrides: {}, variables: {}, impact: 'config-reload', repaveApproved: false }), 'refused', /digest/);
    assert.deepEqual(changedSince(before, store), []);
  });

  it('a version stored before digests reads with a warning and gets its digest on the next write that reads it', async () => {
    const store = scratchStore();
    const lines: string[] = [];
    const backend = new LocalStoreBackend(store, (line) => lines.push(line));
    assert.ok(!existsSync(join(store, 'meta', 'edge-retail', '1.0.0.json')));
    const text = await backend.readVersion(ref('1.0.0'));
    assert.ok(lines.some((l) => /^warning: \.palette\/profiles\/edge-retail\/1\.0\.0\.yaml has no digest/.test(l)), lines.join('\n'));
    const p = await prepareApply(backend, 'store-042', ref('1.0.0'));
    await executeApply(backend, p, { approveRepave: true });
    const meta = JSON.parse(readFileSync(join(store, 'meta', 'edge-retail', '1.0.0.json'), 'utf8')) as { digest: string; revision: number };
    assert.deepEqual([meta.digest, meta.revision], [digestOf(text), 1]);
  });

  it('a version read from another backend that is not a whole profile is refused before the plan', async () => {
    const store = scratchStore();
    const local = new LocalStoreBackend(store);
    const torn: Backend = Object.assign(Object.create(local) as Backend, { readVersion: async () => 'metadata:\n  name: edge-retail\n' });
    await backendError(prepareApply(torn, 'store-042', ref('1.0.0')), 'refused', /edge-retail 1\.0\.0 as read from the backend is not a whole profile/);
  });
});

describe('store integrity: dropped overrides', () => {
  it('the CLI refuses an apply that drops an override unless --accept-dropped, naming it', () => {
    const store = scratchStore();
    writeFileSync(join(dirname(store), 'next.profile.yaml'), publishWithoutReplicas(store));
    assert.equal(run(dirname(store), 'publish', 'next.profile.yaml').code, 0);
    const before = snapshot(store);
    const r = run(dirname(store), 'apply', '1.0.1', '--cluster', 'store-042', '--approve-repave');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /not applied: Applying edge-retail 1\.0\.1 drops 1 override of store-042: store-042's override of hello-universe manifests\.hello-universe\.replicas is dropped.*Pass --accept-dropped/);
    assert.deepEqual(changedSince(before, store), []);
    const ok = run(dirname(store), 'apply', '1.0.1', '--cluster', 'store-042', '--approve-repave', '--accept-dropped');
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const record = readFileSync(join(store, 'clusters', 'store-042.yaml'), 'utf8');
    assert.match(record, /version: 1\.0\.1/);
    assert.doesNotMatch(record, /replicas: 3/);
    assert.match(record, /edge-k3s: \|/, 'the other override is carried');
  });

  it('executeApply refuses dropped overrides not accepted; the backend refuses an override of a pack the version lacks', async () => {
    const store = scratchStore();
    const backend = new LocalStoreBackend(store);
    await backend.publish(publishWithoutReplicas(store));
    const p = await prepareApply(backend, 'store-042', ref('1.0.1'));
    assert.equal(p.dropped.length, 1);
    const before = snapshot(store);
    await backendError(executeApply(backend, p, { approveRepave: true }), 'refused', /drops 1 override of store-042.*not accepted/);
    await backendError(backend.apply({ cluster: 'store-042', to: ref('1.0.1'), overrides: { 'no-such-pack': 'a: 1\n' }, variables: {}, impact: 'config-reload', repaveApproved: false }), 'refused', /no-such-pack/);
    assert.deepEqual(changedSince(before, store), []);
    await executeApply(backend, p, { approveRepave: true, acceptDropped: true });
    assert.equal((await backend.readCluster('store-042')).profile?.version, '1.0.1');
  });
});
