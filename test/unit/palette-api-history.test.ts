// This machine's journal of Palette applies (historyDir): written only after Palette accepted, read back as history and last apply, per endpoint and project.
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplyJournal, paletteScope } from '../../server/src/backend/history';
import { BackendError, type ApplyRecord, type ApplyRequest } from '../../server/src/backend/types';
import { finish, profileYaml, project, world, type World } from './palette-api-support';

const replicas3 = 'manifests:\n  hello-universe:\n    replicas: 3\n';

function request(version: string, extra: Partial<ApplyRequest> = {}): ApplyRequest {
  return { cluster: 'store-042', to: { name: 'edge-retail', version }, overrides: { 'hello-universe': replicas3 }, variables: { site_id: '042' }, impact: 'redeploy', repaveApproved: false, ...extra };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'pps-palette-history-'));

describe('palette api: apply history journal', () => {
  const worlds: World[] = [];
  const open = async (options?: Parameters<typeof world>[0]) => {
    const w = await world(options);
    worlds.push(w);
    return w;
  };
  afterEach(async () => {
    for (const w of worlds.splice(0)) await finish(w);
  });

  it('journals an accepted apply: history has it, readCluster and listClusters show it as the last apply', async () => {
    const w = await open();
    const dir = tempDir();
    const backend = w.backend({ historyDir: dir });
    await backend.publish(profileYaml('1.1.0'));
    assert.deepEqual(await backend.history('store-042'), []);
    assert.equal((await backend.readCluster('store-042')).lastApply, undefined);

    const first = await backend.apply(request('1.1.0'));
    const second = await backend.apply(request('1.0.0'));
    const history = await backend.history('store-042');
    assert.deepEqual(history, [first, second], 'oldest first, exactly the records apply returned');
    assert.deepEqual([history[0].from?.version, history[0].to.version, history[0].result], ['1.0.0', '1.1.0', 'applied']);
    assert.deepEqual((await backend.readCluster('store-042')).lastApply, second);
    const listed = await backend.listClusters();
    assert.deepEqual(listed.map((c) => [c.name, c.lastApply?.to.version]), [['store-042', '1.0.0'], ['store-043', undefined]]);

    // Where it lives: <dir>/<scope>/<cluster>.jsonl, one line per apply; and a fresh backend (another window, the CLI) reads it.
    const file = join(dir, paletteScope(w.fake.url, project), 'store-042.jsonl');
    assert.equal(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 2);
    assert.deepEqual(await w.backend({ historyDir: dir }).history('store-042'), history);
    // Without a historyDir nothing is kept or read, as before.
    assert.deepEqual(await w.backend().history('store-042'), []);
    assert.equal((await w.backend().readCluster('store-042')).lastApply, undefined);
  });

  it('keeps two Palette endpoints, and two projects of one, apart', async () => {
    const a = await open();
    const b = await open();
    const dir = tempDir();
    await a.backend({ historyDir: dir }).apply(request('1.0.0'));
    assert.equal((await a.backend({ historyDir: dir }).history('store-042')).length, 1);
    assert.deepEqual(await b.backend({ historyDir: dir }).history('store-042'), [], 'another endpoint sees none of it');
    assert.equal((await b.backend({ historyDir: dir }).readCluster('store-042')).lastApply, undefined);
    await b.backend({ historyDir: dir }).apply(request('1.0.0'));
    assert.equal((await a.backend({ historyDir: dir }).history('store-042')).length, 1, 'nor it of the other');
    assert.equal(readdirSync(dir).length, 2);

    const scopes = [
      paletteScope('https://api.spectrocloud.com', 'p1'),
      paletteScope('https://api.spectrocloud.com', 'p2'),
      paletteScope('https://api.spectrocloud.com', undefined),
      paletteScope('https://api.spectrocloud.com:8443', 'p1'),
      paletteScope('https://palette.example.com/a', 'p1'),
      paletteScope('https://palette.example.com/b', 'p1'),
      paletteScope('https://palette.example.com', 'p/1'),
      paletteScope('https://palette.example.com', 'p_1'),
    ];
    assert.equal(new Set(scopes).size, scopes.length, scopes.join('\n'));
    for (const s of scopes) assert.match(s, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain folder name');
    assert.equal(paletteScope('https://API.spectrocloud.com/', 'p1'), scopes[0], 'the same endpoint however it is spelt');
    assert.match(scopes[0], /^api\.spectrocloud\.com_p1_[0-9a-f]{10}$/);
  });

  it('records nothing for an apply Palette did not accept: refused before any call, refused by Palette, or 500 until retries ran out', async () => {
    const w = await open();
    const dir = tempDir();
    const backend = w.backend({ historyDir: dir, retries: 2 });
    await backend.publish(profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-new'));
    const failed = async (r: ApplyRequest) => {
      const error = await backend.apply(r).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof BackendError, String(error));
      return error;
    };
    assert.equal((await failed(request('1.1.0', { impact: 'repave' }))).code, 'refused');
    assert.equal((await failed(request('1.1.0'))).code, 'refused', 'Palette predicts a repave');
    w.fake.inject({ method: 'PATCH', path: /\/profiles$/, status: 500, times: 99 });
    const server = await failed(request('1.1.0', { impact: 'repave', repaveApproved: true }));
    assert.equal(server.code, 'server');
    assert.equal(w.fake.calls.filter((c) => c.method === 'PATCH' && /^\/v1\/spectroclusters\/[^/]+\/profiles$/.test(c.path)).length, 3, 'the apply PATCH was tried and retried');
    assert.equal(w.fake.clusterNamed('store-042').profiles[0].uid, w.v100.uid);
    assert.deepEqual(await backend.history('store-042'), []);
    assert.equal((await backend.readCluster('store-042')).lastApply, undefined);
    assert.equal(existsSync(join(dir, paletteScope(w.fake.url, project), 'store-042.jsonl')), false, 'no journal file at all');
  });

  it('skips a torn or garbled line and keeps the records around it', async () => {
    const w = await open();
    const dir = tempDir();
    const backend = w.backend({ historyDir: dir });
    const first = await backend.apply(request('1.0.0'));
    const file = join(dir, paletteScope(w.fake.url, project), 'store-042.jsonl');
    appendFileSync(file, 'null\n{"note":"not a record"}\n[1,2]\n\n{"at":"2026-01-0');
    // The next append starts on a line of its own, so the torn tail (a crashed append) costs only itself.
    const second = await backend.apply(request('1.0.0'));
    assert.deepEqual(await backend.history('store-042'), [first, second]);
    assert.deepEqual((await backend.readCluster('store-042')).lastApply, second);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.at(-2), JSON.stringify(second));
    assert.equal(lines.at(-3), '{"at":"2026-01-0', 'the torn tail is left as it was');
  });

  it('loses no line when many appends race on one file, each on its own descriptor as another process would', async () => {
    const dir = tempDir();
    // Two journals over the same folder, as two windows or a window and the CLI would have.
    const journals = [new ApplyJournal(dir, 'scope'), new ApplyJournal(dir, 'scope')];
    // Long lines (16 KiB) so that interleaved or overwritten writes would show as unparseable lines.
    const records: ApplyRecord[] = Array.from({ length: 40 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      cluster: 'store-042',
      to: { name: 'edge-retail', version: `1.0.${i}`, revision: 1 },
      impact: 'no-op',
      repaveApproved: false,
      result: 'applied',
      message: String(i).repeat(16 * 1024 / String(i).length),
    }));
    await Promise.all(records.map((r, i) => journals[i % 2].append(r)));
    const text = readFileSync(journals[0].file('store-042'), 'utf8');
    assert.ok(text.endsWith('\n'), 'ends with a newline');
    // An append that reads the tail while another's write is landing takes it for a torn line and starts on a new
    // line: a blank line, which readers skip. What must hold is that every line with text is one whole record.
    const lines = text.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, records.length);
    for (const line of lines) JSON.parse(line);
    const read = await journals[1].read('store-042');
    assert.deepEqual(read.map((r) => r.to.version).sort(), records.map((r) => r.to.version).sort());
    for (const r of read) assert.equal(r.message, records.find((x) => x.to.version === r.to.version)!.message);
  });

  it('refuses a cluster name that would leave the journal folder', async () => {
    const journal = new ApplyJournal(tempDir(), 'scope');
    for (const name of ['../escape', 'a/b', '..', '']) assert.throws(() => journal.file(name), (e: unknown) => e instanceof BackendError && e.code === 'invalid');
  });
});
