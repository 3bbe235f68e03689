// Decides whether a profile describes an Edge cluster and which Kubernetes distribution it runs, since the upgrade rules depend on both.
import type { PackModel, ProfileModel } from '../parse/profile';
import { valuesTree } from '../parse/valuesTree';
import type { ClusterKind, Distribution } from './model';

/** Kubernetes pack names of Palette's registries, by distribution. */
const byPackName: Record<string, { edge: boolean; distribution: Distribution }> = {
  'edge-k3s': { edge: true, distribution: 'k3s' },
  'edge-rke2': { edge: true, distribution: 'rke2' },
  'edge-k8s': { edge: true, distribution: 'pxk-e' },
  kubernetes: { edge: false, distribution: 'pxk' },
  k3s: { edge: false, distribution: 'k3s' },
  rke2: { edge: false, distribution: 'rke2' },
  'kubernetes-eks': { edge: false, distribution: 'eks' },
  'kubernetes-aks': { edge: false, distribution: 'aks' },
  'kubernetes-gke': { edge: false, distribution: 'gke' },
};

/**
 * Cloud types that are Edge hosts: `edge-native`, and the legacy `edge` that Palette's API still
 * lists (swagger v1CloudType, Palette APIs 4.8). The values schema already treats both as Edge.
 */
const edgeCloudTypes = new Set(['edge-native', 'edge']);

export function isEdgeCloudType(cloudType: string | undefined): boolean {
  return cloudType !== undefined && edgeCloudTypes.has(cloudType);
}

/** Values of `options.system.k8sDistribution` written by CanvOS, and of a cluster record's `kubernetesDistribution`. */
const byDistributionName: Record<string, Distribution> = {
  k3s: 'k3s',
  rke2: 'rke2',
  kubeadm: 'pxk-e',
  'kubeadm-fips': 'pxk-e',
  'pxk-e': 'pxk-e',
  pxke: 'pxk-e',
  pxk: 'pxk',
  eks: 'eks',
  aks: 'aks',
  gke: 'gke',
};

export interface ClusterKindHints {
  /** From a cluster record: `edge-native` (or the legacy `edge`) means Edge. */
  cloudType?: string;
  /** From a cluster record: `k3s`, `rke2`, `kubeadm`... */
  kubernetesDistribution?: string;
}

/** The profile's own answer; hints (a cluster record) and then an explicit kind override it, field by field. */
export function clusterKindOf(profile: ProfileModel, hints: ClusterKindHints = {}, override: Partial<ClusterKind> = {}): ClusterKind {
  const kind = fromProfile(profile);
  if (hints.cloudType) kind.edge = isEdgeCloudType(hints.cloudType);
  const named = hints.kubernetesDistribution && byDistributionName[hints.kubernetesDistribution.toLowerCase()];
  if (named) kind.distribution = named === 'pxk' && kind.edge ? 'pxk-e' : named;
  if (override.edge !== undefined) kind.edge = override.edge;
  if (override.distribution !== undefined) kind.distribution = override.distribution;
  return kind;
}

function fromProfile(profile: ProfileModel): ClusterKind {
  const k8s = profile.packs.find((p) => p.layer?.value === 'k8s');
  const known = k8s?.name ? byPackName[k8s.name.value] : undefined;
  const edge = isEdgeCloudType(profile.cloudType?.value) || known?.edge === true;
  let distribution: Distribution = known?.distribution ?? 'unknown';
  if (distribution === 'unknown') {
    const written = osDistribution(profile.packs.find((p) => p.layer?.value === 'os'));
    if (written) distribution = byDistributionName[written.toLowerCase()] ?? 'unknown';
  }
  if (distribution === 'pxk' && edge) distribution = 'pxk-e';
  return { edge, distribution };
}

function osDistribution(os: PackModel | undefined): string | undefined {
  const value = valuesTree(os?.values?.doc).getAt('options.system.k8sDistribution')?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The cluster kinds a user can name (CLI `--kind`, the `clusterKind` setting), as overrides. */
export const namedClusterKinds: Readonly<Record<string, Partial<ClusterKind>>> = {
  'edge-k3s': { edge: true, distribution: 'k3s' },
  'edge-rke2': { edge: true, distribution: 'rke2' },
  'edge-k8s': { edge: true, distribution: 'pxk-e' },
  'non-edge': { edge: false },
};
