// What a hover says about keys and values of a profile: path, schema words, baseline value, and the rule for the cluster kind.
import * as assert from 'node:assert/strict';
import { explainProfileAt, type Explanation } from '../../server/src/core/explain/explain';
import { clusterKindLabel } from '../../server/src/core/explain/rulesAt';
import type { ClusterKind } from '../../server/src/core/plan/model';
import { at, osValues, parsed, scalar, stack } from './explain-fixtures';
import { profileText, type ProfileSpec } from './plan-fixtures';

const k3s: ClusterKind = { edge: true, distribution: 'k3s' };
const rke2: ClusterKind = { edge: true, distribution: 'rke2' };
const aws: ClusterKind = { edge: false, distribution: 'pxk' };
const baseline = { profile: parsed(profileText(stack({ version: '1.0.0', k8sTag: '1.29.3' }))), label: 'edge-retail 1.0.0 (store)' };

function explain(spec: ProfileSpec, kind: ClusterKind = k3s, withBaseline = true): { e: Explanation; text: string; offset: number } {
  const { profile, offset, text } = at(spec);
  const e = explainProfileAt(profile, offset, { kind, baseline: withBaseline ? baseline : undefined });
  assert.ok(e, 'nothing to explain at the marker');
  return { e, text, offset };
}

describe('explain: keys in pack values', () => {
  it('explains a changed dotted key: schema words, value, baseline value and the uri rule on Edge K3s', () => {
    const { e, text } = explain(stack({ os: osValues.replace('system.registry: ttl.sh', 'system.regi‸stry: harbor.example.com') }));
    assert.equal(e.title, 'options.system.registry');
    assert.equal(e.where, 'edge-native-byoi (os layer) · values');
    assert.equal(text.slice(e.span.start, e.span.end), 'system.registry');
    assert.match(e.schema?.description ?? '', /Registry that holds the provider images/);
    assert.deepEqual(e.value, scalar('harbor.example.com'));
    assert.deepEqual(e.baseline?.at, { found: true, shown: scalar('ttl.sh') });
    assert.equal(e.rules?.kind, 'Edge K3s');
    assert.deepEqual(e.rules?.rules.map((r) => [r.rule, r.impact]), [['edge-uri-dependency', 'repave']]);
    assert.equal(e.ownChange?.change, 'modified');
    assert.equal(e.ownChange?.before, 'ttl.sh');
  });

  it('finds the same schema words for the nested spelling, and the value under the caret', () => {
    const os = osValues.replace('  system.registry: ttl.sh', '  system:\n    registry: tt‸l.sh');
    const { e, text } = explain(stack({ os }));
    assert.equal(e.title, 'options.system.registry');
    assert.equal(text.slice(e.span.start, e.span.end), 'ttl.sh');
    assert.match(e.schema?.description ?? '', /nested spelling/);
    assert.match(e.baseline?.at.found ? e.baseline.at.shown.text : '', /^ttl\.sh$/);
    assert.equal(e.ownChange, undefined, 'an unchanged value has no change of its own');
  });

  it('gives the stage rule for the cluster kind: reboot on K3s, repave on RKE2, OS repave off Edge', () => {
    const spec = stack({ os: osValues.replace('        - timedatectl', '        - ti‸medatectl') });
    assert.deepEqual(explain(spec, k3s).e.rules?.rules.map((r) => [r.rule, r.impact]), [['edge-os-stages', 'reboot']]);
    assert.deepEqual(explain(spec, rke2).e.rules?.rules.map((r) => [r.rule, r.impact]), [['edge-rke2-stages', 'repave']]);
    const off = explain(spec, aws).e;
    assert.equal(off.rules?.kind, 'non-Edge PXK');
    assert.deepEqual(off.rules?.rules.map((r) => [r.rule, r.impact]), [['os-change', 'repave']]);
    assert.equal(explain(spec).e.title, 'stages.boot[0].commands[0]');
  });

  it('lists the distinct rules of the keys under a mapping, most disruptive first', () => {
    const { e } = explain(stack({ os: osValues.replace('stages:', 'sta‸ges:') }));
    assert.equal(e.title, 'stages');
    assert.deepEqual(e.value, { text: 'a mapping (2 keys)', kind: 'map' });
    assert.deepEqual(e.rules?.rules.map((r) => [r.rule, r.impact, r.paths.length]), [
      ['edge-os-stages', 'reboot', 2],
      ['edge-os-stages-reconcile', 'config-reload', 2],
    ]);
  });

  it('follows a named list item to its baseline counterpart when a step is inserted above it', () => {
    const os = osValues.replace('  boot:\n', '  boot:\n    - name: new-step\n      commands:\n        - echo hi\n').replace('set-timezone UTC', 'set-timezone Eu‸rope/Paris');
    const { e } = explain(stack({ os }));
    assert.equal(e.title, 'stages.boot[1].commands[0]');
    assert.deepEqual(e.baseline?.at, { found: true, shown: scalar('timedatectl set-timezone UTC') });
  });

  it('says a key or a pack is not in the baseline', () => {
    const added = explain(stack({ os: osValues + '\npack:\n  new‸Key: 1' })).e;
    assert.deepEqual(added.baseline?.at, { found: false, why: 'no-key' });
    assert.equal(added.ownChange?.change, 'added');
    const extra = explain(stack({ extra: [{ name: 'hello', layer: 'addon', tag: '1.0.0', values: 'replicas: ‸2' }] })).e;
    assert.deepEqual(extra.baseline?.at, { found: false, why: 'no-pack' });
    assert.deepEqual(extra.rules?.rules.map((r) => r.rule), ['addon']);
  });

  it('explains Kairos hooks written as dotted keys from the stages schema', () => {
    const { e } = explain(stack({ os: osValues.replace('  reconcile:', '  network.af‸ter:') }));
    assert.equal(e.title, 'stages.network.after');
    assert.match(e.schema?.description ?? '', /hook/i);
  });

  it('explains the Kubernetes values with the k8s rules', () => {
    const { e } = explain(stack({ k8s: 'cluster:\n  config:\n    etcd-snapshot-re‸tention: 5' }));
    assert.equal(e.where, 'edge-k3s (k8s layer) · values');
    assert.deepEqual(e.rules?.rules.map((r) => [r.rule, r.impact]), [['edge-k8s-cluster', 'service-restart']]);
  });
});

describe('explain: the outer profile', () => {
  it('keeps the dotted path of an outer key and its schema words', () => {
    const { e } = explain({ ...stack(), cloudType: 'edge-nat‸ive' });
    assert.equal(e.title, 'spec.template.cloudType');
    assert.ok(e.schema?.description, 'no description for cloudType');
    assert.deepEqual(e.baseline?.at, { found: true, shown: scalar('edge-native') });
  });

  it('explains a Kubernetes tag: minor skip against the baseline, and the tag rule', () => {
    const { e, text } = explain(stack({ k8sTag: '1.31‸.2' }));
    assert.equal(e.title, 'spec.template.packs[1].tag');
    assert.equal(e.where, 'edge-k3s (k8s layer)');
    assert.equal(text.slice(e.span.start, e.span.end), '1.31.2');
    assert.equal(e.tag?.before, '1.29.3');
    assert.equal(e.tag?.step, 'minor');
    assert.deepEqual(e.tag?.skipped, { from: '1.29', to: '1.31' });
    assert.deepEqual(e.rules?.rules.map((r) => [r.rule, r.impact]), [['edge-k8s-version-in-uri', 'repave']]);
  });

  it('explains a downgrade and a floating tag', () => {
    assert.equal(explain(stack({ k8sTag: '1.28‸.1' })).e.tag?.step, 'downgrade');
    const floating = explain(stack({ k8sTag: '1.29‸.x' })).e.tag;
    assert.equal(floating?.floating, true);
    assert.ok(floating?.notes.some((n) => /floating tag/.test(n)));
  });

  it('on a pack name, scopes every change in the pack and gives the add/remove rule', () => {
    const { e } = explain(stack({ k8sName: 'edge-k‸3s' }));
    assert.equal(e.title, 'spec.template.packs[1].name');
    assert.equal(e.scope?.pack, 'edge-k3s');
    assert.equal(e.scope?.part, undefined);
    assert.deepEqual(e.rules?.rules.map((r) => r.rule), ['edge-k8s-version-in-uri']);
  });

  it('gives the profile rules for spec.version and variables', () => {
    const version = explain(stack({ version: '1.1‸.0' })).e;
    assert.deepEqual(version.rules?.rules.map((r) => r.rule), ['profile-version']);
    assert.deepEqual(version.baseline?.at, { found: true, shown: scalar('1.0.0') });
    const variable = explain(stack({ variables: '- name: site_id\n  format: str‸ing' })).e;
    assert.equal(variable.title, 'spec.variables[0].format');
    assert.deepEqual(variable.rules?.rules.map((r) => r.rule), ['profile-variables']);
    assert.deepEqual(variable.baseline?.at, { found: false, why: 'no-key' });
  });

  it('shows a block of values by its size, never a clipped copy of it', () => {
    const text = profileText(stack());
    const profile = parsed(text);
    const e = explainProfileAt(profile, text.indexOf('values: |-') + 2, { kind: k3s, baseline })!;
    assert.equal(e.title, 'spec.template.packs[0].values');
    assert.deepEqual(e.value && { text: e.value.text, kind: e.value.kind }, { text: `a block of ${osValues.split('\n').length} lines`, kind: 'block' });
  });

  it('names cluster kinds the way the issue does', () => {
    assert.equal(clusterKindLabel({ edge: true, distribution: 'pxk-e' }), 'Edge PXK-E');
    assert.equal(clusterKindLabel({ edge: true, distribution: 'rke2' }), 'Edge RKE2');
    assert.equal(clusterKindLabel({ edge: true, distribution: 'unknown' }), 'Edge (distribution unknown)');
    assert.equal(clusterKindLabel({ edge: false, distribution: 'unknown' }), 'non-Edge');
  });

  it('says nothing between keys and without a baseline leaves the baseline out', () => {
    const profile = parsed(profileText(stack()));
    assert.equal(explainProfileAt(profile, profile.text.indexOf('spec:') + 5, { kind: k3s }), undefined);
    const { e } = explain(stack({ k8sTag: '1.3‸1.2' }), k3s, false);
    assert.equal(e.baseline, undefined);
    assert.equal(e.tag?.step, 'same');
  });
});
