// The local store across processes: one writer at a time, an apply killed halfway finished on the next open, temp files swept, nothing written through links out of the store, errors in words.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { confineStorePath, LocalStoreBackend, storeHooks } from '../../server/src/backend/local';
import { withLock } from '../../server/src/backend/local/lock';
import type { ApplyRecord, ApplyRequest } from '../../server/src/backend/types';
import { backendError } from './backend-errors';
import { changedSince, scratchStore, snapshot, workingProfile } from './backend-local-support';

const v110 = readFileSync(workingProfile, 'utf8');
const request = (version: string): ApplyRequest => ({ cluster: 'store-042', to: { name: 'edge-retail', version }, overrides: {}, variables: { site_id: '042' }, impact: 'repave', repaveApproved: true });

// Child mode: this bundle run by node (not mocha) applies in a loop, or dies right after the history line.
const child = process.env.PPS_STORE_CHILD;
if (child) {
  void (async () => {
    const backend = new LocalStoreBackend(process.env.PPS_STORE_ROOT!);
    if (child === 'die-after-history') {
      storeHooks.afterHistory = () => void process.kill(process.pid, 'SIGKILL');
      await backend.apply(request('1.1.0'));
      return;
    }
    for (let i = 0; i < Number(process.env.PPS_STORE_ROUNDS); i++) await backend.apply(request(i % 2 ? '1.0.0' : '1.1.0'));
  })().catch((error: unknown) => {
    process.stderr.write(String(error));
    process.exitCode = 1;
  });
}

function runChild(mode: string, root: string, rounds = 0): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const proc = spawn(process.execPath, [__filename], { env: { ...process.env, PPS_STORE_CHILD: mode, PPS_STORE_ROOT: root, PPS_STORE_ROUNDS: String(rounds) } });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => proc.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

function historyOf(root: string): ApplyRecord[] {
  return readFileSync(join(root, 'history', 'store-042.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ApplyRecord);
}

/** A pid no process has now: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

if (!child) {
  describe('local store across processes', function () {
    this.timeout(120_000);

    it('two processes applying to one cluster at once: every history line follows the one before, and the record is the last', async () => {
      const root = scratchStore();
      await new LocalStoreBackend(root).publish(v110);
      const rounds = 12;
      const results = await Promise.all([runChild('apply', root, rounds), runChild('apply', root, rounds)]);
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const history = historyOf(root);
      assert.equal(history.length, 2 * rounds);
      history.forEach((h, i) => i > 0 && assert.equal(h.from?.version, history[i - 1].to.version, `line ${i + 1} starts where line ${i} ended`));
      const cluster = await new LocalStoreBackend(root).readCluster('store-042');
      assert.equal(cluster.profile?.version, history[history.length - 1].to.version);
      assert.ok(!existsSync(join(root, '.lock')), 'the lock is released');
    });

    it('a process killed between the history line and the record: the next open finishes the apply', async () => {
      const root = scratchStore();
      await new LocalStoreBackend(root).publish(v110);
      const record = join(root, 'clusters', 'store-042.yaml');
      const before = readFileSync(record, 'utf8');
      const r = await runChild('die-after-history', root);
      assert.equal(r.signal, 'SIGKILL', r.stderr);
      assert.equal(readFileSync(record, 'utf8'), before, 'killed before the record was written');
      assert.equal(historyOf(root).length, 1);
      const lines: string[] = [];
      const cluster = await new LocalStoreBackend(root, (l) => lines.push(l)).readCluster('store-042');
      assert.equal(cluster.profile?.version, '1.1.0');
      assert.equal(cluster.lastApply?.to.version, '1.1.0');
      assert.ok(lines.some((l) => /finished the apply of 1\.1\.0 to store-042/.test(l)), lines.join('\n'));
      assert.equal((cluster.lastApply as { change?: unknown }).change, undefined, 'the change is the store\'s bookkeeping');
    });

    it('a record edited by hand after the history line is not overwritten by recovery', async () => {
      const root = scratchStore();
      await new LocalStoreBackend(root).publish(v110);
      const r = await runChild('die-after-history', root);
      assert.equal(r.signal, 'SIGKILL');
      const record = join(root, 'clusters', 'store-042.yaml');
      writeFileSync(record, readFileSync(record, 'utf8') + 'note: edited by hand\n');
      const edited = readFileSync(record, 'utf8');
      await new LocalStoreBackend(root).readCluster('store-042');
      assert.equal(readFileSync(record, 'utf8'), edited);
    });

    it('temp files of killed writes are swept on the next write; a live writer\'s are left', async () => {
      const root = scratchStore();
      const folder = join(root, 'profiles', 'edge-retail');
      const dead = join(folder, `.1.1.0.yaml.${deadPid()}.0123abcd.tmp`);
      const live = join(folder, `.1.1.0.yaml.${process.pid}.89abcdef.tmp`);
      writeFileSync(dead, 'x'.repeat(100_000));
      writeFileSync(live, 'y');
      await new LocalStoreBackend(root).publish(v110);
      assert.ok(!existsSync(dead));
      assert.ok(existsSync(live));
    });

    it('refuses to write through a symbolic link out of the store (profiles/<name>, history/), writing nothing', async () => {
      const root = scratchStore();
      const outside = mkdtempSync(join(tmpdir(), 'pps-outside-'));
      rmSync(join(root, 'profiles', 'edge-retail'), { recursive: true });
      symlinkSync(outside, join(root, 'profiles', 'edge-retail'));
      const backend = new LocalStoreBackend(root);
      await backendError(backend.publish(v110), 'refused', /profiles\/edge-retail in the store is a symbolic link to .*outside the store/);
      assert.deepEqual(readdirSync(outside), []);

      const second = scratchStore();
      const away = mkdtempSync(join(tmpdir(), 'pps-outside-'));
      await new LocalStoreBackend(second).publish(v110);
      symlinkSync(away, join(second, 'history'));
      const before = snapshot(second);
      await backendError(new LocalStoreBackend(second).apply(request('1.1.0')), 'refused', /history in the store is a symbolic link/);
      assert.deepEqual(readdirSync(away), []);
      assert.deepEqual(changedSince(before, second), []);
    });

    it('a folder where a file belongs, or a file where a folder belongs, is a sentence, not EISDIR', async () => {
      const root = scratchStore();
      const record = join(root, 'clusters', 'store-042.yaml');
      rmSync(record);
      mkdirSync(record);
      await backendError(new LocalStoreBackend(root).readCluster('store-042'), 'invalid', /clusters\/store-042\.yaml in the store .* is a folder where the store keeps a file/);
      const cli = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), 'apply', '1.0.0', '--cluster', 'store-042'], { cwd: dirname(root), encoding: 'utf8' });
      assert.equal(cli.status, 2);
      assert.doesNotMatch(cli.stderr, /internal error|EISDIR/);
      assert.match(cli.stderr, /is a folder where the store keeps a file/);

      const second = scratchStore();
      writeFileSync(join(second, 'history'), 'not a folder');
      await backendError(new LocalStoreBackend(second).setOverride('store-043', 'hello-universe', 'a: 1\n').then(() => new LocalStoreBackend(second).apply(request('1.0.0'))), 'invalid', /A file in the store .* is where the store needs a folder/);
    });
  });

  describe('store lock', () => {
    it('waits for a live holder, breaks a lock whose process is gone or that is old', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pps-lock-'));
      const file = join(dir, '.lock');
      writeFileSync(file, JSON.stringify({ pid: deadPid(), host: hostname(), at: new Date().toISOString() }));
      assert.equal(await withLock(file, async () => 'ran'), 'ran');
      assert.ok(!existsSync(file));
      writeFileSync(file, JSON.stringify({ pid: process.pid, host: 'elsewhere', at: new Date(Date.now() - 600_000).toISOString() }));
      assert.equal(await withLock(file, async () => 'ran'), 'ran');
      writeFileSync(file, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      await backendError(withLock(file, async () => 'ran', { wait: 200 }), 'conflict', /being written by process \d+/);
      rmSync(file);
      const order: string[] = [];
      await Promise.all([1, 2].map((n) => withLock(file, async () => {
        order.push(`in ${n}`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`out ${n}`);
      })));
      assert.deepEqual(order.map((o) => o.split(' ')[0]), ['in', 'out', 'in', 'out']);
    });
  });

  describe('store path', () => {
    it('stays inside the workspace unless the user set an absolute path', () => {
      const ws = mkdtempSync(join(tmpdir(), 'pps-ws-'));
      const away = mkdtempSync(join(tmpdir(), 'pps-away-'));
      assert.equal(confineStorePath('.palette', { workspace: ws, explicit: false }), join(ws, '.palette'));
      assert.equal(confineStorePath('stores/a', { workspace: ws, explicit: false }), join(ws, 'stores', 'a'));
      assert.throws(() => confineStorePath('../elsewhere', { workspace: ws, explicit: false }), /outside the workspace folder/);
      assert.throws(() => confineStorePath(away, { workspace: ws, explicit: false }), /outside the workspace folder/);
      symlinkSync(away, join(ws, 'linked'));
      assert.throws(() => confineStorePath('linked', { workspace: ws, explicit: false }), /resolves to/);
      assert.equal(confineStorePath(away, { workspace: ws, explicit: true }), away);
      assert.throws(() => confineStorePath('../elsewhere', { workspace: ws, explicit: true }), /outside the workspace folder/);
    });
  });
}
