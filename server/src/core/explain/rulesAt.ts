// What changing a key would do on a given kind of cluster: the rule rows that decide it, found the way the planner finds them.
import type { ProfileModel } from '../parse/profile';
import { classifyChange } from '../plan/impact';
import { impactRank, type ChangePart, type Classification, type ClusterKind, type ImpactedChange, type ProfileChange } from '../plan/model';
import { uriDependencies, type UriDependencies } from '../plan/uriDeps';

export interface RuleAt extends Classification {
  /** The key paths (dotted) this rule decides for; one for a single key, several for the keys under a mapping. */
  paths: string[];
}

const distributions: Record<string, string> = { k3s: 'K3s', rke2: 'RKE2', 'pxk-e': 'PXK-E', pxk: 'PXK', eks: 'EKS', aks: 'AKS', gke: 'GKE' };

/** "Edge K3s", "Edge RKE2", "Edge PXK-E", "non-Edge PXK", "Edge (distribution unknown)". */
export function clusterKindLabel(kind: ClusterKind): string {
  const d = distributions[kind.distribution];
  if (kind.edge) return d ? `Edge ${d}` : 'Edge (distribution unknown)';
  return d ? `non-Edge ${d}` : 'non-Edge';
}

const uriMemo = new WeakMap<ProfileModel, UriDependencies>();

/** Built once per profile version: every hover on it shares the walk through options.system.uri. */
export function uriDependenciesOf(profile: ProfileModel): UriDependencies {
  let deps = uriMemo.get(profile);
  if (!deps) uriMemo.set(profile, (deps = uriDependencies(profile)));
  return deps;
}

export interface RuleQuery {
  profile: ProfileModel;
  kind: ClusterKind;
  layer: string;
  pack: string;
  part: ChangePart;
  /** The key path split at dots, without list indexes. */
  keyPath: string[];
  /** For a mapping or list: the key paths of the leaves under it, each decided on its own. */
  leaves?: string[][];
  /** What the rule's reason says was and will be (`{before}`, `{after}`). */
  before?: unknown;
  after?: unknown;
}

const maxLeaves = 500;

/**
 * The rule for the key, or for a mapping the distinct rules of the keys under it, most disruptive
 * first. The change is hypothetical (the value against itself): only the key and the cluster kind matter.
 */
export function rulesAt(q: RuleQuery): RuleAt[] {
  const ctx = { kind: q.kind, uri: uriDependenciesOf(q.profile) };
  const paths = q.leaves && q.leaves.length > 0 ? q.leaves.slice(0, maxLeaves) : [q.keyPath];
  const byRule = new Map<string, RuleAt>();
  for (const keyPath of paths) {
    const change: ProfileChange = { layer: q.layer, pack: q.pack, path: keyPath.join('.'), part: q.part, keyPath, change: 'modified', before: q.before, after: q.after };
    const found = classifyChange(change, ctx);
    const known = byRule.get(found.rule);
    if (known) known.paths.push(change.path);
    else byRule.set(found.rule, { ...found, paths: [change.path] });
  }
  return [...byRule.values()].sort((a, b) => impactRank(b.impact) - impactRank(a.impact));
}

/** A change the plan has not seen yet (the document moved on since it ran), classified as the plan would. */
export function classifyNow(profile: ProfileModel, kind: ClusterKind, change: ProfileChange): ImpactedChange {
  return { ...change, ...classifyChange(change, { kind, uri: uriDependenciesOf(profile) }) };
}
