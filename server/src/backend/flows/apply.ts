// Apply Version to Cluster (and rollback, and a pending in-place update), shared by the editor and the CLI: the review's inputs, what Palette refuses, and the apply itself.
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { clusterView, type ClusterView } from '../../core/cluster/view';
import type { ClusterMergeOptions, PackConflict } from '../../core/merge/cluster';
import type { Choice } from '../../core/merge/types';
import { parseProfile, type ProfileModel } from '../../core/parse/profile';
import type { Severity } from '../../core/types';
import { planUpdate, summarizePlan, type Plan, type PlanSummary } from '../../core/plan/plan';
import { compareSemver, parseSemver } from '../../core/plan/semver';
import { defaultSyntaxLimits } from '../../core/syntax';
import { sameValues } from '../local';
import { checkProfileShape } from '../local/digest';
import { BackendError, type ApplyRecord, type Backend, type ClusterInfo, type VersionRef } from '../types';

export interface ConflictResolution {
  pack: string;
  path: string;
  choice: Choice;
}

export interface ApplyOptions {
  /** Choices for override conflicts, from the review. */
  resolutions?: readonly ConflictResolution[];
  /** Dropped overrides to write back anyway (pack and path). */
  readd?: readonly { pack: string; path: string }[];
  /** The pending text as edited in the review: its pack values become the cluster's overrides. */
  pendingText?: string;
  /**
   * What an unresolved conflict (the cluster overrides a value the new version also changes) becomes:
   * `mine` (default) keeps the cluster's value, as Palette's pending update "maintains the override";
   * `theirs` takes the new version's.
   */
  conflictDefault?: 'mine' | 'theirs';
  signal?: AbortSignal;
}

export interface ApplyNote {
  severity: Severity;
  code: string;
  message: string;
}

export interface ApplyPreparation {
  cluster: ClusterInfo;
  /** The version the cluster runs, with the revision it applied. */
  from?: VersionRef & { revision?: number };
  to: VersionRef;
  /** The version text the cluster applied (its revision, without overrides). */
  currentVersionText: string;
  /** The target version as published. */
  pendingVersionText: string;
  /** What the cluster runs: the current version with its overrides. */
  currentText: string;
  /** What Apply sends: the target version with the overrides carried (or the review's edited text). */
  pendingText: string;
  edited: boolean;
  view: ClusterView;
  plan: Plan;
  summary: PlanSummary;
  /** Plan findings Palette refuses (severity error): Provisioning, Kubernetes downgrade, Edge CNI change, a removed infrastructure layer. */
  refusals: ApplyNote[];
  refused: boolean;
  /** Minor-version skips, override conflicts and dropped overrides, and the plan's other warnings. */
  warnings: ApplyNote[];
  /** The cluster's overrides this apply would not carry: applied only once the user accepts losing them. */
  dropped: ApplyNote[];
  needsRepaveApproval: boolean;
  /**
   * The cluster already runs the target and Palette holds its repave Pending: an earlier apply switched it and its
   * approval did not go through. Applying again with the repave approved finishes it (approves, no second switch).
   */
  repavePending: boolean;
  /** "Applying edge-retail 1.1.0 to store-042 will repave all nodes, control plane first, because …". */
  repaveReason?: string;
  /** Per pack name, the values the cluster will hold where they differ from the target version's. */
  overrides: Record<string, string>;
  variables: Record<string, string>;
  /** The same version at a newer revision: Palette's pending update after Update Version in Place. */
  pendingUpdate: boolean;
  /** The target is older than what the cluster runs. */
  rollback: boolean;
  /** Why the edited pending text cannot be applied (it changes more than pack values). */
  problems: string[];
  conflictDefault: 'mine' | 'theirs';
}

/** `VERSION` of the profile the cluster runs, as the CLI's `apply VERSION --cluster NAME` means it. */
export function targetFor(cluster: ClusterInfo, version: string): VersionRef {
  if (!cluster.profile?.name) throw new BackendError('invalid', `Cluster ${cluster.name} runs no profile; name the profile to apply.`);
  return { name: cluster.profile.name, version };
}

function mergeOptions(options: ApplyOptions, defaulted: PackConflict[]): ClusterMergeOptions {
  const { resolutions, readd } = options;
  const fallback: Choice | undefined = options.conflictDefault === 'theirs' ? undefined : 'mine';
  return {
    resolve: (c) => {
      const chosen = resolutions?.find((r) => r.pack === c.pack && r.path === c.path)?.choice;
      if (chosen === undefined && fallback) defaulted.push(c);
      return chosen ?? fallback;
    },
    readd: readd?.length ? (d) => readd.some((r) => r.pack === d.pack && r.path === d.path) : undefined,
  };
}

function show(value: unknown): string {
  if (value === undefined) return 'unset';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 59) + '…' : text;
}

/** The profile without pack values: an edited pending text must match the target version here. */
function skeleton(text: string): unknown {
  const data = parse(text, { maxAliasCount: 100 }) as { spec?: { template?: { packs?: unknown } } } | null;
  const packs = data?.spec?.template?.packs;
  if (Array.isArray(packs)) for (const p of packs) if (p && typeof p === 'object') delete (p as { values?: unknown }).values;
  return data;
}

/** Pack by pack (the edit keeps their order), the values that differ from the version's. */
function overridesOf(version: ProfileModel, pending: ProfileModel): Record<string, string> {
  const out: Record<string, string> = {};
  version.packs.forEach((pack, i) => {
    const name = pack.name?.value;
    const values = pending.packs[i]?.values?.text;
    if (name && values !== undefined && !sameValues(pack.values?.text ?? '', values)) out[name] = values;
  });
  return out;
}

function repaveSentence(plan: Plan, cluster: string, to: VersionRef): string {
  const repaves = plan.changes.filter((c) => c.impact === 'repave');
  const first = repaves[0];
  const because = first ? `, because${first.pack ? ` in ${first.pack}` : ''} ${first.reason}` : '';
  const more = repaves.length > 1 ? ` (and ${repaves.length - 1} more repaving change${repaves.length === 2 ? '' : 's'})` : '';
  return `Applying ${to.name} ${to.version} to ${cluster} will repave all nodes, control plane first${because}${more}.`;
}

/**
 * A version as read from any backend must be a whole profile before its packs decide which overrides
 * survive: an empty or torn text has no packs, and every override would silently go with them.
 */
function checkRead(text: string, ref: VersionRef, where: string): void {
  checkProfileShape(text, ref, where, (file, why) => {
    throw new BackendError('refused', `${file} as read from the backend is not a whole profile (${why}); nothing was applied.`);
  });
}

export async function prepareApply(backend: Backend, clusterName: string, to: VersionRef, options: ApplyOptions = {}): Promise<ApplyPreparation> {
  const { signal } = options;
  const cluster = await backend.readCluster(clusterName, signal);
  const pendingVersionText = await backend.readVersion(to, signal);
  checkRead(pendingVersionText, to, `${to.name} ${to.version}`);
  // A cluster that runs nothing yet is compared with the target itself: nothing to change, only checks.
  const currentVersionText = cluster.profile ? await backend.appliedText(clusterName, signal) : pendingVersionText;
  if (cluster.profile) checkRead(currentVersionText, cluster.profile, `${cluster.profile.name} ${cluster.profile.version} (what ${clusterName} runs)`);
  const currentVersion = parseProfile(currentVersionText, defaultSyntaxLimits);
  const pendingVersion = parseProfile(pendingVersionText, defaultSyntaxLimits);
  const defaulted: PackConflict[] = [];
  const view = clusterView(currentVersion, pendingVersion, cluster, defaultSyntaxLimits, mergeOptions(options, defaulted));
  const problems: string[] = [];
  let pending = view.pending;
  if (options.pendingText !== undefined) {
    const edited = parseProfile(options.pendingText, defaultSyntaxLimits);
    const syntax = edited.problems.find((p) => p.severity === 'error');
    if (syntax) problems.push(`The edited pending profile cannot be read: ${syntax.message}`);
    else if (!isDeepStrictEqual(skeleton(options.pendingText), skeleton(pendingVersionText))) {
      problems.push(`The edited pending profile changes more than pack values; a cluster can only override values. Publish a new version of ${to.name} for other changes.`);
    }
    pending = edited;
  }
  const plan = planUpdate(view.current, pending, { cluster });
  const notes = (severity: Severity): ApplyNote[] => plan.findings.filter((f) => f.severity === severity).map((f) => ({ severity, code: f.code, message: f.message }));
  const refusals = notes('error');
  const warnings = [
    ...notes('warning'),
    ...defaulted.map((c): ApplyNote => ({
      severity: 'warning',
      code: 'override-conflict',
      message: `${cluster.name} overrides ${c.pack} ${c.path} (${show(c.mine)}); ${to.version} changes it from ${show(c.base)} to ${show(c.theirs)}. The cluster keeps its value, as Palette's pending update does; take the version's value in the review to drop the override.`,
    })),
    ...view.findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message })),
  ];
  const dropped: ApplyNote[] = [
    ...view.merge.dropped.filter((d) => !d.readd).map((d): ApplyNote => ({ severity: 'warning', code: 'override-dropped', message: `${cluster.name}'s override of ${d.pack} ${d.path} is dropped: ${d.message}` })),
    ...view.merge.problems.map((m): ApplyNote => ({ severity: 'warning', code: 'override-dropped', message: m })),
  ];
  const from = cluster.profile ? { name: cluster.profile.name, version: cluster.profile.version, revision: cluster.appliedRevision } : undefined;
  const a = from && parseSemver(from.version);
  const b = parseSemver(to.version);
  const needsRepaveApproval = plan.impact === 'repave';
  return {
    cluster,
    from,
    to,
    currentVersionText,
    pendingVersionText,
    currentText: view.current.text,
    pendingText: pending.text,
    edited: options.pendingText !== undefined,
    view,
    plan,
    summary: summarizePlan(plan),
    refusals,
    refused: refusals.length > 0,
    warnings,
    dropped,
    needsRepaveApproval,
    repavePending: !!from && from.name === to.name && from.version === to.version && cluster.repave?.state === 'Pending',
    repaveReason: needsRepaveApproval ? repaveSentence(plan, cluster.name, to) : undefined,
    overrides: overridesOf(pendingVersion, pending),
    variables: { ...view.merge.variables },
    pendingUpdate: !!from && from.name === to.name && from.version === to.version && cluster.updatesAvailable,
    rollback: !!from && from.name === to.name && !!a && !!b && compareSemver(b, a) < 0,
    problems,
    conflictDefault: options.conflictDefault ?? 'mine',
  };
}

export interface ClusterPreparation {
  cluster: string;
  prepared?: ApplyPreparation;
  error?: BackendError | Error;
}

/** Several clusters at once, each with its own plan; one failing to prepare does not stop the others. */
export async function prepareApplyAll(backend: Backend, clusters: readonly string[], to: VersionRef, options: ApplyOptions = {}): Promise<ClusterPreparation[]> {
  const out: ClusterPreparation[] = [];
  for (const cluster of clusters) {
    try {
      out.push({ cluster, prepared: await prepareApply(backend, cluster, to, options) });
    } catch (error) {
      out.push({ cluster, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return out;
}

export interface ExecuteOptions extends ApplyOptions {
  /** The user approved the repave (the modal naming the cluster and the reason, or `--approve-repave`). */
  approveRepave: boolean;
  /** The user accepted that the overrides in `dropped` are lost (the modal listing them, or `--accept-dropped`). */
  acceptDropped?: boolean;
}

/** "Applying edge-retail 1.0.1 drops 1 override of store-042: …": what the CLI and the editor show before asking. */
export function droppedSentence(p: Pick<ApplyPreparation, 'dropped' | 'cluster' | 'to'>): string {
  const n = p.dropped.length;
  return `Applying ${p.to.name} ${p.to.version} drops ${n} override${n === 1 ? '' : 's'} of ${p.cluster.name}: ${p.dropped.map((d) => d.message).join(' ')}`;
}

/**
 * Applies what `prepared` shows. It prepares again (with the review's resolutions, re-adds or edited
 * pending text, when given) so what is sent matches the store now; when the cluster or the version
 * changed since the review it stops with `conflict` instead of applying something nobody reviewed.
 * Refuses (`refused`) what Palette refuses and an unapproved repave; nothing is written then.
 */
export async function executeApply(backend: Backend, prepared: ApplyPreparation, options: ExecuteOptions): Promise<ApplyRecord> {
  const edited = !!(options.resolutions?.length || options.readd?.length || options.pendingText !== undefined);
  const p = await prepareApply(backend, prepared.cluster.name, prepared.to, edited ? options : { ...options, resolutions: undefined, readd: undefined, pendingText: undefined, conflictDefault: prepared.conflictDefault });
  if (p.currentText !== prepared.currentText || p.pendingVersionText !== prepared.pendingVersionText || (!edited && p.pendingText !== prepared.pendingText)) {
    throw new BackendError('conflict', `${prepared.cluster.name} or ${prepared.to.name} ${prepared.to.version} changed since the review; review the apply again.`);
  }
  if (p.problems.length) throw new BackendError('invalid', p.problems.join(' '));
  if (p.refused) throw new BackendError('refused', p.refusals.map((r) => r.message).join(' '));
  if (p.needsRepaveApproval && !options.approveRepave) throw new BackendError('refused', `${p.repaveReason} The repave was not approved, so nothing was applied.`);
  if (p.dropped.length && !options.acceptDropped) throw new BackendError('refused', `${droppedSentence(p)} Losing ${p.dropped.length === 1 ? 'it' : 'them'} was not accepted, so nothing was applied.`);
  return backend.apply(
    {
      cluster: p.cluster.name,
      to: p.to,
      overrides: p.overrides,
      variables: p.variables,
      impact: p.plan.impact,
      repaveApproved: (p.needsRepaveApproval || p.repavePending) && options.approveRepave,
    },
    options.signal,
  );
}
