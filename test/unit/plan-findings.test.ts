// Update checks, each code with a case that raises it and one that does not, and the version arithmetic behind them.
import * as assert from 'node:assert/strict';
import type { Finding } from '../../server/src/core/plan/model';
import { planUpdate, type PlanOptions } from '../../server/src/core/plan/plan';
import { compareSemver, compareTags, isFloatingTag, parseSemver, parseTag } from '../../server/src/core/plan/semver';
import type { ProfileModel } from '../../server/src/core/parse/profile';
import { edgeStack, profile, type EdgeStack } from './plan-fixtures';

function findings(current: ProfileModel, pending: ProfileModel, options: PlanOptions = {}): Finding[] {
  return planUpdate(current, pending, options).findings;
}

function codes(list: Finding[]): string[] {
  return list.map((f) => f.code);
}

function withCode(list: Finding[], code: string): Finding {
  const found = list.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(codes(list))}`);
  return found[0];
}

const stack = (s: EdgeStack = {}) => edgeStack(s);
const aws = (cni: string) => profile({ cloudType: 'aws', packs: [{ name: 'ubuntu', layer: 'os', tag: '22.04' }, { name: 'kubernetes', layer: 'k8s', tag: '1.30.4' }, { name: cni, layer: 'cni', tag: '1.0.0' }] });

describe('plan: update checks', () => {
  it('a clean upgrade raises nothing', () => {
    assert.deepEqual(codes(findings(stack(), stack({ version: '1.1.0', k8sTag: '1.31.2' }))), []);
  });

  it('k8s-downgrade: an error on the pending tag', () => {
    const pending = stack({ k8sTag: '1.29.9' });
    const f = withCode(findings(stack(), pending), 'k8s-downgrade');
    assert.equal(f.severity, 'error');
    assert.ok(f.span);
    assert.equal(pending.text.slice(f.span.start, f.span.end), '1.29.9');
    assert.ok(!codes(findings(stack(), stack({ k8sTag: '1.30.6' }))).includes('k8s-downgrade'));
  });

  it('k8s-downgrade is not also reported as pack-downgrade', () => {
    assert.deepEqual(codes(findings(stack(), stack({ k8sTag: '1.30.1' }))), ['k8s-downgrade']);
  });

  it('k8s-minor-skip: a warning for 1.30 → 1.32, none for 1.30 → 1.31', () => {
    const f = withCode(findings(stack(), stack({ k8sTag: '1.32.0' })), 'k8s-minor-skip');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /1\.30 → 1\.32/);
    assert.ok(!codes(findings(stack(), stack({ k8sTag: '1.31.0' }))).includes('k8s-minor-skip'));
  });

  it('cni-change: an error on Edge, a warning elsewhere; keeping the CNI passes', () => {
    assert.equal(withCode(findings(stack(), stack({ cniName: 'cni-cilium-oss' })), 'cni-change').severity, 'error');
    assert.equal(withCode(findings(aws('cni-calico'), aws('cni-cilium')), 'cni-change').severity, 'warning');
    assert.ok(!codes(findings(aws('cni-calico'), aws('cni-calico'))).includes('cni-change'));
  });

  it('csi-change: a warning when the storage pack is a different one', () => {
    assert.equal(withCode(findings(stack(), stack({ csiName: 'csi-rook-ceph' })), 'csi-change').severity, 'warning');
    assert.ok(!codes(findings(stack(), stack({ csi: 'charts:\n  longhorn:\n    replicas: 3' }))).includes('csi-change'));
  });

  it('infra-layer-removed: an error naming the dropped layer; dropping an add-on is fine', () => {
    const current = profile({ packs: [{ name: 'os', layer: 'os', tag: '1' }, { name: 'k', layer: 'k8s', tag: '1.30.0' }, { name: 'c', layer: 'csi', tag: '1' }, { name: 'a', layer: 'addon', tag: '1' }] });
    const noCsi = profile({ packs: [{ name: 'os', layer: 'os', tag: '1' }, { name: 'k', layer: 'k8s', tag: '1.30.0' }, { name: 'a', layer: 'addon', tag: '1' }] });
    const noAddon = profile({ packs: [{ name: 'os', layer: 'os', tag: '1' }, { name: 'k', layer: 'k8s', tag: '1.30.0' }, { name: 'c', layer: 'csi', tag: '1' }] });
    const f = withCode(findings(current, noCsi), 'infra-layer-removed');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /csi layer \(c\)/);
    assert.ok(f.currentSpan);
    assert.deepEqual(codes(findings(current, noAddon)), []);
  });

  it('version-invalid: an error on a version that is not strict semver', () => {
    for (const bad of ['v1.2', '2.2.2.develop', 'b0.0.1', '1.02.0']) {
      const pending = stack({ version: bad });
      const f = withCode(findings(stack(), pending), 'version-invalid');
      assert.ok(f.span);
      assert.equal(pending.text.slice(f.span.start, f.span.end), bad);
    }
    for (const good of ['1.2.3', '1.2.3-rc.1', '2.0.0+build.5']) assert.deepEqual(codes(findings(stack(), stack({ version: good }))), [], good);
  });

  it('version-exists: only when publishing, and only for a version already taken', () => {
    const pending = stack({ version: '1.1.0' });
    assert.equal(withCode(findings(stack(), pending, { publishing: true, existingVersions: ['1.0.0', '1.1.0'] }), 'version-exists').severity, 'error');
    assert.deepEqual(codes(findings(stack(), pending, { publishing: false, existingVersions: ['1.1.0'] })), []);
    assert.deepEqual(codes(findings(stack(), pending, { publishing: true, existingVersions: ['1.0.0'] })), []);
  });

  it('pack-downgrade: a warning when a pack tag goes down; up is fine', () => {
    const pack = (tag: string) => profile({ packs: [{ name: 'app', layer: 'addon', tag }] });
    const f = withCode(findings(pack('2.1.0'), pack('2.0.5')), 'pack-downgrade');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(codes(findings(pack('2.1.0'), pack('2.2.0'))), []);
    assert.deepEqual(codes(findings(pack('v2.1.0'), pack('v2.1.1'))), []);
  });

  it('floating-tag: a warning on a .x tag in the new version; exact tags pass', () => {
    const pending = stack({ k8sTag: '1.31.x' });
    const f = withCode(findings(stack(), pending), 'floating-tag');
    assert.ok(f.span);
    assert.equal(pending.text.slice(f.span.start, f.span.end), '1.31.x');
    assert.ok(!codes(findings(stack(), stack({ k8sTag: '1.31.2' }))).includes('floating-tag'));
  });

  it('orphaned-resources: a warning per object dropped from a manifest; an edited object raises none', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site\n  namespace: hello\ndata:\n  A: "1"';
    const dep = (env: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: hello\nspec:\n  ${env}: []`;
    const p = (...docs: string[]) => profile({ packs: [{ name: 'hello', layer: 'addon', tag: '1', manifests: [{ name: 'hello', content: docs.join('\n---\n') }] }] });
    const current = p(cm, dep('envFrom'));
    const plan = planUpdate(current, p(dep('env')));
    const f = withCode(plan.findings, 'orphaned-resources');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /ConfigMap\/hello\/site/);
    assert.ok(f.currentSpan);
    assert.ok(current.text.slice(f.currentSpan.start, f.currentSpan.end).includes('kind: ConfigMap'));
    assert.ok(plan.changes.some((c) => c.object === 'ConfigMap/hello/site' && c.change === 'removed' && c.impact === 'redeploy'));
    assert.deepEqual(codes(findings(p(cm, dep('envFrom')), p(cm, dep('env')))), []);
  });

  it('orphaned-resources: also for a whole manifest dropped from a pack that stays', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site';
    const a = profile({ packs: [{ name: 'hello', layer: 'addon', tag: '1', manifests: [{ name: 'one', content: cm }, { name: 'two', content: cm.replace('site', 'other') }] }] });
    const b = profile({ packs: [{ name: 'hello', layer: 'addon', tag: '1', manifests: [{ name: 'one', content: cm }] }] });
    assert.match(withCode(findings(a, b), 'orphaned-resources').message, /Manifest two .*ConfigMap\/other/);
  });

  it('cluster-provisioning: an error for a Provisioning cluster, none for a Running one', () => {
    const f = withCode(findings(stack(), stack(), { cluster: { name: 'store-043', status: 'Provisioning' } }), 'cluster-provisioning');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /store-043/);
    assert.deepEqual(codes(findings(stack(), stack(), { cluster: { name: 'store-042', status: 'Running' } })), []);
  });

  it('every finding cites a docs page', () => {
    const all = findings(stack(), stack({ version: 'v2', k8sTag: '1.29.x', cniName: 'x', csiName: 'y' }), { cluster: { name: 'c', status: 'Provisioning' } });
    assert.ok(all.length >= 5);
    for (const f of all) assert.match(f.source ?? '', /^https:\/\/docs\.spectrocloud\.com\//, f.code);
  });
});

describe('plan: versions', () => {
  it('parses strict semver only', () => {
    assert.deepEqual(parseSemver('1.2.3-rc.1'), { major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'] });
    for (const bad of ['v1.2.3', '1.2', '1.2.3.4', '01.2.3', '1.2.3-', '']) assert.equal(parseSemver(bad), undefined, bad);
  });

  it('orders by semver precedence, prereleases before the release', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    for (let i = 1; i < order.length; i++) {
      const a = parseSemver(order[i - 1]);
      const b = parseSemver(order[i]);
      assert.ok(a && b && compareSemver(a, b) < 0 && compareSemver(b, a) > 0, `${order[i - 1]} < ${order[i]}`);
    }
  });

  it('reads pack tags loosely and compares them numerically', () => {
    assert.deepEqual(parseTag('v1.30.x'), { major: 1, minor: 30, patch: undefined, prerelease: [], floating: true });
    assert.ok((compareTags('1.9.0', '1.10.0') ?? 0) < 0);
    assert.equal(compareTags('1.30.x', '1.30.5'), 0);
    assert.ok((compareTags('1.31.x', '1.30.5') ?? 0) > 0);
    assert.equal(compareTags('latest', '1.0.0'), undefined);
    assert.ok(isFloatingTag('1.30.x') && isFloatingTag('1.x') && !isFloatingTag('1.30.1') && !isFloatingTag('22.04'));
  });
});
