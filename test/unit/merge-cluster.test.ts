// A cluster's overrides carried from the profile version it runs into a pending version, on the example workspace.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseProfile } from '../../server/src/core/parse/profile';
import { mergeForCluster } from '../../server/src/core/merge/cluster';
import type { ValuesEdit } from '../../server/src/core/merge/profileText';

const examples = join(__dirname, '..', '..', '..', 'examples');
const read = (rel: string) => readFileSync(join(examples, rel), 'utf8');
const fresh = (text: string) => parseProfile(text, undefined, { cache: null });

function apply(text: string, edits: ValuesEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function valuesOf(text: string, pack: string): unknown {
  return parse(fresh(text).packs.find((p) => p.name?.value === pack)?.values?.text ?? '');
}

interface ClusterRecord {
  overrides: Record<string, string>;
  variables: Record<string, string>;
  profile: { name: string; version: string };
}

describe('merge: store-042 from edge-retail 1.0.0 to 1.1.0', () => {
  const current = fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml'));
  const pendingText = read('edge-retail/edge-retail.profile.yaml');
  const pending = fresh(pendingText);
  const record = parse(read('.palette/clusters/store-042.yaml')) as ClusterRecord;

  it('uses the record as the README describes it', () => {
    assert.deepEqual(record.profile, { name: 'edge-retail', version: '1.0.0' });
    assert.equal(current.version?.value, '1.0.0');
    assert.equal(pending.version?.value, '1.1.0');
    assert.deepEqual(Object.keys(record.overrides).sort(), ['edge-k3s', 'hello-universe']);
    assert.equal((parse(record.overrides['hello-universe']) as { manifests: { 'hello-universe': { replicas: number } } }).manifests['hello-universe'].replicas, 3);
    assert.ok(record.overrides['edge-k3s'].includes('- max-pods=150'));
    assert.deepEqual(record.variables, { site_id: '042' });
  });

  const m = mergeForCluster(current, pending, record);

  it('reports the hello-universe replicas conflict: 1.0.0 had 1, the cluster 3, 1.1.0 has 2', () => {
    assert.deepEqual(
      m.conflicts.map((c) => [c.pack, c.layer, c.path, c.base, c.mine, c.theirs]),
      [['hello-universe', 'addon', 'manifests.hello-universe.replicas', 1, 3, 2]],
    );
  });

  it('keeps edge-k3s max-pods=150 (kubelet-arg is a list, carried whole)', () => {
    assert.deepEqual(
      m.kept.map((k) => [k.pack, k.layer, k.path, k.value, k.note]),
      [['edge-k3s', 'k8s', 'cluster.config.kubelet-arg', ['read-only-port=0', 'event-qps=0', 'max-pods=150'], undefined]],
    );
    assert.deepEqual(m.dropped, []);
    assert.deepEqual(m.problems, []);
  });

  it('groups results per pack', () => {
    assert.deepEqual(
      m.perPack.map((p) => [p.pack, p.layer, p.kept.length, p.conflicts.length, p.dropped.length]),
      [['hello-universe', 'addon', 0, 1, 0], ['edge-k3s', 'k8s', 1, 0, 0]],
    );
  });

  it('changes exactly the max-pods line of the pending text, with one edit', () => {
    assert.equal(pendingText.split('- max-pods=110').length, 2);
    assert.equal(m.text, pendingText.replace('- max-pods=110', '- max-pods=150'));
    assert.deepEqual(m.edits.map((e) => [e.pack, pendingText.slice(e.start, e.end), e.newText]), [['edge-k3s', '                - max-pods=110\n', '                - max-pods=150\n']]);
    assert.equal(apply(pendingText, m.edits), m.text);
  });

  it('carries the replicas override too once the conflict is resolved to mine', () => {
    const mine = mergeForCluster(current, pending, record, { resolve: (c) => (c.pack === 'hello-universe' ? 'mine' : undefined) });
    assert.equal(mine.conflicts[0].resolution, 'mine');
    assert.deepEqual(valuesOf(mine.text, 'hello-universe'), {
      pack: { namespace: 'hello-universe', 'spectrocloud.com/install-priority': '0' },
      manifests: { 'hello-universe': { siteId: '{{.spectro.var.site_id}}', replicas: 3 } },
    });
    const kubelet = (valuesOf(mine.text, 'edge-k3s') as { cluster: { config: { 'kubelet-arg': string[] } } }).cluster.config['kubelet-arg'];
    assert.deepEqual(kubelet, ['read-only-port=0', 'event-qps=0', 'max-pods=150']);
    assert.equal(mine.edits.length, 2);
    assert.equal(apply(pendingText, mine.edits), mine.text);
    assert.deepEqual(fresh(mine.text).problems, []);
  });

  it('returns the cluster’s variable values unchanged', () => {
    assert.deepEqual(m.variables, { site_id: '042' });
  });
});

describe('merge: cluster edge cases', () => {
  const current = fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml'));
  const pendingText = read('edge-retail/edge-retail.profile.yaml');
  const pending = fresh(pendingText);

  it('returns the pending text byte for byte when the cluster has no overrides (store-043)', () => {
    const record = parse(read('.palette/clusters/store-043.yaml')) as ClusterRecord;
    const m = mergeForCluster(current, pending, record);
    assert.equal(m.text, pendingText);
    assert.deepEqual([m.edits, m.kept, m.conflicts, m.dropped, m.problems], [[], [], [], [], []]);
    assert.deepEqual(m.variables, { site_id: '043' });
  });

  it('returns the pending text byte for byte when the overrides equal the version’s values', () => {
    const same = Object.fromEntries(current.packs.map((p) => [p.name?.value ?? '', p.values?.text ?? '']));
    const m = mergeForCluster(current, pending, { overrides: same });
    assert.equal(m.text, pendingText);
    assert.deepEqual(m.edits, []);
    assert.equal(m.perPack.length, current.packs.length);
  });

  it('reports every override of a pack the new version removed as dropped', () => {
    const withoutHello = fresh(pendingText.slice(0, pendingText.indexOf('      - name: hello-universe')) + pendingText.slice(pendingText.indexOf('  variables:')));
    assert.equal(withoutHello.packs.length, 4);
    const overrides = { 'hello-universe': current.packs[4].values?.text.replace('replicas: 1', 'replicas: 3') ?? '' };
    const m = mergeForCluster(current, withoutHello, { overrides });
    assert.deepEqual(m.dropped.map((d) => [d.pack, d.layer, d.path, d.reason, d.value]), [['hello-universe', 'addon', 'manifests.hello-universe.replicas', 'pack-removed', 3]]);
    assert.match(m.dropped[0].message, /removed pack hello-universe/);
    assert.equal(m.text, withoutHello.text);
  });

  it('finds a pack by name when the new version moved it to another layer', () => {
    const moved = fresh(pendingText.replace('        type: manifest\n        layer: addon', '        type: manifest\n        layer: addon-late'));
    const overrides = { 'hello-universe': current.packs[4].values?.text.replace("siteId: '{{.spectro.var.site_id}}'", "siteId: '042'") ?? '' };
    const m = mergeForCluster(current, moved, { overrides });
    assert.deepEqual(m.kept.map((k) => [k.pack, k.path, k.value]), [['hello-universe', 'manifests.hello-universe.siteId', '042']]);
    assert.ok(m.text.includes("              siteId: '042'\n"));
  });

  it('reports an override of a pack the current version does not have as a problem', () => {
    const m = mergeForCluster(current, pending, { overrides: { nope: 'a: 1' } });
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0], /nope/);
    assert.equal(m.text, pendingText);
  });

  it('carries an override of a dotted key in the OS pack, editing the dotted key', () => {
    const os = current.packs[0].values?.text ?? '';
    const clusterOs = os.replace('options:\n', 'options:\n  system:\n    customTag: store-042\n').replace('  system.customTag: retail\n', '');
    const m = mergeForCluster(current, pending, { overrides: { 'edge-native-byoi': clusterOs } });
    assert.deepEqual(m.kept.map((k) => [k.path, k.value]), [['options.system.customTag', 'store-042']]);
    assert.equal(m.text, pendingText.replace('system.customTag: retail', 'system.customTag: store-042'));
  });
});
