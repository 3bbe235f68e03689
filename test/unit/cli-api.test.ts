// `palette-profile publish` and `apply --api` against the in-memory Palette: same flows as the store, the key only from the environment.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
