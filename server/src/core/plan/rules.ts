// The upgrade-impact rules as data: which change, on which kind of cluster, does what to the nodes, and where Palette says so.
import type { Certainty, ChangePart, Distribution, Impact } from './model';

export interface RuleScope {
  /** Edge clusters only (true), other clusters only (false), or both (absent). */
  edge?: boolean;
  layers?: string[];
  distributions?: Distribution[];
  /** What kind of change the row is about; values changes when absent. */
  parts?: ChangePart[];
}

/**
 * `usedByUri`: the changed value is one `options.system.uri` is built from (through `{{ .spectro.pack... }}`).
 * `uriUsesKubernetesVersion`: the uri uses `{{ .spectro.system.kubernetes.version }}`.
 */
export type RuleCondition = 'usedByUri' | 'uriUsesKubernetesVersion';

export interface RuleRow {
  id: string;
  scope: RuleScope;
  /** Glob over the change's keys (list selectors dropped): `*` one key, `**` any number, `{a,b}` alternatives. */
  match: string;
  when?: RuleCondition;
  impact: Impact;
  certainty: Certainty;
  /** Plain words; `{path}`, `{pack}`, `{layer}`, `{subject}`, `{via}`, `{before}`, `{after}` are filled in. */
  reason: string;
  source: string;
  /**
   * The words of the `source` page the row rests on, verbatim. A table cell is quoted as
   * `Table › Column: cell`. A row is `documented` only with a quote that says what the row
   * predicts; a hedged quote ("typically") leaves it `possible`.
   */
  quote?: string;
}

const docs = 'https://docs.spectrocloud.com';
const edgePage = `${docs}/clusters/edge/cluster-management/upgrade-behavior/`;
const edgeOs = `${edgePage}#os-layer`;
const edgeK8s = `${edgePage}#kubernetes-layer`;
const edgeKnownIssues = `${edgePage}#known-issues`;
const edgeNetwork = `${edgePage}#network-layer`;
const edgeStorage = `${edgePage}#storage-layer`;
const nodePool = `${docs}/clusters/cluster-management/node-pool/#repave-behavior-and-configuration`;
const repavedNodes = `${docs}/troubleshooting/nodes/`;
const reconciliation = `${docs}/clusters/cluster-management/cluster-updates/#palette-reconciliation-after-updating`;
const versioning = `${docs}/profiles/cluster-profiles/modify-cluster-profiles/version-cluster-profile/`;
const variables = `${docs}/profiles/cluster-profiles/create-cluster-profiles/define-profile-variables/`;

/** The Kairos stages Palette's tables list for reboot, in the OS and the Kubernetes layer alike. */
const rebootStages = 'stages.{rootfs,initramfs,boot,fs,network,after-install,after-install-chroot,after-upgrade,after-upgrade-chroot,after-reset,after-reset-chroot,before-install,before-upgrade,before-reset}.**';
const packChanges: ChangePart[] = ['tag', 'type', 'pack'];
const layerChanges: ChangePart[] = ['values', 'manifest', 'tag', 'type'];
const everything: ChangePart[] = ['values', 'manifest', 'tag', 'type', 'pack'];

/** Rows are tried in order and the first that matches decides, so specific rows come before general ones. */
export const rules: readonly RuleRow[] = [
  // Edge: the macro rule, which overrides the per-key tables.
  { id: 'edge-uri-dependency', scope: { edge: true }, match: '**', when: 'usedByUri', impact: 'repave', certainty: 'documented', reason: '{subject} changed and options.system.uri uses it{via}, so the provider image changes', source: edgeOs, quote: 'Changes to any other parameters that are used by the `options.system.uri` parameter will also trigger a cluster repave.' },
  { id: 'edge-k8s-version-in-uri', scope: { edge: true, layers: ['k8s'], parts: packChanges }, match: '**', when: 'uriUsesKubernetesVersion', impact: 'repave', certainty: 'possible', reason: 'The Kubernetes version changes ({before} → {after}) and options.system.uri uses {{ .spectro.system.kubernetes.version }}{via}, so the provider image changes', source: edgeOs, quote: 'Changes to any other parameters that are used by the `options.system.uri` parameter will also trigger a cluster repave.' },
  // Edge, RKE2 known issue: stages repave instead of rebooting, except reconcile.
  { id: 'edge-rke2-stages-reconcile', scope: { edge: true, layers: ['os', 'k8s'], distributions: ['rke2'] }, match: 'stages.reconcile.**', impact: 'config-reload', certainty: 'documented', reason: 'stages.reconcile is reloaded without a reboot, also on RKE2 (known issue exception)', source: edgeKnownIssues, quote: 'The only exception is changes to the `stages.reconcile.*` section, which will behave as expected and trigger a configuration reload.' },
  { id: 'edge-rke2-stages', scope: { edge: true, layers: ['os', 'k8s'], distributions: ['rke2'] }, match: 'stages.**', impact: 'repave', certainty: 'documented', reason: 'On RKE2, stages.* changes in the OS and Kubernetes packs repave instead of rebooting (known issue)', source: edgeKnownIssues, quote: 'For RKE2 clusters, updates to the `stages.*` section in the Operating System (OS) and the Kubernetes pack of the cluster profile will trigger a repave instead of a reboot.' },
  // Edge, OS layer table.
  { id: 'edge-os-uri', scope: { edge: true, layers: ['os'] }, match: 'options.system.uri', impact: 'repave', certainty: 'documented', reason: 'options.system.uri names the provider image; a new image repaves every node', source: edgeOs, quote: 'OS Layer › Repave: `options.system.uri`' },
  { id: 'edge-os-stages-reconcile', scope: { edge: true, layers: ['os'] }, match: 'stages.reconcile.**', impact: 'config-reload', certainty: 'documented', reason: 'OS stages.reconcile changes are a configuration reload', source: edgeOs, quote: 'This is only triggered when you update `stage.reconcile.*` in the Operating System (OS) layer.' },
  { id: 'edge-os-stages', scope: { edge: true, layers: ['os'] }, match: rebootStages, impact: 'reboot', certainty: 'documented', reason: 'OS {path} changes at boot time; nodes reboot', source: edgeOs, quote: 'OS Layer › Reboot: `stages.rootfs.*`, `stages.initramfs.*`, `stages.boot.*`, `stages.fs.*`, `stages.network.*`, `stages.after-install.*`, `stages.after-install-chroot.*`, `stages.after-upgrade.*`, `stages.after-upgrade-chroot.*`, `stages.after-reset.*`, `stages.after-reset-chroot.*`, `stages.before-install.*`, `stages.before-upgrade.*`, `stages.before-reset.*`' },
  { id: 'edge-os-stages-other', scope: { edge: true, layers: ['os'] }, match: 'stages.**', impact: 'reboot', certainty: 'possible', reason: 'This Kairos stage is not in the OS table; assumed to need a reboot like the stages listed there', source: edgeOs },
  { id: 'edge-os-pack', scope: { edge: true, layers: ['os'] }, match: 'pack.**', impact: 'no-op', certainty: 'documented', reason: 'OS pack.* settings are no-op', source: edgeOs, quote: 'OS Layer › No-op: `pack.*`' },
  { id: 'edge-os-provider-credentials', scope: { edge: true, layers: ['os'] }, match: 'providerCredentials.**', impact: 'no-op', certainty: 'documented', reason: 'OS providerCredentials.* are no-op', source: edgeOs, quote: 'OS Layer › No-op: `providerCredentials.*`' },
  { id: 'edge-os-system-noop', scope: { edge: true, layers: ['os'] }, match: 'options.system.{registry,repo,k8sDistribution,osName,peVersion,customTag,osVersion}.**', impact: 'no-op', certainty: 'documented', reason: '{path} is no-op on its own (options.system.uri does not use it here)', source: edgeOs, quote: 'OS Layer › No-op: `options.system.registry`, `options.system.repo`, `options.system.k8sDistribution`, `options.system.osName`, `options.system.peVersion`, `options.system.customTag`, `options.system.osVersion`' },
  { id: 'edge-os-system-other', scope: { edge: true, layers: ['os'] }, match: 'options.system.*.**', impact: 'no-op', certainty: 'possible', reason: '{path} is not in the OS table; options.system keys matter only through options.system.uri, which does not use it', source: edgeOs },
  { id: 'edge-os-other', scope: { edge: true, layers: ['os'] }, match: '**', impact: 'reboot', certainty: 'possible', reason: '{path} is not in the OS table; assumed to take effect when nodes reboot', source: edgeOs },
  { id: 'edge-os-version', scope: { edge: true, layers: ['os'], parts: packChanges }, match: '**', impact: 'repave', certainty: 'possible', reason: 'A different OS pack or pack version is not in the OS table; it usually means a new provider image, which repaves', source: edgeOs },
  // Edge, Kubernetes layer table (PXK-E, K3s and RKE2 share it).
  { id: 'edge-k8s-stages-reconcile', scope: { edge: true, layers: ['k8s'] }, match: 'stages.reconcile.**', impact: 'config-reload', certainty: 'possible', reason: 'stages.reconcile is not in the Kubernetes table, and the behaviours table says a configuration reload is triggered only in the OS layer; the RKE2 known issue calls a reload of it there "as expected", so a reload is assumed', source: edgeK8s, quote: 'This is only triggered when you update `stage.reconcile.*` in the Operating System (OS) layer.' },
  { id: 'edge-k8s-stages', scope: { edge: true, layers: ['k8s'] }, match: rebootStages, impact: 'reboot', certainty: 'documented', reason: 'Kubernetes {path} changes at boot time; nodes reboot', source: edgeK8s, quote: 'Kubernetes Layer › Reboot: `stages.rootfs.*`, `stages.initramfs.*`, `stages.boot.*`, `stages.fs.*`, `stages.network.*`, `stages.after-install.*`, `stages.after-install-chroot.*`, `stages.after-upgrade.*`, `stages.after-upgrade-chroot.*`, `stages.after-reset.*`, `stages.after-reset-chroot.*`, `stages.before-install.*`, `stages.before-upgrade.*`, `stages.before-reset.*`' },
  { id: 'edge-k8s-stages-other', scope: { edge: true, layers: ['k8s'] }, match: 'stages.**', impact: 'reboot', certainty: 'possible', reason: 'This Kairos stage is not in the Kubernetes table; assumed to need a reboot like the stages listed there', source: edgeK8s },
  { id: 'edge-k8s-cluster', scope: { edge: true, layers: ['k8s'] }, match: 'cluster.**', impact: 'service-restart', certainty: 'documented', reason: 'Kubernetes cluster.* changes restart the Kubernetes services', source: edgeK8s, quote: 'Kubernetes Layer › Service Restart: `cluster.*`' },
  { id: 'edge-k8s-noop', scope: { edge: true, layers: ['k8s'] }, match: '{clientConfig,pack}.**', impact: 'no-op', certainty: 'documented', reason: 'Kubernetes clientConfig.* and pack.* are no-op', source: edgeK8s, quote: 'Kubernetes Layer › No-op: `clientConfig.*`, `pack.*`' },
  { id: 'edge-k8s-other', scope: { edge: true, layers: ['k8s'] }, match: '**', impact: 'service-restart', certainty: 'possible', reason: '{path} is not in the Kubernetes table (an older copy called new keys no-op); assumed to restart the Kubernetes services', source: edgeK8s },
  { id: 'edge-k8s-version', scope: { edge: true, layers: ['k8s'], parts: packChanges }, match: '**', impact: 'repave', certainty: 'possible', reason: 'A Kubernetes version change; options.system.uri does not use kubernetes.version here, but the provider image normally carries Kubernetes', source: edgeOs },
  // Edge, network and storage layers.
  { id: 'edge-cni', scope: { edge: true, layers: ['cni'], parts: layerChanges }, match: '**', impact: 'service-restart', certainty: 'possible', reason: 'Network (CNI) changes are typically applied by restarting the networking services', source: edgeNetwork, quote: 'Changes made to the Container Network Interface (CNI) pack typically do not result in cluster repave or reboot, and can be applied by restarting the related networking services.' },
  { id: 'edge-csi', scope: { edge: true, layers: ['csi'], parts: layerChanges }, match: '**', impact: 'service-restart', certainty: 'possible', reason: 'Storage (CSI) changes are typically applied by restarting the storage services', source: edgeStorage, quote: 'Changes made to the storage layer typically do not result in cluster repave or reboot and can be applied by restarting the related storage services.' },
  // Other clusters: Palette publishes no per-key table, so every row is "possible" until validate/repave confirms it.
  { id: 'os-change', scope: { edge: false, layers: ['os'], parts: everything }, match: '**', impact: 'repave', certainty: 'possible', reason: 'Full cluster repave: any OS layer change repaves every node, control plane first', source: nodePool },
  { id: 'k8s-version', scope: { edge: false, layers: ['k8s'], parts: packChanges }, match: '**', impact: 'repave', certainty: 'possible', reason: 'Full cluster repave: a Kubernetes version change affects every node', source: nodePool },
  { id: 'k8s-control-plane', scope: { edge: false, layers: ['k8s'], parts: ['values', 'manifest'] }, match: 'kubeadmconfig.{apiServer,controllerManager,scheduler,etcd}.**', impact: 'repave', certainty: 'possible', reason: 'Control-plane repave: {path} is control-plane configuration, like the apiServer spec', source: nodePool },
  { id: 'k8s-config', scope: { edge: false, layers: ['k8s'], parts: ['values', 'manifest'] }, match: '**', impact: 'repave', certainty: 'possible', reason: 'Kubernetes layer changes alter the kubeadm configuration, which Palette rolls out by repaving nodes', source: repavedNodes },
  { id: 'cni-csi', scope: { edge: false, layers: ['cni', 'csi'], parts: layerChanges }, match: '**', impact: 'service-restart', certainty: 'possible', reason: 'Palette documents network and storage changes as service restarts for Edge; assumed the same here', source: edgeNetwork },
  { id: 'cni-csi-pack', scope: { layers: ['cni', 'csi'], parts: ['pack'] }, match: '**', impact: 'service-restart', certainty: 'possible', reason: 'A network or storage pack is added or removed; its services start or stop (see the findings: switching these packs is not supported)', source: edgeNetwork },
  // Add-ons: charts and manifests re-applied, nodes untouched.
  { id: 'addon', scope: { layers: ['addon'], parts: everything }, match: '**', impact: 'redeploy', certainty: 'possible', reason: 'Add-on layers are re-applied to the cluster; nodes are not expected to be touched', source: reconciliation, quote: 'When cluster profile updates are applied, Palette will apply the changes to the cluster but will not delete any resources that are no longer in use.' },
  // The profile itself.
  { id: 'profile-version', scope: { parts: ['profile'] }, match: 'version', impact: 'no-op', certainty: 'possible', reason: 'The profile version is metadata; it changes nothing on the cluster by itself', source: versioning },
  { id: 'profile-variables', scope: { parts: ['profile'] }, match: 'variables.**', impact: 'no-op', certainty: 'possible', reason: 'A profile variable definition; what it changes shows up in the values that use it', source: variables },
  { id: 'profile-other', scope: { parts: ['profile'] }, match: '**', impact: 'no-op', certainty: 'possible', reason: 'Profile metadata; nodes and workloads are not touched by it', source: versioning },
  { id: 'fallback', scope: { parts: everything }, match: '**', impact: 'redeploy', certainty: 'possible', reason: 'No rule covers the {layer} layer here; assumed to be re-applied like an add-on', source: reconciliation },
];
