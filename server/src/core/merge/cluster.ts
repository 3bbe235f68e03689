// Carries one cluster's overrides from the profile version it runs into a pending version, pack by pack.
import type { PackModel, ProfileModel } from '../parse/profile';
import { diffValues, mergeValues } from './overrides';
import { rewriteValues, type ValuesEdit } from './profileText';
import type { Choice, Conflict, Dropped, Kept } from './types';

/** The parts of a cluster record the merge needs; `overrides` maps a pack's name to its values as the cluster has them. */
export interface ClusterOverrides {
  overrides?: Record<string, string>;
  variables?: Record<string, string>;
}

export interface PackRef {
  pack: string;
  layer?: string;
}

export type PackKept = Kept & PackRef;
export type PackConflict = Conflict & PackRef;
export type PackDropped = Dropped & PackRef;

export interface PackMerge extends PackRef {
  kept: PackKept[];
  conflicts: PackConflict[];
  dropped: PackDropped[];
  problems: string[];
}

export interface ClusterMerge {
  /** The pending profile's text with the overrides carried. */
  text: string;
  edits: ValuesEdit[];
  perPack: PackMerge[];
  kept: PackKept[];
  conflicts: PackConflict[];
  dropped: PackDropped[];
  /** The cluster's variable values: they belong to the cluster record, not the profile, and carry over unchanged. */
  variables: Record<string, string>;
  problems: string[];
}

export interface ClusterMergeOptions {
  resolve?: (conflict: PackConflict) => Choice | undefined;
  readd?: (dropped: PackDropped) => boolean;
}

function refOf(pack: PackModel): PackRef {
  return { pack: pack.name?.value ?? String(pack.index), ...(pack.layer ? { layer: pack.layer.value } : {}) };
}

/** Same name and layer first, so a pack that moved layers is still found by its name. */
function counterpart(pending: ProfileModel, pack: PackModel): PackModel | undefined {
  const name = pack.name?.value;
  return pending.packs.find((p) => p.name?.value === name && p.layer?.value === pack.layer?.value) ?? pending.packs.find((p) => p.name?.value === name);
}

export function mergeForCluster(current: ProfileModel, pending: ProfileModel, cluster: ClusterOverrides, options: ClusterMergeOptions = {}): ClusterMerge {
  const perPack: PackMerge[] = [];
  const problems: string[] = [];
  const written = new Map<PackModel, string>();
  const version = current.version?.value ? ` ${current.version.value}` : '';
  for (const [name, clusterValues] of Object.entries(cluster.overrides ?? {})) {
    const from = current.packs.find((p) => p.name?.value === name);
    if (!from) {
      problems.push(`The cluster overrides pack ${name}, which the version it runs${version} does not have; that override was not carried.`);
      continue;
    }
    const ref = refOf(from);
    const to = counterpart(pending, from);
    const tag = <T extends object>(item: T): T & PackRef => ({ ...item, ...ref });
    if (!to) {
      const { overrides, problems: bad } = diffValues(from.values?.text ?? '', clusterValues);
      const where = ref.layer ? `pack ${name} (layer ${ref.layer})` : `pack ${name}`;
      const dropped = overrides.map((o) => tag<Dropped>({ ...o, reason: 'pack-removed', missing: '', message: `The new version removed ${where}; the cluster's override of ${o.path} has nowhere to go.` }));
      perPack.push({ ...ref, kept: [], conflicts: [], dropped, problems: bad });
      continue;
    }
    const merge = mergeValues(from.values?.text ?? '', clusterValues, to.values?.text ?? '', {
      resolve: options.resolve && ((c: Conflict) => options.resolve?.(tag(c))),
      readd: options.readd && ((d: Dropped) => options.readd?.(tag(d)) ?? false),
    });
    if (merge.changed) written.set(to, merge.text);
    perPack.push({ ...ref, kept: merge.kept.map(tag), conflicts: merge.conflicts.map(tag), dropped: merge.dropped.map(tag), problems: merge.problems });
  }
  const rewrite = rewriteValues(pending, written);
  return {
    text: rewrite.text,
    edits: rewrite.edits,
    perPack,
    kept: perPack.flatMap((p) => p.kept),
    conflicts: perPack.flatMap((p) => p.conflicts),
    dropped: perPack.flatMap((p) => p.dropped),
    variables: { ...(cluster.variables ?? {}) },
    problems: [...problems, ...perPack.flatMap((p) => p.problems.map((m) => `${p.pack}: ${m}`)), ...rewrite.problems],
  };
}
