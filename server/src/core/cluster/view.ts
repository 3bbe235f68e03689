// A cluster's two sides of an update: the current version with its overrides, and the pending version with them carried over.
import { mergeForCluster, type ClusterMerge, type ClusterMergeOptions } from '../merge/cluster';
import { rewriteValues, type ValuesEdit } from '../merge/profileText';
import { parseProfile, type PackModel, type ProfileModel } from '../parse/profile';
import type { SyntaxLimits } from '../syntax';
import type { Problem, Span } from '../types';
import type { ClusterFile } from './record';

export interface ClusterView {
  /** What the cluster runs: the current version with the cluster's values in place of the version's. */
  current: ProfileModel;
  /** What Apply would send: the pending version with the cluster's overrides carried over. */
  pending: ProfileModel;
  merge: ClusterMerge;
  /** Maps a span of `pending.text` back to the pending file the user edits. */
  toPendingFile(span: Span): Span;
  /** Maps a span of `current.text` back to the current version's file. */
  toCurrentFile(span: Span): Span;
  /** Conflicts and dropped overrides, as findings on the pending file. */
  findings: Problem[];
}

/** Offsets after `edits` (made on the original text) back to the original; inside an edit, its start. */
function backMapper(edits: readonly ValuesEdit[]): (offset: number) => number {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return (offset) => {
    let delta = 0;
    for (const edit of sorted) {
      const newStart = edit.start + delta;
      if (offset < newStart) break;
      const newEnd = newStart + edit.newText.length;
      if (offset < newEnd) return edit.start + Math.min(offset - newStart, edit.end - edit.start);
      delta += edit.newText.length - (edit.end - edit.start);
    }
    return offset - delta;
  };
}

function spanMapper(edits: readonly ValuesEdit[]): (span: Span) => Span {
  const back = backMapper(edits);
  return (span) => {
    const start = back(span.start);
    return { start, end: Math.max(start, back(span.end)) };
  };
}

export function clusterView(currentVersion: ProfileModel, pendingVersion: ProfileModel, cluster: ClusterFile, limits: SyntaxLimits, options: ClusterMergeOptions = {}): ClusterView {
  const overridden = new Map<PackModel, string>();
  for (const pack of currentVersion.packs) {
    const values = pack.name ? cluster.overrides[pack.name.value] : undefined;
    if (values !== undefined) overridden.set(pack, values);
  }
  const effective = rewriteValues(currentVersion, overridden);
  const current = overridden.size ? parseProfile(effective.text, limits) : currentVersion;
  const merge = mergeForCluster(currentVersion, pendingVersion, cluster, options);
  const pending = merge.edits.length ? parseProfile(merge.text, limits) : pendingVersion;
  const toPendingFile = spanMapper(merge.edits);
  const findings: Problem[] = [];
  const packSpan = (name: string) => pendingVersion.packs.find((p) => p.name?.value === name)?.name?.span ?? { start: 0, end: 0 };
  for (const c of merge.conflicts.filter((x) => !x.resolution)) {
    findings.push({
      ...packSpan(c.pack),
      severity: 'warning',
      code: 'override-conflict',
      message: `${cluster.name} overrides ${c.pack} ${c.path} (${show(c.mine)}); the new version changes it from ${show(c.base)} to ${show(c.theirs)}. Pending keeps the new version's value until you choose.`,
    });
  }
  for (const d of merge.dropped) {
    findings.push({ ...packSpan(d.pack), severity: 'warning', code: 'override-dropped', message: `${cluster.name}'s override of ${d.pack} ${d.path} is not carried over: ${d.message}` });
  }
  for (const problem of merge.problems) findings.push({ start: 0, end: 0, severity: 'warning', code: 'override-dropped', message: problem });
  return { current, pending, merge, toPendingFile, toCurrentFile: spanMapper(effective.edits), findings };
}

function show(value: unknown): string {
  if (value === undefined) return 'unset';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 59) + '…' : text;
}
