// The macro rule (whatever options.system.uri is built from repaves an Edge cluster), the RKE2 known issue, and cluster kinds.
import * as assert from 'node:assert/strict';
import { clusterKindOf } from '../../server/src/core/plan/clusterKind';
import type { ImpactedChange } from '../../server/src/core/plan/model';
import { planUpdate } from '../../server/src/core/plan/plan';
import { uriDependencies } from '../../server/src/core/plan/uriDeps';
import { defaultOsValues, edgeStack, profile } from './plan-fixtures';

function only(changes: ImpactedChange[], path: string, pack?: string): ImpactedChange {
  const found = changes.filter((c) => c.path === path && (pack === undefined || c.pack === pack));
  assert.equal(found.length, 1, `one change at ${path}: ${JSON.stringify(changes.map((c) => `${c.pack} ${c.path}`))}`);
  return found[0];
}

describe('plan: the macro rule', () => {
  it('repaves when options.system.registry changes, saying the uri uses it', () => {
    const plan = planUpdate(edgeStack(), edgeStack({ os: defaultOsValues.replace('ttl.sh', 'harbor.example.com') }));
    const c = only(plan.changes, 'options.system.registry');
    assert.equal(c.impact, 'repave');
    assert.equal(c.certainty, 'documented');
    assert.equal(c.rule, 'edge-uri-dependency');
    assert.match(c.reason, /options\.system\.registry changed and options\.system\.uri uses it/);
    assert.equal(plan.impact, 'repave');
  });

  it('the same key is no-op when the uri does not use it', () => {
    const os = 'options:\n  system.uri: "fixed/os:1"\n  system.registry: ttl.sh';
    const plan = planUpdate(edgeStack({ os }), edgeStack({ os: os.replace('ttl.sh', 'other') }));
    const c = only(plan.changes, 'options.system.registry');
    assert.equal(c.impact, 'no-op');
    assert.equal(c.rule, 'edge-os-system-noop');
  });

  it('follows macros transitively: a value the uri uses through another value repaves', () => {
    const os = defaultOsValues.replace('system.customTag: retail', 'system.customTag: "{{ .spectro.pack.edge-native-byoi.site.suffix }}"') + '\nsite:\n  suffix: north';
    const plan = planUpdate(edgeStack({ os }), edgeStack({ os: os.replace('suffix: north', 'suffix: south') }));
    const c = only(plan.changes, 'site.suffix');
    assert.equal(c.impact, 'repave');
    assert.match(c.reason, /site\.suffix changed and options\.system\.uri uses it \(through edge-native-byoi\.options\.system\.customTag\)/);
  });

  it('follows macros into another pack and names that pack', () => {
    const os = defaultOsValues.replace('system.customTag: retail', 'system.customTag: "{{ .spectro.pack.edge-k3s.pack.imageSuffix }}"');
    const k8s = 'pack:\n  imageSuffix: a';
    const plan = planUpdate(edgeStack({ os, k8s }), edgeStack({ os, k8s: 'pack:\n  imageSuffix: b' }));
    const c = only(plan.changes, 'pack.imageSuffix', 'edge-k3s');
    assert.equal(c.impact, 'repave');
    assert.match(c.reason, /^edge-k3s pack\.imageSuffix changed and options\.system\.uri uses it/);
  });

  it('repaves on a Kubernetes tag change when the uri embeds kubernetes.version (Edge; possible: the docs name pack parameters, not this system macro)', () => {
    const plan = planUpdate(edgeStack(), edgeStack({ k8sTag: '1.31.2' }));
    const c = only(plan.changes, 'tag', 'edge-k3s');
    assert.deepEqual([c.impact, c.certainty, c.rule], ['repave', 'possible', 'edge-k8s-version-in-uri']);
    assert.match(c.reason, /1\.30\.5 → 1\.31\.2/);
    assert.match(c.reason, /\{\{ \.spectro\.system\.kubernetes\.version \}\}/);
  });

  it('sees kubernetes.version also when it reaches the uri through another value', () => {
    const os = ['options:', '  system.uri: "reg/os:{{ .spectro.pack.edge-native-byoi.options.system.customTag }}"', '  system.customTag: "k{{ .spectro.system.kubernetes.version }}"'].join('\n');
    const deps = uriDependencies(edgeStack({ os }));
    assert.ok(deps.usesKubernetesVersion);
    assert.deepEqual(deps.kubernetesVia, ['edge-native-byoi.options.system.customTag']);
    const c = only(planUpdate(edgeStack({ os }), edgeStack({ os, k8sTag: '1.31.0' })).changes, 'tag', 'edge-k3s');
    assert.equal(c.rule, 'edge-k8s-version-in-uri');
  });

  it('on Edge without kubernetes.version in the uri, a Kubernetes tag change is only a possible repave', () => {
    const os = 'options:\n  system.uri: "fixed/os:1"';
    const c = only(planUpdate(edgeStack({ os }), edgeStack({ os, k8sTag: '1.31.0' })).changes, 'tag', 'edge-k3s');
    assert.deepEqual([c.impact, c.certainty, c.rule], ['repave', 'possible', 'edge-k8s-version']);
  });

  it('on a non-Edge cluster the same tag change repaves with certainty possible', () => {
    const k8s = (tag: string) => profile({ cloudType: 'aws', packs: [{ name: 'ubuntu-aws', layer: 'os', tag: '22.04' }, { name: 'kubernetes', layer: 'k8s', tag, values: 'pack:\n  podCIDR: x' }] });
    const plan = planUpdate(k8s('1.30.4'), k8s('1.31.1'));
    assert.deepEqual(plan.target.clusterKind, { edge: false, distribution: 'pxk' });
    const c = only(plan.changes, 'tag');
    assert.deepEqual([c.impact, c.certainty, c.rule], ['repave', 'possible', 'k8s-version']);
    assert.equal(plan.impact, 'repave');
    assert.equal(plan.certainty, 'possible');
  });

  it('uses the pending profile: a reference added by the new version counts', () => {
    const before = 'options:\n  system.uri: "fixed/os:1"\n  system.registry: ttl.sh';
    const after = 'options:\n  system.uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/os:1"\n  system.registry: other';
    const plan = planUpdate(edgeStack({ os: before }), edgeStack({ os: after }));
    assert.equal(only(plan.changes, 'options.system.registry').rule, 'edge-uri-dependency');
    assert.equal(only(plan.changes, 'options.system.uri').rule, 'edge-os-uri');
  });

  it('survives macros that refer to each other in a cycle', () => {
    const os = ['options:', '  system.uri: "{{ .spectro.pack.edge-native-byoi.a }}"', 'a: "{{ .spectro.pack.edge-native-byoi.b }}"', 'b: "{{ .spectro.pack.edge-native-byoi.a }}"'].join('\n');
    assert.deepEqual(uriDependencies(edgeStack({ os })).deps.map((d) => d.path), ['a', 'b']);
  });
});

describe('plan: RKE2 known issue', () => {
  const rke2 = (os: string) => edgeStack({ k8sName: 'edge-rke2', os });
  const base = 'options:\n  system.uri: "fixed/os:1"\nstages:\n  boot:\n    - name: mods\n      commands: [modprobe rbd]\n  reconcile:\n    - name: chrony\n      commands: [chronyc reload]';

  it('repaves on an OS stages.boot change on RKE2, where K3s reboots', () => {
    const changed = base.replace('[modprobe rbd]', '[modprobe rbd, modprobe dm_crypt]');
    const onRke2 = planUpdate(rke2(base), rke2(changed));
    assert.deepEqual([onRke2.impact, onRke2.changes[0].rule], ['repave', 'edge-rke2-stages']);
    const onK3s = planUpdate(edgeStack({ os: base }), edgeStack({ os: changed }));
    assert.deepEqual([onK3s.impact, onK3s.changes[0].rule], ['reboot', 'edge-os-stages']);
  });

  it('still only reloads on a stages.reconcile change', () => {
    const plan = planUpdate(rke2(base), rke2(base.replace('chronyc reload', 'chronyc reload sources')));
    assert.deepEqual([plan.impact, plan.changes[0].rule, plan.changes[0].certainty], ['config-reload', 'edge-rke2-stages-reconcile', 'documented']);
  });

  it('applies to the Kubernetes pack stages too', () => {
    const k8s = 'stages:\n  initramfs:\n    - name: sysctl\n      sysctl:\n        vm.overcommit_memory: 1';
    const plan = planUpdate(edgeStack({ k8sName: 'edge-rke2', k8s }), edgeStack({ k8sName: 'edge-rke2', k8s: k8s.replace(': 1', ': 0') }));
    assert.deepEqual([plan.impact, plan.changes[0].path, plan.changes[0].rule], ['repave', 'stages.initramfs[name=sysctl].sysctl.vm.overcommit_memory', 'edge-rke2-stages']);
  });
});

describe('plan: cluster kind', () => {
  it('is Edge by cloudType edge-native or by an Edge Kubernetes pack, with the distribution from that pack', () => {
    assert.deepEqual(clusterKindOf(edgeStack()), { edge: true, distribution: 'k3s' });
    assert.deepEqual(clusterKindOf(edgeStack({ cloudType: 'all', k8sName: 'edge-k8s' })), { edge: true, distribution: 'pxk-e' });
    assert.deepEqual(clusterKindOf(edgeStack({ cloudType: 'aws', k8sName: 'kubernetes' })), { edge: false, distribution: 'pxk' });
  });

  it('falls back to options.system.k8sDistribution for an unknown Kubernetes pack', () => {
    const os = defaultOsValues.replace('system.k8sDistribution: k3s', 'system.k8sDistribution: rke2');
    assert.deepEqual(clusterKindOf(edgeStack({ k8sName: 'my-kubernetes', os })), { edge: true, distribution: 'rke2' });
  });

  it('lets a cluster record and then an explicit kind override the profile', () => {
    assert.deepEqual(clusterKindOf(edgeStack(), { kubernetesDistribution: 'rke2' }), { edge: true, distribution: 'rke2' });
    assert.deepEqual(clusterKindOf(edgeStack(), { cloudType: 'aws' }, { distribution: 'pxk' }), { edge: false, distribution: 'pxk' });
  });

  it('changes the rules used: an Edge profile planned as non-Edge gets node-pool rules', () => {
    const plan = planUpdate(edgeStack(), edgeStack({ os: defaultOsValues.replace('ttl.sh', 'other') }), { clusterKind: { edge: false } });
    assert.deepEqual([plan.changes[0].rule, plan.changes[0].certainty], ['os-change', 'possible']);
  });
});
