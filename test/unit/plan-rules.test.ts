// Every upgrade-impact rule row, exercised on the kind of cluster it is for, plus how rows combine.
import * as assert from 'node:assert/strict';
import { classifyChange, globMatch, type RuleContext } from '../../server/src/core/plan/impact';
import type { ChangePart, ClusterKind, Impact, ProfileChange } from '../../server/src/core/plan/model';
import { rules } from '../../server/src/core/plan/rules';
import { uriDependencies } from '../../server/src/core/plan/uriDeps';
import { edgeStack } from './plan-fixtures';

const literalOs = 'options:\n  system.uri: "registry.example.com/os:fixed"\n  system.registry: ttl.sh';
const canvos = uriDependencies(edgeStack());
const literal = uriDependencies(edgeStack({ os: literalOs }));
const none = uriDependencies(edgeStack({ os: 'a: 1' }));
const kind = (edge: boolean, distribution: ClusterKind['distribution']): ClusterKind => ({ edge, distribution });

const contexts: Record<string, RuleContext> = {
  k3s: { kind: kind(true, 'k3s'), uri: canvos },
  'k3s-literal-uri': { kind: kind(true, 'k3s'), uri: literal },
  'pxk-e': { kind: kind(true, 'pxk-e'), uri: literal },
  rke2: { kind: kind(true, 'rke2'), uri: literal },
  aws: { kind: kind(false, 'pxk'), uri: none },
};

const defaultPack: Record<string, string> = { os: 'edge-native-byoi', k8s: 'edge-k3s', cni: 'cni-calico', csi: 'csi-longhorn', addon: 'hello', '': '' };

function change(layer: string, part: ChangePart, path: string): ProfileChange {
  const keyPath = path === '' ? [] : path.split('.');
  return { layer, pack: defaultPack[layer] ?? layer, path, part, keyPath, change: 'modified', before: 1, after: 2 };
}

const rebootStages = ['rootfs', 'initramfs', 'boot', 'fs', 'network', 'after-install', 'after-install-chroot', 'after-upgrade', 'after-upgrade-chroot', 'after-reset', 'after-reset-chroot', 'before-install', 'before-upgrade', 'before-reset'];
const noopSystemKeys = ['registry', 'repo', 'k8sDistribution', 'osName', 'peVersion', 'customTag', 'osVersion'];

type Case = [rule: string, context: string, layer: string, part: ChangePart, path: string, impact: Impact, certainty: 'documented' | 'possible'];

const cases: Case[] = [
  ['edge-uri-dependency', 'k3s', 'os', 'values', 'options.system.registry', 'repave', 'documented'],
  ['edge-uri-dependency', 'k3s', 'os', 'values', 'options.system.customTag', 'repave', 'documented'],
  ['edge-k8s-version-in-uri', 'k3s', 'k8s', 'tag', 'tag', 'repave', 'possible'],
  ['edge-k8s-version-in-uri', 'k3s', 'k8s', 'pack', '', 'repave', 'possible'],
  ['edge-rke2-stages-reconcile', 'rke2', 'os', 'values', 'stages.reconcile.files.content', 'config-reload', 'documented'],
  ['edge-rke2-stages-reconcile', 'rke2', 'k8s', 'values', 'stages.reconcile.commands', 'config-reload', 'documented'],
  ['edge-rke2-stages', 'rke2', 'os', 'values', 'stages.boot.commands', 'repave', 'documented'],
  ['edge-rke2-stages', 'rke2', 'k8s', 'values', 'stages.initramfs.sysctl.vm', 'repave', 'documented'],
  ['edge-rke2-stages', 'rke2', 'os', 'values', 'stages.network.after.commands', 'repave', 'documented'],
  ['edge-os-uri', 'k3s', 'os', 'values', 'options.system.uri', 'repave', 'documented'],
  ['edge-os-uri', 'rke2', 'os', 'values', 'options.system.uri', 'repave', 'documented'],
  ['edge-os-stages-reconcile', 'k3s', 'os', 'values', 'stages.reconcile.files.content', 'config-reload', 'documented'],
  ...rebootStages.map((s): Case => ['edge-os-stages', 'k3s', 'os', 'values', `stages.${s}.commands`, 'reboot', 'documented']),
  ['edge-os-stages', 'pxk-e', 'os', 'values', 'stages.network.after.commands', 'reboot', 'documented'],
  ['edge-os-stages-other', 'k3s', 'os', 'values', 'stages.kairos-custom.commands', 'reboot', 'possible'],
  ['edge-os-pack', 'k3s', 'os', 'values', 'pack.drain.timeout', 'no-op', 'documented'],
  ['edge-os-provider-credentials', 'k3s', 'os', 'values', 'providerCredentials.password', 'no-op', 'documented'],
  ...noopSystemKeys.map((k): Case => ['edge-os-system-noop', 'k3s-literal-uri', 'os', 'values', `options.system.${k}`, 'no-op', 'documented']),
  ['edge-os-system-other', 'k3s-literal-uri', 'os', 'values', 'options.system.arch', 'no-op', 'possible'],
  ['edge-os-other', 'k3s', 'os', 'values', 'install.device', 'reboot', 'possible'],
  ['edge-os-version', 'k3s', 'os', 'tag', 'tag', 'repave', 'possible'],
  ['edge-os-version', 'k3s', 'os', 'type', 'type', 'repave', 'possible'],
  ['edge-os-version', 'k3s', 'os', 'pack', '', 'repave', 'possible'],
  ['edge-k8s-stages-reconcile', 'k3s', 'k8s', 'values', 'stages.reconcile.commands', 'config-reload', 'possible'],
  ...rebootStages.map((s): Case => ['edge-k8s-stages', 'k3s', 'k8s', 'values', `stages.${s}.files`, 'reboot', 'documented']),
  ['edge-k8s-stages', 'pxk-e', 'k8s', 'values', 'stages.initramfs.sysctl', 'reboot', 'documented'],
  ['edge-k8s-stages-other', 'k3s', 'k8s', 'values', 'stages.kairos-custom.commands', 'reboot', 'possible'],
  ['edge-k8s-cluster', 'k3s', 'k8s', 'values', 'cluster.config.etcd-snapshot-retention', 'service-restart', 'documented'],
  ['edge-k8s-cluster', 'pxk-e', 'k8s', 'values', 'cluster.config.kube-apiserver-arg', 'service-restart', 'documented'],
  ['edge-k8s-cluster', 'rke2', 'k8s', 'values', 'cluster.config.profile', 'service-restart', 'documented'],
  ['edge-k8s-noop', 'k3s', 'k8s', 'values', 'clientConfig.oidc-issuer-url', 'no-op', 'documented'],
  ['edge-k8s-noop', 'rke2', 'k8s', 'values', 'pack.podCIDR', 'no-op', 'documented'],
  ['edge-k8s-other', 'k3s', 'k8s', 'values', 'somethingNew.key', 'service-restart', 'possible'],
  ['edge-k8s-version', 'k3s-literal-uri', 'k8s', 'tag', 'tag', 'repave', 'possible'],
  ['edge-cni', 'k3s', 'cni', 'values', 'manifests.calico.ipamType', 'service-restart', 'possible'],
  ['edge-cni', 'k3s', 'cni', 'tag', 'tag', 'service-restart', 'possible'],
  ['edge-cni', 'rke2', 'cni', 'manifest', 'manifests.cilium', 'service-restart', 'possible'],
  ['edge-csi', 'k3s', 'csi', 'values', 'charts.longhorn.replicas', 'service-restart', 'possible'],
  ['edge-csi', 'k3s', 'csi', 'tag', 'tag', 'service-restart', 'possible'],
  ['os-change', 'aws', 'os', 'values', 'kubeadmconfig.preKubeadmCommands', 'repave', 'possible'],
  ['os-change', 'aws', 'os', 'tag', 'tag', 'repave', 'possible'],
  ['os-change', 'aws', 'os', 'pack', '', 'repave', 'possible'],
  ['k8s-version', 'aws', 'k8s', 'tag', 'tag', 'repave', 'possible'],
  ['k8s-control-plane', 'aws', 'k8s', 'values', 'kubeadmconfig.apiServer.extraArgs.profiling', 'repave', 'possible'],
  ['k8s-control-plane', 'aws', 'k8s', 'values', 'kubeadmconfig.controllerManager.extraArgs.x', 'repave', 'possible'],
  ['k8s-config', 'aws', 'k8s', 'values', 'kubeadmconfig.kubeletExtraArgs.event-qps', 'repave', 'possible'],
  ['k8s-config', 'aws', 'k8s', 'values', 'pack.podCIDR', 'repave', 'possible'],
  ['cni-csi', 'aws', 'cni', 'values', 'manifests.calico.ipamType', 'service-restart', 'possible'],
  ['cni-csi', 'aws', 'csi', 'tag', 'tag', 'service-restart', 'possible'],
  ['cni-csi-pack', 'k3s', 'cni', 'pack', '', 'service-restart', 'possible'],
  ['cni-csi-pack', 'aws', 'csi', 'pack', '', 'service-restart', 'possible'],
  ['addon', 'k3s', 'addon', 'values', 'manifests.hello.replicas', 'redeploy', 'possible'],
  ['addon', 'k3s', 'addon', 'manifest', 'manifests.hello.spec.replicas', 'redeploy', 'possible'],
  ['addon', 'k3s', 'addon', 'tag', 'tag', 'redeploy', 'possible'],
  ['addon', 'k3s', 'addon', 'type', 'type', 'redeploy', 'possible'],
  ['addon', 'aws', 'addon', 'pack', '', 'redeploy', 'possible'],
  ['profile-version', 'k3s', '', 'profile', 'version', 'no-op', 'possible'],
  ['profile-variables', 'aws', '', 'profile', 'variables.site_id.regex', 'no-op', 'possible'],
  ['profile-other', 'k3s', '', 'profile', 'cloudType', 'no-op', 'possible'],
  ['fallback', 'k3s', 'os', 'manifest', 'manifests.extra', 'redeploy', 'possible'],
  ['fallback', 'aws', 'kernel', 'values', 'a.b', 'redeploy', 'possible'],
];

describe('plan: impact rules', () => {
  for (const [rule, context, layer, part, path, impact, certainty] of cases) {
    it(`${rule}: ${context} ${layer || 'profile'} ${part} ${path || '(whole pack)'} → ${impact} (${certainty})`, () => {
      const got = classifyChange(change(layer, part, path), contexts[context]);
      assert.equal(got.rule, rule, got.reason);
      assert.equal(got.impact, impact);
      assert.equal(got.certainty, certainty);
      assert.ok(got.reason.length > 10 && !/\{\w+\}/.test(got.reason), got.reason);
      assert.match(got.source, /^https:\/\/docs\.spectrocloud\.com\//);
    });
  }

  it('exercises every row of the table', () => {
    const tested = new Set(cases.map((c) => c[0]));
    assert.deepEqual(rules.map((r) => r.id).filter((id) => !tested.has(id)), []);
  });

  it('calls a row documented only when it quotes the page it cites', () => {
    for (const r of rules) if (r.certainty === 'documented') assert.ok(r.quote && r.quote.length > 20, `${r.id} has no quote`);
    const hedged = rules.filter((r) => r.quote && /\btypically\b/.test(r.quote));
    assert.deepEqual(hedged.map((r) => [r.id, r.certainty]), [['edge-cni', 'possible'], ['edge-csi', 'possible']]);
  });

  it('carries the quote into the classification', () => {
    const got = classifyChange(change('os', 'values', 'stages.boot.commands'), contexts.k3s);
    assert.match(got.quote ?? '', /^OS Layer › Reboot: .*`stages\.boot\.\*`/);
    assert.equal(classifyChange(change('os', 'values', 'install.device'), contexts.k3s).quote, undefined);
  });

  it('has unique row ids, and every row cites a docs page', () => {
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    for (const r of rules) assert.match(r.source, /^https:\/\/docs\.spectrocloud\.com\/.+\/(#[\w-]+)?$/, r.id);
  });

  it('gives a whole subtree the impact of its most disruptive leaf', () => {
    const c: ProfileChange = { ...change('os', 'values', 'stages'), change: 'added', before: undefined, after: { reconcile: [{ commands: ['x'] }], boot: [{ commands: ['y'] }] } };
    const got = classifyChange(c, contexts.k3s);
    assert.equal(got.impact, 'reboot');
    assert.equal(got.rule, 'edge-os-stages');
    assert.match(got.reason, /stages\.boot\.commands/);
  });

  it('repaves when a removed subtree held options.system.uri', () => {
    const c: ProfileChange = { ...change('os', 'values', 'options'), change: 'removed', before: { system: { uri: 'x', repo: 'y' } }, after: undefined };
    assert.equal(classifyChange(c, contexts['k3s-literal-uri']).rule, 'edge-os-uri');
  });

  it('classifies a reordered named list by the list path, not by its step names', () => {
    const c: ProfileChange = { ...change('os', 'values', 'stages.boot'), before: ['a', 'b'], after: ['b', 'a'] };
    assert.equal(classifyChange(c, contexts.k3s).rule, 'edge-os-stages');
  });

  it('matches globs: ** spans any keys, * one, {a,b} either', () => {
    assert.ok(globMatch('stages.**', ['stages']));
    assert.ok(globMatch('stages.**', ['stages', 'boot', 'commands']));
    assert.ok(!globMatch('stages.**', ['stagesX']));
    assert.ok(globMatch('options.system.*.**', ['options', 'system', 'arch']));
    assert.ok(!globMatch('options.system.*.**', ['options', 'system']));
    assert.ok(globMatch('{clientConfig,pack}.**', ['pack', 'x']));
    assert.ok(!globMatch('{clientConfig,pack}.**', ['cluster', 'x']));
    assert.ok(globMatch('**', []));
  });
});
