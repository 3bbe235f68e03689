// End to end on the example workspace: edge-retail 1.0.0 → 1.1.0 must give the impacts examples/README.md lists.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseProfile } from '../../server/src/core/parse/profile';
import { planUpdate, summarizePlan, type ClusterRecord } from '../../server/src/core/plan/plan';
import { withK8sTag } from './plan-fixtures';

const examples = join(__dirname, '..', '..', '..', 'examples');
const read = (path: string) => parseProfile(readFileSync(join(examples, path), 'utf8'), undefined, { cache: null });
const cluster = (name: string) => parse(readFileSync(join(examples, '.palette', 'clusters', `${name}.yaml`), 'utf8')) as ClusterRecord;

describe('plan: examples end to end', () => {
  const current = read('edge-retail/edge-retail-1.0.0.profile.yaml');
  const pending = read('edge-retail/edge-retail.profile.yaml');
  const plan = planUpdate(current, pending, { cluster: cluster('store-042') });
  const rows = plan.changes.map((c) => [c.pack, c.path, c.impact]);

  it('edge-retail 1.0.0 → 1.1.0 has exactly the changes of the README table, with their impacts', () => {
    const dep = 'manifests.hello-universe[Deployment/hello-universe/hello-universe-deployment]';
    const container = `${dep}.spec.template.spec.containers[name=hello-universe]`;
    assert.deepEqual(rows, [
      ['', 'version', 'no-op'],
      ['edge-native-byoi', 'pack.drain.timeout', 'no-op'],
      ['edge-native-byoi', 'options.system.registry', 'repave'],
      ['edge-native-byoi', 'stages.boot[name=Time settings].commands[0]', 'reboot'],
      ['edge-native-byoi', 'stages.reconcile[name=Journald limits].files[0].content', 'config-reload'],
      ['edge-k3s', 'cluster.config.etcd-snapshot-retention', 'service-restart'],
      ['hello-universe', 'manifests.hello-universe.replicas', 'redeploy'],
      ['hello-universe', 'manifests.hello-universe[ConfigMap/hello-universe/hello-universe-site]', 'redeploy'],
      ['hello-universe', `${dep}.spec.replicas`, 'redeploy'],
      ['hello-universe', `${container}.image`, 'redeploy'],
      ['hello-universe', `${container}.envFrom`, 'redeploy'],
      ['hello-universe', `${container}.env`, 'redeploy'],
    ]);
  });

  it('is a documented repave overall, for an Edge K3s cluster', () => {
    assert.equal(plan.impact, 'repave');
    assert.equal(plan.certainty, 'documented');
    assert.deepEqual(plan.target, { profile: 'edge-retail', fromVersion: '1.0.0', toVersion: '1.1.0', cluster: 'store-042', clusterKind: { edge: true, distribution: 'k3s' } });
  });

  it('explains the repave through options.system.uri, and a Kubernetes step the same way', () => {
    const registry = plan.changes.find((c) => c.path === 'options.system.registry');
    assert.match(registry?.reason ?? '', /options\.system\.registry changed and options\.system\.uri uses it/);
    assert.equal(registry?.source, 'https://docs.spectrocloud.com/clusters/edge/cluster-management/upgrade-behavior/#os-layer');
    assert.ok(!plan.changes.some((c) => c.pack === 'edge-k3s' && c.path === 'tag'), '1.1.0 keeps Kubernetes 1.30.5, so it can be rolled back');
    const stepped = planUpdate(current, parseProfile(withK8sTag(pending.text), undefined, { cache: null }));
    const tag = stepped.changes.find((c) => c.pack === 'edge-k3s' && c.path === 'tag');
    assert.deepEqual([tag?.before, tag?.after, tag?.impact], ['1.30.5', '1.31.2', 'repave']);
    assert.match(tag?.reason ?? '', /kubernetes\.version/);
  });

  it('sees no change in cni-calico (key order) or csi-longhorn (flow list to block list)', () => {
    assert.ok(!plan.changes.some((c) => c.pack === 'cni-calico' || c.pack === 'csi-longhorn'));
  });

  it('warns once, about the ConfigMap left on the cluster, and lets store-042 update', () => {
    assert.deepEqual(plan.findings.map((f) => [f.severity, f.code]), [['warning', 'orphaned-resources']]);
    assert.match(plan.findings[0].message, /ConfigMap\/hello-universe\/hello-universe-site/);
    const span = plan.findings[0].currentSpan;
    assert.ok(span && current.text.slice(span.start, span.end).startsWith('apiVersion: v1\n'));
  });

  it('refuses store-043, which is still Provisioning', () => {
    const blocked = planUpdate(current, pending, { cluster: cluster('store-043') });
    assert.deepEqual(blocked.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['cluster-provisioning']);
  });

  it('rolls the plan up per impact and per pack for code lenses', () => {
    const summary = summarizePlan(plan);
    assert.equal(summary.impact, 'repave');
    assert.equal(summary.total, 12);
    assert.deepEqual(summary.counts, { 'no-op': 2, 'config-reload': 1, redeploy: 6, 'service-restart': 1, reboot: 1, repave: 1 });
    assert.deepEqual(summary.packs.map((p) => [p.pack, p.impact, p.changes]), [['', 'no-op', 1], ['edge-native-byoi', 'repave', 4], ['edge-k3s', 'service-restart', 1], ['hello-universe', 'redeploy', 6]]);
    assert.deepEqual([summary.errors, summary.warnings], [0, 1]);
  });

  it('keeps spans that point at the changed text in the pending file', () => {
    for (const c of plan.changes) assert.ok(c.pendingSpan || c.currentSpan, c.path);
    const timeout = plan.changes.find((c) => c.path === 'pack.drain.timeout')?.pendingSpan;
    assert.ok(timeout);
    assert.equal(pending.text.slice(timeout.start, timeout.end), '120');
  });

  it('finds nothing between the published copy in the local store and the 1.0.0 file', () => {
    const stored = read('.palette/profiles/edge-retail/1.0.0.yaml');
    assert.deepEqual(planUpdate(stored, current).changes, []);
    assert.equal(planUpdate(stored, current).impact, 'no-op');
  });

  it('edge-rke2 1.0.0 → 1.0.1 repaves (RKE2 known issue)', () => {
    const rke2 = planUpdate(read('edge-rke2/edge-rke2-1.0.0.profile.yaml'), read('edge-rke2/edge-rke2.profile.yaml'));
    assert.deepEqual(rke2.target.clusterKind, { edge: true, distribution: 'rke2' });
    assert.equal(rke2.impact, 'repave');
    assert.deepEqual(rke2.changes.filter((c) => c.part !== 'profile').map((c) => [c.path, c.rule]), [['stages.boot[name=Load storage modules].commands[2]', 'edge-rke2-stages']]);
  });

  it('aws-web: a Kubernetes upgrade and an apiServer change are possible repaves', () => {
    const text = readFileSync(join(examples, 'aws-pxk/aws-web.profile.yaml'), 'utf8');
    const next = parseProfile(text.replace('tag: 1.30.4', 'tag: 1.31.1').replace('profiling: "false"\n                disable-admission', 'profiling: "true"\n                disable-admission'), undefined, { cache: null });
    const aws = planUpdate(parseProfile(text, undefined, { cache: null }), next);
    assert.deepEqual(aws.changes.map((c) => [c.path, c.impact, c.certainty, c.rule]), [
      ['tag', 'repave', 'possible', 'k8s-version'],
      ['kubeadmconfig.apiServer.extraArgs.profiling', 'repave', 'possible', 'k8s-control-plane'],
    ]);
    assert.deepEqual([aws.impact, aws.certainty], ['repave', 'possible']);
  });
});
