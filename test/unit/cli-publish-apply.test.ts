// `palette-profile publish` and `apply` against a scratch copy of the example store: plan first, exit codes, and a refusal changes no byte.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { changedSince, scratchStore, snapshot, workingProfile } from './backend-local-support';
import { withK8sTag } from './plan-fixtures';

const cli = join(process.cwd(), 'dist', 'cli.js');

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project folder holding `.palette` (the default store), and that store. */
function project(): { cwd: string; store: string } {
  const store = scratchStore();
  return { cwd: dirname(store), store };
}

describe('cli publish and apply', () => {
  it('publish: the plan against 1.0.0 first, then 1.1.0 is in the default store, byte for byte', () => {
    const { cwd, store } = project();
    const r = run(cwd, 'publish', workingProfile);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Plan: edge-retail 1\.0\.0 → 1\.1\.0: repave\n/);
    // The example store predates digests: reading 1.0.0 for the plan says so.
    assert.match(r.stderr, /^palette-profile: warning: \.palette\/profiles\/edge-retail\/1\.0\.0\.yaml has no digest[^\n]*\npalette-profile: published edge-retail 1\.1\.0 in \.palette\n$/);
    assert.equal(readFileSync(join(store, 'profiles', 'edge-retail', '1.1.0.yaml'), 'utf8'), readFileSync(workingProfile, 'utf8'));
  });

  it('publish: a taken version or a validation error exits 1 and writes nothing', () => {
    const { cwd, store } = project();
    assert.equal(run(cwd, 'publish', workingProfile).code, 0);
    const before = snapshot(store);
    const again = run(cwd, 'publish', workingProfile, '--format', 'json');
    assert.equal(again.code, 1);
    const report = JSON.parse(again.stdout) as { findings: { severity: string; code: string }[] };
    assert.ok(report.findings.some((f) => f.code === 'version-exists' && f.severity === 'error'), again.stdout);
    assert.match(again.stderr, /not published: .*already published.*1\.1\.1 \(patch\)/);
    const bad = join(cwd, 'bad.profile.yaml');
    writeFileSync(bad, readFileSync(workingProfile, 'utf8').replace('version: 1.1.0', 'version: 1.2.0').replace('layer: k8s', 'layer: kubernetes'));
    const invalid = run(cwd, 'publish', bad);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stdout, /error \[schema\] Unknown layer 'kubernetes'/);
    assert.deepEqual(changedSince(before, store), []);
  });

  it('apply: an unapproved repave and a Provisioning cluster exit 1 and change no byte; the plan is printed first', () => {
    const { cwd, store } = project();
    assert.equal(run(cwd, 'publish', workingProfile).code, 0);
    const before = snapshot(store);
    const unapproved = run(cwd, 'apply', '1.1.0', '--cluster', 'store-042');
    assert.equal(unapproved.code, 1);
    assert.match(unapproved.stdout, /^Plan: edge-retail 1\.0\.0 → 1\.1\.0 on store-042: repave\n/);
    assert.match(unapproved.stdout, /warning \[override-conflict\] store-042 overrides hello-universe manifests\.hello-universe\.replicas \(3\)/);
    assert.match(unapproved.stderr, /will repave all nodes.*--approve-repave/);
    const provisioning = run(cwd, 'apply', '1.1.0', '--cluster', 'store-043', '--approve-repave', '--format', 'json');
    assert.equal(provisioning.code, 1);
    assert.ok((JSON.parse(provisioning.stdout) as { findings: { code: string }[] }).findings.some((f) => f.code === 'cluster-provisioning'));
    assert.match(provisioning.stderr, /refused: Cluster store-043 is still Provisioning/);
    assert.deepEqual(changedSince(before, store), []);
  });

  it('apply --approve-repave: applied with overrides kept and history; rolled back to 1.0.0 the same way', () => {
    const { cwd, store } = project();
    assert.equal(run(cwd, 'publish', workingProfile).code, 0);
    const r = run(cwd, 'apply', '1.1.0', '--cluster', 'store-042', '--approve-repave');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /applied edge-retail 1\.1\.0 to store-042 \(repave approved\): repave/);
    const record = readFileSync(join(store, 'clusters', 'store-042.yaml'), 'utf8');
    assert.match(record, /profile: \{ name: edge-retail, version: 1\.1\.0 \}/);
    assert.match(record, /max-pods=150/);
    assert.match(record, /replicas: 3/);
    assert.match(record, /etcd-snapshot-retention: 14/, 'the carried override holds the new version around it');
    assert.equal(readFileSync(join(store, 'history', 'store-042.jsonl'), 'utf8').trim().split('\n').length, 1);
    const back = run(cwd, 'apply', '1.0.0', '--cluster', 'store-042', '--approve-repave');
    assert.equal(back.code, 0, back.stdout + back.stderr);
    assert.match(back.stdout, /^Plan: edge-retail 1\.1\.0 → 1\.0\.0 on store-042: repave\n/);
    const rolledBack = readFileSync(join(store, 'clusters', 'store-042.yaml'), 'utf8');
    assert.match(rolledBack, /profile: \{ name: edge-retail, version: 1\.0\.0 \}/);
    assert.match(rolledBack, /max-pods=150/);
    assert.match(rolledBack, /replicas: 3/);
    assert.match(rolledBack, /etcd-snapshot-retention: 5/);
    assert.equal(readFileSync(join(store, 'history', 'store-042.jsonl'), 'utf8').trim().split('\n').length, 2);
  });

  it('apply: a Kubernetes downgrade is refused even with --approve-repave, and changes no byte', () => {
    const { cwd, store } = project();
    const next = join(cwd, 'next.profile.yaml');
    writeFileSync(next, withK8sTag(readFileSync(workingProfile, 'utf8')));
    assert.equal(run(cwd, 'publish', next).code, 0);
    assert.equal(run(cwd, 'apply', '1.1.0', '--cluster', 'store-042', '--approve-repave').code, 0);
    const before = snapshot(store);
    const back = run(cwd, 'apply', '1.0.0', '--cluster', 'store-042', '--approve-repave');
    assert.equal(back.code, 1);
    assert.match(back.stdout, /error \[k8s-downgrade\]/);
    assert.deepEqual(changedSince(before, store), []);
  });

  it('--store DIR from another folder; unknown clusters and versions, missing arguments and --api exit 2 with one line', () => {
    const { store } = project();
    const elsewhere = dirname(scratchStore());
    const ok = run(elsewhere, 'publish', workingProfile, '--store', store);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, new RegExp(`in ${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
    for (const args of [['apply', '1.1.0', '--cluster', 'store-999'], ['apply', '9.9.9', '--cluster', 'store-042'], ['apply', '1.1.0'], ['apply', '--cluster', 'store-042'], ['publish'], ['publish', '/nonexistent.yaml'], ['apply', '1.1.0', '--cluster', '../x'], ['publish', workingProfile, '--api', 'https://api.example.com'], ['publish', workingProfile, '--api', 'not a url']]) {
      const before = snapshot(store);
      const r = run(elsewhere, ...args, '--store', store);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.deepEqual(changedSince(before, store), []);
    }
  });

  it('--help lists publish and apply', () => {
    const r = run(process.cwd(), '--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /publish FILE \[--store DIR\]/);
    assert.match(r.stdout, /apply VERSION --cluster NAME/);
    assert.match(r.stdout, /\[--approve-repave\]/);
    assert.match(r.stdout, /4 apply incomplete: the cluster runs the new version but its\nrepave is Pending approval/);
  });
});
