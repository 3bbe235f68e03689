// The cluster's overrides in the review: kept, dropped, and conflicts whose resolution is read from the draft's values.
import type { ClusterMerge } from '../merge/cluster';
import { findAll } from '../merge/locate';
import { lookup, treeEqual, treeOfDoc, treeOfValue, type Segment, type Tree } from '../merge/tree';
import type { PackModel, ProfileModel } from '../parse/profile';
import type { Span } from '../types';
import type { Masker } from './mask';
import type { ReviewConflict, ReviewOverride } from './model';

/** Parses `a.b[name=x].c` (the merge's path format) back into segments; keys never hold dots there. */
export function parseMergePath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    if (path.startsWith('[name=', i)) {
      const end = path.indexOf(']', i);
      const stop = end < 0 ? path.length : end;
      out.push({ name: path.slice(i + 6, stop) });
      i = stop + 1;
    } else if (path[i] === '.') i++;
    else {
      let j = i;
      while (j < path.length && path[j] !== '.' && !path.startsWith('[name=', j)) j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

export function packNamed(profile: ProfileModel, name: string, layer?: string): PackModel | undefined {
  return profile.packs.find((p) => p.name?.value === name && (layer === undefined || p.layer?.value === layer)) ?? profile.packs.find((p) => p.name?.value === name);
}

/** The semantic value at `segments` in a pack's values, or `undefined` when absent (or unreadable). */
export function draftValue(pack: PackModel | undefined, segments: readonly Segment[]): { found: boolean; tree?: Tree } {
  if (!pack?.values?.doc) return { found: false };
  try {
    const hit = lookup(treeOfDoc(pack.values.doc), segments);
    return hit.found ? { found: true, tree: hit.tree } : { found: false };
  } catch {
    return { found: false };
  }
}

/** Outer span of the key at `segments` in the pack's values; the pack's name when the key is not written there. */
export function keySpan(pack: PackModel | undefined, segments: readonly Segment[]): Span | undefined {
  if (!pack) return undefined;
  const values = pack.values;
  const hit = values?.doc ? findAll(values.doc.contents, segments)[0] : undefined;
  if (values && hit) {
    const node = hit.kind === 'pair' ? hit.pair.key : hit.seq.items[hit.index];
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return values.toOuterSpan({ start: range[0], end: range[1] });
  }
  return pack.name?.span ?? pack.span;
}

function sameAs(found: { found: boolean; tree?: Tree }, value: unknown): boolean {
  if (value === undefined) return !found.found;
  return found.found && !!found.tree && treeEqual(found.tree, treeOfValue(value));
}

export interface OverrideOptions {
  /** Conflict ids the reviewer resolved by taking the new value: the draft's default, so its text alone cannot tell. */
  takenNew?: readonly string[];
}

export const conflictId = (pack: string, path: string) => `conflict:${pack}:${path}`;

export function reviewOverrides(merge: ClusterMerge, draft: ProfileModel, masker: Masker, options: OverrideOptions = {}): { kept: ReviewOverride[]; conflicts: ReviewConflict[]; dropped: ReviewOverride[] } {
  const show = (pack: string, path: string, value: unknown) => {
    const segments = parseMergePath(path);
    const keyPath = segments.filter((s): s is string => typeof s === 'string');
    return masker.display(value, { pack, keyPath, itemNames: segments.flatMap((s) => (typeof s === 'string' ? [] : [s.name])) });
  };
  const kept = merge.kept.map((k) => ({ id: `kept:${k.pack}:${k.path}`, pack: k.pack, path: k.path, value: show(k.pack, k.path, k.value), ...(k.note ? { note: k.note } : {}) }));
  const dropped = merge.dropped.map((d) => ({ id: `dropped:${d.pack}:${d.path}`, pack: d.pack, path: d.path, value: show(d.pack, d.path, d.value), note: d.message }));
  const taken = new Set(options.takenNew ?? []);
  const conflicts = merge.conflicts.map((c): ReviewConflict => {
    const id = conflictId(c.pack, c.path);
    const pack = packNamed(draft, c.pack, c.layer);
    const now = draftValue(pack, c.segments);
    let resolved: ReviewConflict['resolved'];
    if (sameAs(now, c.mine)) resolved = 'mine';
    else if (sameAs(now, c.theirs)) resolved = taken.has(id) || c.resolution === 'theirs' ? 'theirs' : undefined;
    else resolved = 'edited';
    return { id, pack: c.pack, path: c.path, base: show(c.pack, c.path, c.base), mine: show(c.pack, c.path, c.mine), theirs: show(c.pack, c.path, c.theirs), ...(resolved ? { resolved } : {}), span: keySpan(pack, c.segments) };
  });
  return { kept, conflicts, dropped };
}
