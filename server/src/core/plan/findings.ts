// Update checks with stable codes: what Palette refuses or advises against when a cluster moves to a new profile version.
import type { PackModel, ProfileModel } from '../parse/profile';
import { packLayer, packName } from './diff';
import type { ClusterKind, Finding, ProfileChange } from './model';
import { compareTags, isFloatingTag, parseSemver, parseTag } from './semver';
import { updateBlockedReason } from '../cluster/updatable';

export interface FindingOptions {
  kind: ClusterKind;
  cluster?: { name?: string; status?: string };
  /** Versions already published under the profile's name; checked only when publishing. */
  existingVersions?: readonly string[];
  publishing?: boolean;
}

const infraLayers = ['os', 'k8s', 'cni', 'csi'];
const docs = 'https://docs.spectrocloud.com';
const clusterUpdates = `${docs}/clusters/cluster-management/cluster-updates/`;
const packVersion = `${docs}/profiles/cluster-profiles/modify-cluster-profiles/update-cluster-profile/#update-the-pack-version`;
const sources: Record<string, string> = {
  'cluster-provisioning': `${clusterUpdates}#limitations`,
  'profile-name-mismatch': `${docs}/profiles/cluster-profiles/modify-cluster-profiles/version-cluster-profile/`,
  'version-invalid': `${docs}/profiles/cluster-profiles/modify-cluster-profiles/version-cluster-profile/`,
  'version-exists': `${docs}/profiles/cluster-profiles/modify-cluster-profiles/version-cluster-profile/`,
  'infra-layer-removed': `${docs}/profiles/cluster-profiles/modify-cluster-profiles/update-cluster-profile/#update-layer`,
  'k8s-downgrade': `${clusterUpdates}#limitations`,
  'k8s-minor-skip': `${docs}/integrations/kubernetes-support/#kubernetes-upgrades`,
  'cni-change': `${docs}/clusters/edge/cluster-management/upgrade-behavior/#network-layer`,
  'csi-change': `${docs}/clusters/edge/cluster-management/upgrade-behavior/#storage-layer`,
  'pack-downgrade': packVersion,
  'floating-tag': packVersion,
  'orphaned-resources': `${clusterUpdates}#palette-reconciliation-after-updating`,
};

export function updateFindings(current: ProfileModel, pending: ProfileModel, changes: readonly ProfileChange[], options: FindingOptions): Finding[] {
  const out: Finding[] = [];
  const blocked = updateBlockedReason(options.cluster?.status);
  if (blocked) {
    const who = options.cluster?.name ? `Cluster ${options.cluster.name}` : 'The cluster';
    out.push({ severity: 'error', code: 'cluster-provisioning', message: `${who} is ${blocked}.` });
  }
  nameCheck(current, pending, out);
  versionChecks(pending, options, out);
  for (const layer of infraLayers) {
    const before = current.packs.find((p) => packLayer(p) === layer);
    if (before && !pending.packs.some((p) => packLayer(p) === layer)) {
      out.push({ severity: 'error', code: 'infra-layer-removed', message: `The ${layer} layer (${packName(before)}) is missing from the new version; infrastructure layers (OS, Kubernetes, network, storage) cannot be removed from a profile.`, span: pending.packsField?.keySpan, currentSpan: before.span });
    }
  }
  kubernetesChecks(current, pending, out);
  switchChecks(current, pending, options.kind, out);
  packChecks(current, pending, out);
  for (const c of changes) {
    // Only whole objects and whole manifests: a field dropped from a surviving object is simply re-applied.
    if (c.part !== 'manifest' || c.change !== 'removed' || c.keyPath.length !== 2) continue;
    const objects = c.object ? [c.object] : Array.isArray(c.before) ? (c.before as string[]) : [];
    const what = c.object ? `${c.object} is no longer in manifest ${c.manifest} of ${c.pack}` : `Manifest ${c.manifest} is no longer in ${c.pack}${objects.length ? ` (it held ${objects.join(', ')})` : ''}`;
    out.push({ severity: 'warning', code: 'orphaned-resources', message: `${what}; Palette does not delete resources a pack no longer declares, so ${objects.length === 1 ? 'it stays' : 'they stay'} on the cluster until removed by hand (kubectl delete, or scale to zero).`, span: c.pendingSpan, currentSpan: c.currentSpan });
  }
  return out.map((f) => ({ ...f, source: sources[f.code] }));
}

/** Versions of a profile share its name; two names are two profiles, which the diff below still compares. */
function nameCheck(current: ProfileModel, pending: ProfileModel, out: Finding[]): void {
  const before = current.name?.type === 'string' ? current.name.value : undefined;
  const after = pending.name?.type === 'string' ? pending.name.value : undefined;
  if (before === undefined || after === undefined || before === after) return;
  out.push({
    severity: 'warning',
    code: 'profile-name-mismatch',
    message: `'${after}' and '${before}' are two profiles, not two versions of one (Palette groups versions by name); the changes below compare them as if '${after}' replaced '${before}'.`,
    span: pending.name?.span,
    currentSpan: current.name?.span,
  });
}

function versionChecks(pending: ProfileModel, options: FindingOptions, out: Finding[]): void {
  const version = pending.version;
  if (!version) return;
  if (!parseSemver(version.value)) {
    out.push({ severity: 'error', code: 'version-invalid', message: `Version "${version.value}" is not strict semver (like 1.2.3 or 1.2.3-rc.1); Palette rejects it.`, span: version.span });
  } else if (options.publishing && options.existingVersions?.includes(version.value)) {
    out.push({ severity: 'error', code: 'version-exists', message: `Version ${version.value} of ${pending.name?.value ?? 'this profile'} already exists; a profile version number can be used once.`, span: version.span });
  }
}

function kubernetesChecks(current: ProfileModel, pending: ProfileModel, out: Finding[]): void {
  const a = current.packs.find((p) => packLayer(p) === 'k8s')?.tag;
  const pack = pending.packs.find((p) => packLayer(p) === 'k8s');
  const b = pack?.tag;
  if (!a || !b) return;
  const order = compareTags(a.value, b.value);
  if (order !== undefined && order > 0) {
    out.push({ severity: 'error', code: 'k8s-downgrade', message: `Kubernetes ${a.value} → ${b.value} is a downgrade; Kubernetes cannot be downgraded once a cluster runs the newer version.`, span: b.span });
    return;
  }
  const x = parseTag(a.value);
  const y = parseTag(b.value);
  if (!x || !y || x.minor === undefined || y.minor === undefined) return;
  const skipped = y.major > x.major || y.minor - x.minor > 1;
  if (skipped && order !== undefined && order < 0) {
    out.push({ severity: 'warning', code: 'k8s-minor-skip', message: `Kubernetes ${x.major}.${x.minor} → ${y.major}.${y.minor} skips minor versions; upgrade one minor version at a time (${x.major}.${x.minor} → ${x.major}.${x.minor + 1} → ...).`, span: b.span });
  }
}

function switchChecks(current: ProfileModel, pending: ProfileModel, kind: ClusterKind, out: Finding[]): void {
  for (const layer of ['cni', 'csi'] as const) {
    const a = current.packs.find((p) => packLayer(p) === layer);
    const b = pending.packs.find((p) => packLayer(p) === layer);
    if (!a || !b || packName(a) === packName(b)) continue;
    if (layer === 'cni') {
      const message = kind.edge
        ? `The network pack changes from ${packName(a)} to ${packName(b)}; the CNI of an Edge cluster cannot be changed (delete and re-create the cluster instead).`
        : `The network pack changes from ${packName(a)} to ${packName(b)}; Palette advises against switching CNI after provisioning (create another cluster instead).`;
      out.push({ severity: kind.edge ? 'error' : 'warning', code: 'cni-change', message, span: b.name?.span ?? b.span, currentSpan: a.name?.span ?? a.span });
    } else {
      out.push({ severity: 'warning', code: 'csi-change', message: `The storage pack changes from ${packName(a)} to ${packName(b)}; Palette advises against switching the storage pack after provisioning, and volumes created by the old driver are not moved.`, span: b.name?.span ?? b.span, currentSpan: a.name?.span ?? a.span });
    }
  }
}

function packChecks(current: ProfileModel, pending: ProfileModel, out: Finding[]): void {
  const before = new Map<string, PackModel>();
  for (const p of current.packs) if (!before.has(`${packName(p)}\u0000${packLayer(p)}`)) before.set(`${packName(p)}\u0000${packLayer(p)}`, p);
  for (const b of pending.packs) {
    const tag = b.tag;
    if (!tag) continue;
    if (isFloatingTag(tag.value)) {
      out.push({ severity: 'warning', code: 'floating-tag', message: `${packName(b)} uses the floating tag ${tag.value}; pick a specific version so every cluster gets the same one.`, span: tag.span });
    }
    const a = before.get(`${packName(b)}\u0000${packLayer(b)}`)?.tag;
    // Kubernetes has its own, stronger check.
    if (!a || packLayer(b) === 'k8s') continue;
    const order = compareTags(a.value, tag.value);
    if (order !== undefined && order > 0) {
      out.push({ severity: 'warning', code: 'pack-downgrade', message: `${packName(b)} goes from ${a.value} down to ${tag.value}; downgrading packs is not recommended.`, span: tag.span, currentSpan: a.span });
    }
  }
}
