// While a file does not parse: a pack whose values do not parse is not checked, and the last good plan is carried past an outer syntax error.
import * as assert from 'node:assert/strict';
import { carryPlan } from '../../server/src/core/plan/carry';
import { planUpdate } from '../../server/src/core/plan/plan';
import { parseProfile } from '../../server/src/core/parse/profile';
import { defaultK8sValues, defaultOsValues, profileText, type EdgeStack } from './plan-fixtures';

const stackText = (s: EdgeStack) =>
  profileText({
    version: '1.1.0',
    packs: [
      { name: 'edge-native-byoi', layer: 'os', tag: '2.1.0', values: s.os ?? defaultOsValues },
      { name: 'edge-k3s', layer: 'k8s', tag: '1.30.5', values: s.k8s ?? defaultK8sValues },
    ],
  });
const parse = (text: string) => parseProfile(text, undefined, { cache: null });
const baseline = () => parse(stackText({}));
const k8sEdit = defaultK8sValues.replace('retention: 5', 'retention: 14');

describe('plan: a pack whose values do not parse', () => {
  it('is not checked, and predicts nothing for keys nobody touched; the other packs are planned', () => {
    // An unclosed [ makes the rest of the OS values unreadable: without the check every later key reads as removed.
    const os = defaultOsValues.replace('system.repo: ubuntu', 'system.repo: [ubuntu');
    const pending = parse(stackText({ os, k8s: k8sEdit }));
    assert.ok(pending.problems.some((p) => p.code === 'embedded-yaml-syntax'));
    const plan = planUpdate(baseline(), pending);
    assert.deepEqual(plan.unchecked, [{ layer: 'os', pack: 'edge-native-byoi' }]);
    assert.deepEqual(plan.changes.map((c) => `${c.pack} ${c.path}`), ['edge-k3s cluster.config.etcd-snapshot-retention']);
    assert.equal(plan.impact, 'service-restart');
  });

  it('is checked again once it parses', () => {
    const plan = planUpdate(baseline(), parse(stackText({ os: defaultOsValues.replace('system.repo: ubuntu', 'system.repo: [ubuntu]') })));
    assert.deepEqual(plan.unchecked, []);
    assert.deepEqual(plan.changes.map((c) => c.path), ['options.system.repo']);
  });
});

describe('plan: carried past an outer syntax error', () => {
  const goodText = stackText({ k8s: k8sEdit });
  const good = parse(goodText);
  const goodPlan = planUpdate(baseline(), good);

  it('keeps the predictions outside the edit, moved to their new place, and marks the edited pack', () => {
    // A quote left open in the OS pack's tag line: yaml reads the rest of the file as one string.
    const broken = goodText.replace('tag: 2.1.0', 'tag: "2.1.0-rc');
    assert.ok(parse(broken).doc!.errors.length > 0);
    const { plan } = carryPlan(goodPlan, good, goodText, broken);
    assert.deepEqual(plan.unchecked, [{ layer: 'os', pack: 'edge-native-byoi' }]);
    const retention = plan.changes.find((c) => c.path === 'cluster.config.etcd-snapshot-retention');
    assert.ok(retention?.pendingSpan);
    assert.equal(broken.slice(retention.pendingSpan.start, retention.pendingSpan.end), '14');
    assert.equal(plan.impact, 'service-restart');
  });

  it('drops a prediction inside the edited region, and the roll-up with it', () => {
    const broken = goodText.replace('etcd-snapshot-retention: 14', 'etcd-snapshot-retention: "14');
    const { plan } = carryPlan(goodPlan, good, goodText, broken);
    assert.deepEqual(plan.changes, []);
    assert.equal(plan.impact, 'no-op');
    assert.deepEqual(plan.unchecked, [{ layer: 'k8s', pack: 'edge-k3s' }]);
  });

  it('is what the plan of the last good version says when nothing else moved', () => {
    const { plan } = carryPlan(goodPlan, good, goodText, goodText);
    assert.deepEqual(plan.changes, goodPlan.changes);
  });
});
