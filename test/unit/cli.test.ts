// The palette-profile CLI as CI runs it: exit codes, formats, and nothing but the document on stdout.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const cli = join(process.cwd(), 'dist', 'cli.js');
const v100 = 'examples/edge-retail/edge-retail-1.0.0.profile.yaml';
const v110 = 'examples/edge-retail/edge-retail.profile.yaml';

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratch(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pps-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

interface JsonPlan {
  impact: string;
  target: { profile: string; fromVersion: string; toVersion: string };
  changes: { layer: string; pack: string; path: string; change: string; before: unknown; after: unknown; impact: string; certainty: string; reason: string; source: string; location: { file: string; line: number; column: number } }[];
  findings: { severity: string; code: string; message: string; location?: { line: number } }[];
}

describe('cli', () => {
  it('validate: exit 0 on the clean examples, with a summary on stdout and nothing on stderr', () => {
    const r = run('validate', v100, v110, 'examples/packs/hello-universe/pack.json', 'examples/packs/hello-universe/values.yaml');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /4 files checked: 0 errors/);
  });

  it('validate: exit 1 with file:line:col for each error', () => {
    const bad = scratch('bad.profile.yaml', readFileSync(v110, 'utf8').replace('version: 1.1.0', 'version: v1.1').replace('layer: k8s', 'layer: kubernetes'));
    const r = run('validate', bad);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:12: error \\[schema\\] spec.version 'v1.1' is not strict semver`));
    assert.match(r.stdout, /:\d+:\d+: error \[schema\] Unknown layer 'kubernetes'/);
  });

  it('exit 2 with one line on stderr for unreadable input, unknown options and commands', () => {
    for (const args of [['validate', '/nonexistent/x.profile.yaml'], ['plan', v100], ['plan', v100, v110, '--format', 'xml'], ['plan', v100, v110, '--fail-on', 'explode'], ['frobnicate'], ['validate', '--what', v100]]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^palette-profile: /);
    }
  });

  it('plan --format json: the documented shape, with the Edge table impacts and locations', () => {
    const r = run('plan', v100, v110, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as JsonPlan;
    assert.equal(plan.impact, 'repave');
    assert.equal(plan.target.fromVersion, '1.0.0');
    assert.equal(plan.target.toVersion, '1.1.0');
    const byPath = new Map(plan.changes.map((c) => [`${c.pack} ${c.path}`, c]));
    assert.equal(byPath.get('edge-native-byoi options.system.registry')?.impact, 'repave');
    assert.match(byPath.get('edge-native-byoi options.system.registry')!.reason, /options\.system\.uri/);
    assert.equal(byPath.get('edge-k3s tag'), undefined, 'edge-k3s stays at 1.30.5 in 1.1.0');
    assert.equal(byPath.get('edge-k3s cluster.config.etcd-snapshot-retention')?.impact, 'service-restart');
    assert.equal(byPath.get('edge-native-byoi pack.drain.timeout')?.impact, 'no-op');
    assert.ok(plan.changes.some((c) => c.pack === 'edge-native-byoi' && c.path.startsWith('stages.boot') && c.impact === 'reboot'));
    assert.ok(plan.changes.some((c) => c.path.startsWith('stages.reconcile') && c.impact === 'config-reload'));
    for (const c of plan.changes) {
      for (const key of ['layer', 'pack', 'path', 'change', 'impact', 'certainty', 'reason', 'source']) assert.ok(key in c, `${key} missing`);
      assert.ok(c.location.line > 0 && c.location.column > 0);
    }
    const registry = byPath.get('edge-native-byoi options.system.registry')!;
    const line = readFileSync(v110, 'utf8').split('\n')[registry.location.line - 1];
    assert.match(line.slice(registry.location.column - 1), /^harbor\.retail\.example\.com/);
    assert.ok(plan.findings.some((f) => f.code === 'orphaned-resources' && f.severity === 'warning'));
  });

  it('plan --fail-on: exit 1 when the plan reaches the threshold, 0 when it does not', () => {
    assert.equal(run('plan', v100, v110, '--fail-on', 'repave').code, 1);
    assert.equal(run('plan', v100, 'examples/.palette/profiles/edge-retail/1.0.0.yaml', '--fail-on', 'config-reload').code, 0);
    const rke2 = run('plan', 'examples/edge-rke2/edge-rke2-1.0.0.profile.yaml', 'examples/edge-rke2/edge-rke2.profile.yaml', '--fail-on', 'repave', '--format', 'json');
    assert.equal(rke2.code, 1);
    assert.equal((JSON.parse(rke2.stdout) as JsonPlan).impact, 'repave');
  });

  it('plan --cluster: a Provisioning cluster is an error finding and exit 1', () => {
    const r = run('plan', v100, v110, '--cluster', 'examples/.palette/clusters/store-043.yaml', '--format', 'json');
    assert.equal(r.code, 1);
    const plan = JSON.parse(r.stdout) as JsonPlan;
    assert.ok(plan.findings.some((f) => f.code === 'cluster-provisioning' && f.severity === 'error'));
  });

  it('plan --cluster: compares what the cluster runs with the pending version, its overrides carried over', () => {
    const r = run('plan', v100, v110, '--cluster', 'examples/.palette/clusters/store-042.yaml', '--format', 'json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const plan = JSON.parse(r.stdout) as JsonPlan;
    const replicas = plan.changes.find((c) => c.pack === 'hello-universe' && c.path === 'manifests.hello-universe.replicas');
    assert.deepEqual([replicas?.before, replicas?.after], [3, 2]);
    // store-042's kubelet max-pods=150 override is carried over, so it is no change for this cluster.
    assert.ok(!plan.changes.some((c) => c.pack === 'edge-k3s' && c.path.includes('kubelet-arg')), JSON.stringify(plan.changes.map((c) => c.path)));
    const conflict = plan.findings.find((f) => f.code === 'override-conflict');
    assert.ok(conflict, 'no override-conflict finding');
    assert.match(conflict.message, /replicas/);
    const line = readFileSync(v110, 'utf8').split('\n')[replicas!.location.line - 1];
    assert.match(line, /replicas: 2/);
  });

  it('plan between two profiles of different names says so in the headline and as a finding at the name', () => {
    const renamed = scratch('other.profile.yaml', readFileSync(v110, 'utf8').replace(/^  name: edge-retail$/m, '  name: Edge Retail (Prod)'));
    const text = run('plan', v100, renamed);
    assert.match(text.stdout, /^Plan: edge-retail 1\.0\.0 → Edge Retail \(Prod\) 1\.1\.0/);
    const json = JSON.parse(run('plan', v100, renamed, '--format', 'json').stdout) as JsonPlan;
    const finding = json.findings.find((f) => f.code === 'profile-name-mismatch');
    assert.ok(finding, JSON.stringify(json.findings.map((f) => f.code)));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.location?.line, 3);
    assert.deepEqual(json.findings.filter((f) => f.code === 'schema'), []);
  });

  it('plan over a malformed pending file reports the syntax error and exits 1 without crashing', () => {
    const broken = scratch('broken.profile.yaml', readFileSync(v110, 'utf8').replace('    packs:\n', '    packs: [\n'));
    const r = run('plan', v100, broken, '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    assert.ok((JSON.parse(r.stdout) as JsonPlan).findings.some((f) => f.code === 'yaml-syntax'));
  });

  it('plan --format sarif: valid against the SARIF 2.1.0 schema, with exact regions', () => {
    const r = run('plan', v100, v110, '--format', 'sarif');
    const log = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
    const schema = JSON.parse(readFileSync('node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json', 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const valid = ajv.validate(schema, log);
    assert.ok(valid, JSON.stringify(ajv.errors?.slice(0, 3)));
    const results = log.runs[0].results as unknown as { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[];
    const repave = results.find((x) => x.ruleId === 'impact/repave');
    assert.ok(repave, 'no repave result');
    assert.ok(repave.locations[0].physicalLocation.region.startLine > 1);
    assert.ok(results.some((x) => x.ruleId === 'orphaned-resources'));
  });

  it('SARIF from validate passes the SARIF Multitool validator', function () {
    this.timeout(60_000);
    const bad = scratch('bad.profile.yaml', readFileSync(v110, 'utf8').replace('layer: k8s', 'layer: kubernetes'));
    const sarif = scratch('out.sarif', run('validate', bad, '--format', 'sarif').stdout);
    const out = join(tmpdir(), `pps-sarif-${process.pid}.sarif`);
    const tool = spawnSync(process.execPath, ['node_modules/@microsoft/sarif-multitool/bin.js', 'validate', sarif, '-o', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
    assert.equal(tool.status, 0, tool.stdout + tool.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const problems = (report.runs[0].results as { level?: string; message: { text?: string; id?: string } }[]).filter((x) => x.level === 'error');
    assert.deepEqual(problems, []);
  });

  it('plan --format markdown: a heading with the verdict and one table row per change', () => {
    const r = run('plan', v100, v110, '--format', 'markdown');
    const json = JSON.parse(run('plan', v100, v110, '--format', 'json').stdout) as JsonPlan;
    assert.match(r.stdout.split('\n')[0], /^### edge-retail 1\.0\.0 → 1\.1\.0: 🔴 repave$/);
    const rows = r.stdout.split('\n').filter((l) => /^\| (🔴|🟠|🟡|🔵|🟢|⚪)/.test(l));
    assert.equal(rows.length, json.changes.length);
  });
});
