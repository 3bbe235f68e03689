// `palette-profile publish` and `apply --api` against the in-memory Palette: same flows as the store, the key only from the environment.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { paletteScope } from '../../server/src/backend/history';
import { finish, profileYaml, project, world, type World } from './palette-api-support';

const cli = join(process.cwd(), 'dist', 'cli.js');

/** Runs the CLI without blocking this process, which serves the fake Palette. */
function run(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('cli publish and apply --api', () => {
  let w: World | undefined;
  afterEach(async () => {
    await finish(w);
    w = undefined;
  });

  it('publishes 1.1.0 and applies it to store-042 only with --approve-repave; the key never appears in output', async () => {
    w = await world();
    const env = { PALETTE_API_KEY: w.fake.apiKey, PALETTE_PROJECT_UID: project, PALETTE_LOG: '1' };
    const file = join(mkdtempSync(join(tmpdir(), 'pps-cli-api-')), 'edge-retail.profile.yaml');
    writeFileSync(file, profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-2'));

    const published = await run(env, 'publish', file, '--api', w.fake.url);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /^Plan: edge-retail 1\.0\.0 → 1\.1\.0: repave\n/);
    assert.match(published.stderr, /POST \/v1\/clusterprofiles\/[^ ]+\/clone/, 'PALETTE_LOG logs each call');
    assert.ok(w.fake.profileNamed('edge-retail', '1.1.0'), 'the new version exists in Palette');

    const again = await run(env, 'publish', file, '--api', w.fake.url);
    assert.equal(again.code, 1, 'a taken version exits 1');

    const store042 = w.fake.clusterNamed('store-042');
    const unapproved = await run(env, 'apply', '1.1.0', '--cluster', 'store-042', '--api', w.fake.url);
    assert.equal(unapproved.code, 1, unapproved.stderr);
    assert.match(unapproved.stdout, /^Plan: edge-retail 1\.0\.0 → 1\.1\.0 on store-042: repave\n/);
    assert.equal(store042.profiles[0].uid, w.v100.uid, 'nothing applied without approval');

    const approved = await run(env, 'apply', '1.1.0', '--cluster', 'store-042', '--approve-repave', '--api', w.fake.url);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal(store042.profiles[0].uid, w.fake.profileNamed('edge-retail', '1.1.0')!.uid);
    assert.match(store042.profiles[0].overrides['hello-universe'] ?? '', /replicas: 3/, 'the override is carried over');
    for (const r of [published, again, unapproved, approved]) assert.ok(!(r.stdout + r.stderr).includes(w.fake.apiKey), 'no key in output');
  });

  it('with --history DIR journals the applies Palette accepted, per endpoint and project; without --api, --history is a usage error', async () => {
    w = await world();
    const env = { PALETTE_API_KEY: w.fake.apiKey, PALETTE_PROJECT_UID: project };
    const dir = mkdtempSync(join(tmpdir(), 'pps-cli-history-'));
    const journal = join(dir, 'journal', paletteScope(w.fake.url, project), 'store-042.jsonl');
    const applied = await run(env, 'apply', '1.0.0', '--cluster', 'store-042', '--api', w.fake.url, '--history', join(dir, 'journal'));
    assert.equal(applied.code, 0, applied.stderr);
    const [line, ...rest] = readFileSync(journal, 'utf8').split('\n');
    assert.deepEqual(rest, ['']);
    assert.deepEqual([JSON.parse(line).cluster, JSON.parse(line).to.version, JSON.parse(line).result], ['store-042', '1.0.0', 'applied']);

    const other = await run(env, 'apply', '1.0.0', '--cluster', 'store-043', '--api', w.fake.url, '--history', join(dir, 'journal'));
    assert.equal(other.code, 0, other.stderr);
    assert.ok(existsSync(join(dirname(journal), 'store-043.jsonl')), 'one file per cluster');
    w.fake.inject({ method: 'PATCH', path: /\/profiles$/, status: 409, message: 'cluster is being upgraded' });
    const failed = await run(env, 'apply', '1.0.0', '--cluster', 'store-042', '--api', w.fake.url, '--history', join(dir, 'journal'));
    assert.notEqual(failed.code, 0);
    assert.equal(readFileSync(journal, 'utf8').split('\n').filter(Boolean).length, 1, 'a failed apply adds nothing');

    const local = await run({}, 'apply', '1.0.0', '--cluster', 'store-042', '--history', dir);
    assert.equal(local.code, 2);
    assert.match(local.stderr, /--history is for --api/);
    assert.deepEqual(readdirSync(dir), ['journal']);
  });

  it('without PALETTE_API_KEY, or with a bad URL, exits 2 before any call', async () => {
    w = await world();
    const missing = await run({}, 'apply', '1.1.0', '--cluster', 'store-042', '--api', w.fake.url);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /PALETTE_API_KEY/);
    const bad = await run({ PALETTE_API_KEY: 'x' }, 'apply', '1.1.0', '--cluster', 'store-042', '--api', 'not a url');
    assert.equal(bad.code, 2);
    assert.equal(w.fake.calls.length, 0);
  });
});
