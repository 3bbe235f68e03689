// Palette's own exports: recognised by content whatever their name, read with positions in the JSON, converted to profile YAML.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { analyzeText } from '../../server/src/core/analyze';
import { exportToProfileYaml, profileYamlName } from '../../server/src/core/convert/exportToYaml';
import { explainProfileAt } from '../../server/src/core/explain/explain';
import { fileKindOf, isJsonText } from '../../server/src/core/fileKind';
import { parseProfile } from '../../server/src/core/parse/profile';
import { planUpdate } from '../../server/src/core/plan/plan';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { marked, mark, osValues, parsed, stack } from './explain-fixtures';
import { profileText } from './plan-fixtures';

const example = readFileSync('examples/edge-retail/edge-retail-export.json', 'utf8');
const exampleYaml = readFileSync('examples/edge-retail/edge-retail.profile.yaml', 'utf8');

/** The export Palette would give for a YAML profile: one line of JSON, or indented as an editor formats it. */
function exportOf(yamlText: string, indent?: number): string {
  return JSON.stringify(parse(yamlText), null, indent);
}

const helmValues = 'replicaCount: 1\nimage:\n  repository: nginx\n  tag: ""\nservice:\n  type: ClusterIP\n';
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: []\n';

describe('fileKindOf: by name and by content', () => {
  it('a pack file named like an Object member is just a file, in a pack folder or not', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      assert.equal(fileKindOf(`/w/pack/${name}`, true), 'unknown', name);
      assert.equal(fileKindOf(`/w/pack/${name}`, false, 'a: 1\n'), 'unknown', name);
    }
  });

  it('a JSON export is a profile whatever its name; without its text the name alone does not say so', () => {
    assert.equal(fileKindOf('/w/edge-retail.json', false, example), 'profile');
    assert.equal(fileKindOf('/w/downloads/ML Ops (1).json', false, exportOf(exampleYaml)), 'profile');
    assert.equal(fileKindOf('untitled:Untitled-1', false, example), 'profile');
    assert.equal(fileKindOf('/w/edge-retail.json', false), 'unknown');
  });

  it('a YAML export is a profile whatever its name: the store layout, a download', () => {
    assert.equal(fileKindOf('/w/.palette/profiles/edge-retail/1.0.0.yaml', false, exampleYaml), 'profile');
    assert.equal(fileKindOf('/w/edge-retail.yaml', false, profileText(stack())), 'profile');
    // A syntax error further down does not hide what it is: the user gets the error, not silence.
    assert.equal(fileKindOf('/w/edge-retail.yaml', false, profileText(stack()).replace('layer: os', 'layer: [os')), 'profile');
  });

  it('a half-typed JSON export stays a profile, so its syntax error is shown', () => {
    const broken = example.replace('"type": "cluster",', '"type": "cluster",,');
    assert.equal(fileKindOf('/w/edge-retail.json', false, broken), 'profile');
  });

  it('a Helm chart values.yaml, a Kubernetes manifest, a package.json and a cluster record are not profiles', () => {
    assert.equal(fileKindOf('/w/chart/values.yaml', false, helmValues), 'unknown');
    assert.equal(fileKindOf('/w/chart/values.yaml', false, deployment), 'unknown');
    assert.equal(fileKindOf('/w/app/deploy.yaml', false, deployment), 'unknown');
    assert.equal(fileKindOf('/w/package.json', false, readFileSync('package.json', 'utf8')), 'unknown');
    assert.equal(fileKindOf('/w/manifest.json', false, JSON.stringify(parse(deployment))), 'unknown');
    assert.equal(fileKindOf('/w/.palette/clusters/store-042.yaml', false, readFileSync('examples/.palette/clusters/store-042.yaml', 'utf8')), 'unknown');
  });

  it('the name decides before the content: a pack folder values.yaml is pack values', () => {
    assert.equal(fileKindOf('/w/pack/values.yaml', true, helmValues), 'pack-values');
    assert.equal(fileKindOf('/w/pack/pack.json', false, '{}'), 'pack-json');
    assert.equal(fileKindOf('/w/x.profile.yaml', false, ''), 'profile');
  });

  it('decides large and hostile texts in linear time: the sniffing runs on every YAML and JSON an editor sends', () => {
    const texts = [
      'metadata:\n  name: x\nspec:\n' + Array.from({ length: 60_000 }, (_, i) => `  key${i}: value${i}`).join('\n'),
      'metadata:\nspec:\n  ' + 'a '.repeat(2_500_000),
      '{{'.repeat(80_000),
      '{"metadata": {}, "spec": {"template": {"packs": ' + '['.repeat(50_000),
    ];
    for (const text of texts) {
      const started = performance.now();
      assert.equal(fileKindOf('/w/big.yaml', false, text), text.startsWith('{"') ? 'profile' : 'unknown');
      assert.ok(performance.now() - started < 1000, `${text.slice(0, 30)}… took ${performance.now() - started} ms`);
    }
  });

  it('isJsonText tells an export from YAML, a byte-order mark and blank lines aside', () => {
    assert.equal(isJsonText(example), true);
    assert.equal(isJsonText('\uFEFF\n  {"metadata": {}}'), true);
    assert.equal(isJsonText(exampleYaml), false);
  });
});

describe('a JSON export read as a profile: positions in the JSON', () => {
  const baseline = parsed(profileText(stack({ version: '1.0.0' })));

  for (const [label, indent] of [['one line, as Palette gives it', undefined], ['indented', 2]] as const) {
    it(`hover inside a pack's values (${label})`, () => {
      const { text, offset } = marked(exportOf(profileText(stack({ os: osValues.replace('system.registry: ttl.sh', `system.regi${mark}stry: harbor.example.com`) })), indent));
      const profile = parseProfile(text, defaultSyntaxLimits, { cache: null });
      assert.deepEqual(profile.problems, []);
      const e = explainProfileAt(profile, offset, { baseline: { profile: baseline, label: '1.0.0' }, kind: { edge: true, distribution: 'k3s' } });
      assert.equal(e?.title, 'options.system.registry');
      assert.equal(text.slice(e.span.start, e.span.end), 'system.registry');
      assert.deepEqual(e.rules?.rules.map((r) => r.impact), ['repave']);
    });

    it(`the plan's changes point into the JSON (${label})`, () => {
      const text = exportOf(profileText(stack({ os: osValues.replace('system.registry: ttl.sh', 'system.registry: harbor.example.com') })), indent);
      const plan = planUpdate(baseline, parseProfile(text, defaultSyntaxLimits, { cache: null }));
      const registry = plan.changes.find((c) => c.path === 'options.system.registry');
      assert.ok(registry?.pendingSpan, JSON.stringify(plan.changes.map((c) => c.path)));
      assert.equal(text.slice(registry.pendingSpan.start, registry.pendingSpan.end), 'harbor.example.com');
      assert.equal(plan.impact, 'repave');
    });
  }

  it('diagnostics of the outer JSON and of the values inside it, each at its place', () => {
    const text = exportOf(profileText(stack({ os: osValues.replace('system.repo: ubuntu', 'system.repo: [ubuntu') })), 2).replace('"layer": "k8s"', '"layer": "kubernetes"');
    const problems = analyzeText('profile', text, { limits: defaultSyntaxLimits }).problems;
    const layer = problems.find((p) => /Unknown layer 'kubernetes'/.test(p.message));
    assert.ok(layer, JSON.stringify(problems));
    assert.equal(text.slice(layer.start, layer.end), '"kubernetes"');
    const syntax = problems.find((p) => p.code === 'embedded-yaml-syntax');
    assert.ok(syntax, JSON.stringify(problems));
    // Inside the JSON string of the os pack's values, not at the top of the file.
    const osValuesAt = text.indexOf('"values": "options:');
    assert.ok(syntax.start > osValuesAt && syntax.start < text.indexOf('"name": "edge-k3s"'), `${syntax.start} not in the os values`);
  });

  it('the example export validates like the profile it was exported from', () => {
    const codes = (text: string) => analyzeText('profile', text, { limits: defaultSyntaxLimits }).problems.map((p) => `${p.severity} ${p.code}`);
    assert.deepEqual(codes(example), codes(exampleYaml));
  });
});

describe('exportToProfileYaml', () => {
  it('turns the example export into profile YAML whose values are blocks and whose parse equals the export', () => {
    const converted = exportToProfileYaml(example);
    assert.ok(converted.ok, converted.ok ? '' : converted.message);
    assert.match(converted.yaml, /^ {8}values: \|-\n {10}pack:\n/m);
    assert.match(converted.yaml, /^ {12}content: \|-\n {14}apiVersion: v1\n/m);
    assert.doesNotMatch(converted.yaml, /\\n/, 'an escaped newline is left in the YAML');
    assert.deepEqual(parse(converted.yaml), JSON.parse(example));
    // The same profile to every part of the product: no change planned between the two, the same findings.
    const fromJson = parseProfile(example, defaultSyntaxLimits, { cache: null });
    const fromYaml = parseProfile(converted.yaml, defaultSyntaxLimits, { cache: null });
    assert.deepEqual(fromYaml.problems, []);
    assert.deepEqual(planUpdate(fromJson, fromYaml).changes, []);
    assert.equal(fileKindOf('/w/edge-retail.profile.yaml', false, converted.yaml), 'profile');
  });

  it('keeps strings a block cannot carry as they are: trailing newlines, indented first lines, blanks, carriage returns', () => {
    const values = ['a: 1\n', 'a: 1\n\n\n', '  indented: 1\nb: 2', '', '   ', 'x: "a\r\nb"\r\ny: 1', 'tab:\t1\ntrail: 2   \nz: 3'];
    const json = JSON.stringify({
      metadata: { name: 'Retail (EU) stores', labels: { on: 'yes', octal: '0o14', null: '~' } },
      spec: { version: '1.0.0', template: { type: 'add-on', cloudType: 'all', packs: values.map((v, i) => ({ name: `p${i}`, tag: '1.10', layer: 'addon', values: v, manifests: [{ name: 'm', content: v }] })) } },
    });
    const converted = exportToProfileYaml(json);
    assert.ok(converted.ok, converted.ok ? '' : converted.message);
    assert.deepEqual(parse(converted.yaml), JSON.parse(json));
    // Palette reads values with a YAML 1.1 parser: `yes` and `0o14` must stay strings there too.
    assert.deepEqual(parse(converted.yaml, { version: '1.1' }), JSON.parse(json));
    assert.match(converted.yaml, /values: \|2-\n {12}indented: 1\n/);
  });

  it('refuses what is not an export, with a message', () => {
    const notJson = exportToProfileYaml(example.replace('"type": "cluster",', '"type": "cluster",,'));
    assert.equal(notJson.ok, false);
    assert.match(notJson.ok ? '' : notJson.message, /Not valid JSON/);
    const notExport = exportToProfileYaml(readFileSync('package.json', 'utf8'));
    assert.equal(notExport.ok, false);
    assert.match(notExport.ok ? '' : notExport.message, /Not a Palette profile export/);
  });

  it('names the YAML after the export', () => {
    assert.equal(profileYamlName('edge-retail.json'), 'edge-retail.profile.yaml');
    assert.equal(profileYamlName('edge-retail.profile.json'), 'edge-retail.profile.yaml');
    assert.equal(profileYamlName('ML Ops.JSON'), 'ML Ops.profile.yaml');
  });
});

describe('cli: file recognition', () => {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('reads an export under any name, skips a Helm values.yaml, and does not crash on a file named constructor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pps-exports-'));
    const exported = join(dir, 'edge-retail.json');
    copyFileSync('examples/edge-retail/edge-retail-export.json', exported);
    mkdirSync(join(dir, 'chart'));
    writeFileSync(join(dir, 'chart', 'values.yaml'), helmValues);
    mkdirSync(join(dir, 'pack'));
    copyFileSync('examples/packs/hello-universe/pack.json', join(dir, 'pack', 'pack.json'));
    for (const name of ['constructor', 'toString', '__proto__']) writeFileSync(join(dir, 'pack', name), 'a: 1\n');
    const r = run('validate', exported, join(dir, 'chart', 'values.yaml'), join(dir, 'pack', 'constructor'), join(dir, 'pack', 'toString'), join(dir, 'pack', '__proto__'), '--format', 'json');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as { files: { file: string }[] };
    assert.deepEqual(report.files.map((f) => f.file), [exported]);
    assert.match(r.stderr, /chart\/values\.yaml: not a Palette profile or pack file, skipped/);
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});
