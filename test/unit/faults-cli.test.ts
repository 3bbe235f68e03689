// The CLI against a proxy that injects faults: what `publish` and `apply --api` print and exit with when an answer is lost or an apply stops half-way.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paletteScope } from '../../server/src/backend/history';
import { profileYaml, project } from './palette-api-support';
import { addRepavingVersion, assertKeyStayedHome, assertNoOrphan, assertOverridesIntact, close, rig, type Rig } from './faults-support';

const cli = join(process.cwd(), 'dist', 'cli.js');

/** Runs the CLI without blocking this process, which serves the fake Palette and the proxy it talks to. */
function run(r: Rig, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args, '--api', r.proxy.url, '--history', r.historyDir], {
      cwd: r.historyDir,
      env: { ...process.env, PALETTE_API_KEY: r.w.fake.apiKey, PALETTE_PROJECT_UID: project, PALETTE_LOG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('faults: cli', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await close(r);
    r = undefined;
  });

  it('publish: a clone whose answer was lost is reported published, with what happened, never "not published"', async () => {
    r = await rig();
    const file = join(r.historyDir, 'edge-retail.profile.yaml');
    writeFileSync(file, profileYaml('1.1.0', 'ttl.sh/ubuntu:k3s-2'));
    r.proxy.inject({ method: 'POST', path: /\/clone$/, fault: { kind: 'status', status: 502, after: true } });
    const out = await run(r, 'publish', file);
    assert.equal(out.code, 0, out.stderr);
    assert.doesNotMatch(out.stderr, /not published/);
    assert.match(out.stderr, /^palette-profile: published edge-retail 1\.1\.0 in 127\.0\.0\.1:\d+ \(project proj-7d1e\)\npalette-profile: Palette's answer to the clone of edge-retail 1\.1\.0 was lost \(.*HTTP 502.*\); Palette had made it \(uid \w+\), so it was used, not made again\.\n$/);
    assert.ok(r.w.fake.profileNamed('edge-retail', '1.1.0')?.published);
    assertNoOrphan(r);
    assertKeyStayedHome(r);
  });

  it('apply: switched but the repave status unreadable exits 4 saying so, journaled; re-runs say it is pending, then finish it', async () => {
    r = await rig();
    addRepavingVersion(r);
    // 503 with Retry-After: 0 is retried at once, so the CLI's default backoff does not slow the test.
    r.proxy.inject({ method: 'GET', path: /\/repave\/status$/, times: 4, fault: { kind: 'status', status: 503, retryAfter: '0' } });
    const first = await run(r, 'apply', '1.1.0', '--cluster', 'store-042', '--approve-repave');
    assert.equal(first.code, 4, first.stderr);
    assert.match(first.stdout, /^Plan: edge-retail 1\.0\.0 → 1\.1\.0 on store-042: repave\n/);
    assert.match(first.stderr, /^palette-profile: incomplete: store-042 was switched to edge-retail 1\.1\.0, but its repave is not approved: repave\/status could not be read \(.*HTTP 503\) after 4 attempts.*\)\. Run the same apply again with the repave approved to finish it\.\n$/);
    const journal = join(r.historyDir, paletteScope(r.proxy.url, project), 'store-042.jsonl');
    const lines = () => readFileSync(journal, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { repaveApproved: boolean });
    assert.deepEqual(lines().map((l) => l.repaveApproved), [false]);
    assertOverridesIntact(r);

    const unapproved = await run(r, 'apply', '1.1.0', '--cluster', 'store-042');
    assert.equal(unapproved.code, 4);
    assert.match(unapproved.stderr, /^palette-profile: incomplete: store-042 runs edge-retail 1\.1\.0 and its repave is Pending approval in Palette .*nothing was changed\. Pass --approve-repave to approve it and finish the apply\.\n$/);

    const again = await run(r, 'apply', '1.1.0', '--cluster', 'store-042', '--approve-repave');
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /: no-op\n/);
    assert.match(again.stderr, /^palette-profile: applied edge-retail 1\.1\.0 to store-042 \(repave approved\): repave\npalette-profile: store-042 already ran edge-retail 1\.1\.0 \(switched by the apply of .*\) with its repave Pending; the apply was finished from there, without a second PATCH\.\n$/);
    assert.equal(r.w.fake.clusterNamed('store-042').repave?.state, 'Approved');
    assert.deepEqual(lines().map((l) => l.repaveApproved), [false, true]);
    assert.equal(existsSync(journal.replace(/\.jsonl$/, '.pending.json')), false);
    assertOverridesIntact(r);
    assertKeyStayedHome(r);
  });
});
