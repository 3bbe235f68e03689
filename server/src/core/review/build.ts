// Builds the review of a working file against its baseline, or of a cluster's update to a new version, from the planner and the override merge.
import { clusterView, type ClusterView } from '../cluster/view';
import type { ClusterFile } from '../cluster/record';
import type { ProfileModel } from '../parse/profile';
import { clusterKindLabel } from '../explain/rulesAt';
import { impactOrder, impactRank, locationOf, type ClusterKind, type Impact, type ImpactedChange } from '../plan/model';
import { planUpdate, type Plan } from '../plan/plan';
import { defaultSyntaxLimits, type SyntaxLimits } from '../syntax';
import { headline } from './headline';
import { leftBehind } from './leftBehind';
import { Masker, type MaskOptions } from './mask';
import type { ReviewChange, ReviewFinding, ReviewModel, ReviewPack } from './model';
import { reviewOverrides, type OverrideOptions } from './overrides';

/** A working file against its baseline: what publishing it would mean for clusters that run the baseline. */
export interface FileReviewInput extends MaskOptions {
  current: ProfileModel;
  pending: ProfileModel;
  clusterKind?: Partial<ClusterKind>;
  /** Versions already published under the profile's name, so reusing one is an error. */
  existingVersions?: readonly string[];
}

/** A cluster moving to a new version, its overrides carried over. */
export interface ClusterReviewInput extends MaskOptions, OverrideOptions {
  currentVersion: ProfileModel;
  /** The new version as published. */
  pendingVersion: ProfileModel;
  cluster: ClusterFile;
  /** The pending side as the reviewer edited it; defaults to the merge result. Its text is what pending spans refer to. */
  draft?: ProfileModel;
  limits?: SyntaxLimits;
}

export type ReviewInput = FileReviewInput | ClusterReviewInput;

export function isClusterInput(input: ReviewInput): input is ClusterReviewInput {
  return 'cluster' in input && 'pendingVersion' in input;
}

export interface ReviewSides {
  /** Left side: for a cluster, the current version with the cluster's values in place. `current`-side spans are offsets in its text. */
  current: ProfileModel;
  /** Right side: the draft, or the merge result. `pending`-side spans are offsets in its text. */
  pending: ProfileModel;
  view?: ClusterView;
}

/** The two texts the review compares, the ones its spans refer to (the diff editor shows these). */
export function reviewSides(input: ReviewInput): ReviewSides {
  if (!isClusterInput(input)) return { current: input.current, pending: input.pending };
  const view = clusterView(input.currentVersion, input.pendingVersion, input.cluster, input.limits ?? defaultSyntaxLimits);
  return { current: view.current, pending: input.draft ?? view.pending, view };
}

export function buildReview(input: ReviewInput): ReviewModel {
  const sides = reviewSides(input);
  const cluster = isClusterInput(input) ? input.cluster : undefined;
  const plan = planUpdate(sides.current, sides.pending, {
    clusterKind: isClusterInput(input) ? undefined : input.clusterKind,
    cluster: cluster && { name: cluster.name, status: cluster.status, cloudType: cluster.cloudType, kubernetesDistribution: cluster.kubernetesDistribution },
    existingVersions: isClusterInput(input) ? undefined : input.existingVersions,
    publishing: !cluster,
  });
  const masker = new Masker(isClusterInput(input) ? [input.currentVersion, input.pendingVersion, sides.pending] : [sides.current, sides.pending], input);
  const findings = reviewFindings(plan, sides);
  const overrides = sides.view && isClusterInput(input) ? reviewOverrides(sides.view.merge, sides.pending, masker, input) : { kept: [], conflicts: [], dropped: [] };
  if (sides.view) for (const problem of sides.view.merge.problems) findings.push({ severity: 'warning', code: 'override-dropped', message: problem, side: 'pending' });
  const counts = Object.fromEntries(impactOrder.map((i) => [i, 0])) as Record<Impact, number>;
  for (const c of plan.changes) counts[c.impact]++;
  return {
    target: { profile: plan.target.profile, fromVersion: plan.target.fromVersion, toVersion: plan.target.toVersion, ...(cluster ? { cluster: cluster.name } : {}), clusterKind: clusterKindLabel(plan.target.clusterKind) },
    impact: plan.impact,
    certainty: plan.certainty,
    headline: headline({ ...plan.target, kind: plan.target.clusterKind, impact: plan.impact, certainty: plan.certainty, changes: plan.changes }),
    counts,
    packs: groupChanges(plan.changes, masker),
    findings,
    blocked: findings.some((f) => f.severity === 'error'),
    ...overrides,
    leftBehind: leftBehind(plan.changes),
  };
}

function reviewFindings(plan: Plan, sides: ReviewSides): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  // A draft that no longer parses cannot be applied or published.
  for (const p of sides.pending.problems) {
    if (p.severity === 'error') out.push({ severity: 'error', code: p.code, message: p.message, side: 'pending', span: { start: p.start, end: p.end } });
  }
  for (const f of plan.findings) {
    const where = f.span ? { side: 'pending' as const, span: f.span } : f.currentSpan ? { side: 'current' as const, span: f.currentSpan } : { side: 'pending' as const };
    out.push({ severity: f.severity, code: f.code, message: f.message, ...where, ...(f.source ? { source: f.source } : {}) });
  }
  return out;
}

/** Packs in the order the planner lists them (profile-level first, then pending's pack order, removed packs last). */
function groupChanges(changes: readonly ImpactedChange[], masker: Masker): ReviewPack[] {
  const packs = new Map<string, ReviewPack>();
  const ids = new Map<string, number>();
  for (const c of changes) {
    const key = `${c.layer}\u0000${c.pack}`;
    let group = packs.get(key);
    if (!group) packs.set(key, (group = { layer: c.layer, pack: c.pack, impact: 'no-op', changes: [] }));
    if (impactRank(c.impact) > impactRank(group.impact)) group.impact = c.impact;
    const base = `${c.layer}/${c.pack}/${c.path}`;
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    group.changes.push(reviewChange(c, n > 1 ? `${base}#${n}` : base, masker));
  }
  return [...packs.values()];
}

function reviewChange(c: ImpactedChange, id: string, masker: Masker): ReviewChange {
  const site = { pack: c.pack, keyPath: c.keyPath, object: c.object, itemNames: [...c.path.matchAll(/\[name=([^\]]*)\]/g)].map((m) => m[1]) };
  const where = locationOf(c);
  return {
    id,
    path: c.path,
    change: c.change,
    ...optional('before', masker.display(c.before, site)),
    ...optional('after', masker.display(c.after, site)),
    impact: c.impact,
    certainty: c.certainty,
    reason: c.reason,
    rule: c.rule,
    source: c.source,
    side: where?.side ?? 'pending',
    ...(where ? { span: where.span } : {}),
    ...(c.currentSpan ? { currentSpan: c.currentSpan } : {}),
    ...(c.pendingSpan ? { pendingSpan: c.pendingSpan } : {}),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
