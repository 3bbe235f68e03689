// Plans moving a cluster from one profile version to another: the changes, their impacts, the update checks, and a roll-up for code lenses.
import type { ProfileModel } from '../parse/profile';
import { clusterKindOf } from './clusterKind';
import { diffProfiles, packLayer, packName, unparsed } from './diff';
import { updateFindings } from './findings';
import { classifyChange, classifyChanges, type RuleContext } from './impact';
import { impactPhrases } from './labels';
import { impactOrder, impactRank, type Certainty, type ClusterKind, type Finding, type Impact, type ImpactedChange, type ProfileChange } from './model';
import { hopName, placeChange, placeKey, placesOf, reachedPlaces } from './refs';
import { uriDependencies, uriPath } from './uriDeps';

/** A cluster record as the local store or Palette describes it; only these fields are read. */
export interface ClusterRecord {
  name: string;
  status?: string;
  cloudType?: string;
  kubernetesDistribution?: string;
}

export interface PlanOptions {
  /** Overrides what the profile (and the cluster record) say about the cluster, field by field. */
  clusterKind?: Partial<ClusterKind>;
  cluster?: ClusterRecord;
  existingVersions?: readonly string[];
  publishing?: boolean;
}

export interface Plan {
  /** The most disruptive impact of any change; `no-op` when nothing changed. */
  impact: Impact;
  /** `documented` when some change at that impact is backed by a documented rule. */
  certainty: Certainty;
  /** `fromProfile` is set only when the current profile has another name (a profile-name-mismatch finding says so). */
  target: { profile: string; fromProfile?: string; fromVersion?: string; toVersion?: string; cluster?: string; clusterKind: ClusterKind };
  changes: ImpactedChange[];
  findings: Finding[];
  /** Packs whose values or manifests do not parse (in either version): not checked until they do. */
  unchecked: { layer: string; pack: string }[];
}

export function planUpdate(current: ProfileModel, pending: ProfileModel, options: PlanOptions = {}): Plan {
  const hints = { cloudType: options.cluster?.cloudType, kubernetesDistribution: options.cluster?.kubernetesDistribution };
  // The cluster runs the current version, so that is what decides its kind; pending fills gaps.
  const fromCurrent = clusterKindOf(current, hints, options.clusterKind);
  const kind = fromCurrent.distribution === 'unknown' ? { ...fromCurrent, distribution: clusterKindOf(pending, hints, options.clusterKind).distribution } : fromCurrent;
  const ctx: RuleContext = { kind, uri: uriDependencies(pending) };
  const direct = diffProfiles(current, pending);
  const changes = [...classifyChanges(direct, ctx), ...followedChanges(current, pending, direct, ctx)];
  const findings = updateFindings(current, pending, changes, { kind, cluster: options.cluster, existingVersions: options.existingVersions, publishing: options.publishing });
  const { impact, certainty } = worstOf(changes);
  return {
    impact,
    certainty,
    target: {
      profile: pending.name?.value ?? current.name?.value ?? '',
      ...(current.name && pending.name && current.name.value !== pending.name.value ? { fromProfile: current.name.value } : {}),
      fromVersion: current.version?.value,
      toVersion: pending.version?.value,
      cluster: options.cluster?.name,
      clusterKind: kind,
    },
    changes,
    findings,
    unchecked: pending.packs.filter((p) => unparsed(p) || current.packs.some((c) => unparsed(c) && packName(c) === packName(p) && packLayer(c) === packLayer(p))).map((p) => ({ layer: packLayer(p), pack: packName(p) })),
  };
}

/** The most disruptive impact, `documented` when some change at that impact is. */
export function worstOf(changes: readonly ImpactedChange[]): { impact: Impact; certainty: Certainty } {
  let impact: Impact = 'no-op';
  let certainty: Certainty = 'documented';
  for (const c of changes) {
    if (impactRank(c.impact) > impactRank(impact)) {
      impact = c.impact;
      certainty = c.certainty;
    } else if (c.impact === impact && c.certainty === 'documented') certainty = 'documented';
  }
  return { impact, certainty };
}

/**
 * Places whose text is unchanged but that use a changed value through `{{ .spectro.pack... }}`,
 * `{{ .spectro.var... }}` or the Kubernetes version: each is a change with its own impact. The uri
 * is left out: the rows about options.system.uri already give the values it uses its impact.
 */
function followedChanges(current: ProfileModel, pending: ProfileModel, direct: readonly ProfileChange[], ctx: RuleContext): ImpactedChange[] {
  if (direct.length === 0) return [];
  const places = placesOf(pending).filter((p) => !unparsed(p.pack) && !(p.part === 'values' && p.path === uriPath && p.pack.name?.value === ctx.uri.uriPack));
  if (places.length === 0) return [];
  const before = new Map(placesOf(current).map((p) => [placeKey(p), p]));
  return reachedPlaces(direct, places).map((reached) => {
    const change = placeChange(reached, before);
    const found = classifyChange(change, ctx);
    const via = reached.via.map((h) => hopName(h, change.pack));
    const uses = [...via.slice(1), change.path].map((p) => `${p} uses it`).join('; ');
    const reason = `${via[0]} changed; ${uses} → ${impactPhrases[found.impact]}: ${found.reason}`;
    return { ...change, ...found, certainty: reached.possible ? 'possible' : found.certainty, reason, via };
  });
}

export type ImpactCounts = Record<Impact, number>;

export interface PackSummary {
  layer: string;
  pack: string;
  /** The most disruptive impact among the pack's changes. */
  impact: Impact;
  counts: ImpactCounts;
  changes: number;
}

export interface PlanSummary {
  impact: Impact;
  total: number;
  counts: ImpactCounts;
  /** Packs in the order their first change appears; profile-level changes are under pack ''. */
  packs: PackSummary[];
  errors: number;
  warnings: number;
}

function zero(): ImpactCounts {
  return Object.fromEntries(impactOrder.map((i) => [i, 0])) as ImpactCounts;
}

export function summarizePlan(plan: Plan): PlanSummary {
  const counts = zero();
  const packs = new Map<string, PackSummary>();
  for (const c of plan.changes) {
    counts[c.impact]++;
    const key = `${c.pack}\u0000${c.layer}`;
    let s = packs.get(key);
    if (!s) packs.set(key, (s = { layer: c.layer, pack: c.pack, impact: 'no-op', counts: zero(), changes: 0 }));
    s.counts[c.impact]++;
    s.changes++;
    if (impactRank(c.impact) > impactRank(s.impact)) s.impact = c.impact;
  }
  return {
    impact: plan.impact,
    total: plan.changes.length,
    counts,
    packs: [...packs.values()],
    errors: plan.findings.filter((f) => f.severity === 'error').length,
    warnings: plan.findings.filter((f) => f.severity === 'warning').length,
  };
}
