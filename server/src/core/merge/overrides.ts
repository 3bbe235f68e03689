// Three-way merge of one pack's values: finds the cluster's overrides and carries them into the pending version.
import { parseYamlDoc } from '../parse/yamlProblems';
import { applyChanges } from './apply';
import { formatPath, lookup, treeEqual, treeOfDoc, valueOf, type Segment, type Tree } from './tree';
import { alreadyInNewVersion, type Change, type Choice, type Conflict, type Dropped, type Kept, type MergeOptions, type Override } from './types';

export interface ValuesMerge {
  overrides: Override[];
  kept: Kept[];
  conflicts: Conflict[];
  dropped: Dropped[];
  /** The pending values with the overrides carried, in the pending version's own formatting. */
  text: string;
  /** False when nothing had to be written, and `text` is the pending text itself. */
  changed: boolean;
  /** Why the merge could not be made or written faithfully; when non-empty and `changed` is false, nothing was carried. */
  problems: string[];
}

/** The cluster's overrides: where its values differ from the version it runs (`current`). */
export function diffOverrides(base: Tree, mine: Tree, at: Segment[] = []): Override[] {
  const out: Override[] = [];
  const child = (seg: Segment) => [...at, seg];
  if (base.kind === 'map' && mine.kind === 'map') {
    for (const [key, b] of base.entries) {
      const m = mine.entries.get(key);
      if (m) out.push(...diffOverrides(b, m, child(key)));
      else out.push(override(child(key), 'removed', b, undefined));
    }
    for (const [key, m] of mine.entries) if (!base.entries.has(key)) out.push(override(child(key), 'added', undefined, m));
    return out;
  }
  if (base.kind === 'named' && mine.kind === 'named' && sameOrder(base.items, mine.items)) {
    const names = [...mine.items.keys()];
    for (const [name, b] of base.items) {
      const m = mine.items.get(name);
      if (m) out.push(...diffOverrides(b, m, child({ name })));
      else out.push(override(child({ name }), 'removed', b, undefined));
    }
    names.forEach((name, i) => {
      if (!base.items.has(name)) out.push({ ...override(child({ name }), 'added', undefined, mine.items.get(name)), after: i > 0 ? names[i - 1] : undefined });
    });
    return out;
  }
  if (!treeEqual(base, mine)) out.push(override(at, 'changed', base, mine));
  return out;
}

/** A cluster that reorders a named list (stages run in order) overrides the whole list. */
function sameOrder(a: Map<string, Tree>, b: Map<string, Tree>): boolean {
  const common = (x: Map<string, Tree>, y: Map<string, Tree>) => [...x.keys()].filter((k) => y.has(k)).join('\u0000');
  return common(a, b) === common(b, a);
}

function override(segments: Segment[], kind: Override['kind'], base: Tree | undefined, mine: Tree | undefined): Override {
  return { path: formatPath(segments), segments, kind, base: base && valueOf(base), value: mine && valueOf(mine) };
}

/** Sorts each override into kept, conflict or dropped against the pending version's tree. */
export function classify(overrides: Override[], trees: { base: Tree; mine: Tree; pending: Tree }): Pick<ValuesMerge, 'kept' | 'conflicts' | 'dropped'> {
  const kept: Kept[] = [];
  const conflicts: Conflict[] = [];
  const dropped: Dropped[] = [];
  for (const o of overrides) {
    const found = lookup(trees.pending, o.segments);
    const at = (tree: Tree) => { const hit = lookup(tree, o.segments); return hit.found ? hit.tree : undefined; };
    const mineTree = at(trees.mine);
    const baseTree = at(trees.base);
    if (found.found) {
      const theirs = found.tree;
      if (o.kind !== 'removed' && mineTree && treeEqual(theirs, mineTree)) kept.push({ ...o, note: alreadyInNewVersion });
      else if (baseTree && treeEqual(theirs, baseTree)) kept.push(o);
      else conflicts.push({ path: o.path, segments: o.segments, kind: o.kind, base: o.base, mine: o.value, theirs: valueOf(theirs), ...(o.after !== undefined ? { after: o.after } : {}) });
    } else if (o.kind === 'removed' && !found.blocked) kept.push({ ...o, note: alreadyInNewVersion });
    else if (found.missingAt === o.segments.length - 1 && !found.blocked) {
      if (o.kind === 'added') kept.push(o);
      else dropped.push(drop(o, 'key-removed', o.segments, `The new version removed ${o.path}.`));
    } else {
      const missing = o.segments.slice(0, found.missingAt + (found.blocked ? 0 : 1));
      const where = formatPath(missing);
      dropped.push(found.blocked
        ? drop(o, 'parent-changed', missing, `The new version holds a value of another kind at ${where || 'the top level'}.`)
        : drop(o, 'parent-removed', missing, `The new version removed ${where}, which held ${o.path}.`));
    }
  }
  return { kept, conflicts, dropped };
}

function drop(o: Override, reason: Dropped['reason'], missing: Segment[], message: string): Dropped {
  return { ...o, reason, missing: formatPath(missing), message };
}

export function resolve(conflict: Conflict, choice: Choice): Conflict {
  return { ...conflict, resolution: choice };
}

export function readd(dropped: Dropped, yes = true): Dropped {
  return { ...dropped, readd: yes };
}

/** What to write into the pending values: kept overrides, resolved conflicts, dropped overrides chosen for re-adding. */
export function changesOf(parts: Pick<ValuesMerge, 'kept' | 'conflicts' | 'dropped'>): Change[] {
  const out: Change[] = [];
  const put = (segments: Segment[], value: unknown, after?: string) =>
    out.push(value === undefined ? { segments, action: 'delete' } : { segments, action: 'set', value, ...(after !== undefined ? { after } : {}) });
  for (const k of parts.kept) if (!k.note) put(k.segments, k.value, k.after);
  for (const c of parts.conflicts) {
    const r = c.resolution;
    if (r === 'mine') put(c.segments, c.mine, c.after);
    else if (r && r !== 'theirs') put(c.segments, r.value, c.after);
  }
  for (const d of parts.dropped) if (d.readd) put(d.segments, d.value, d.after);
  // Additions before removals, so a renamed list item never leaves its list empty on the way.
  return [...out.filter((c) => c.action === 'set'), ...out.filter((c) => c.action === 'delete')];
}

/**
 * `current`: the values of the version the cluster runs; `cluster`: the values in effect on the
 * cluster (that version plus its overrides); `pending`: the new version's values.
 */
export function mergeValues(current: string, cluster: string, pending: string, options: MergeOptions = {}): ValuesMerge {
  const empty = { overrides: [], kept: [], conflicts: [], dropped: [], text: pending, changed: false };
  const read = readTrees([['current version', current], ['cluster', cluster], ['pending version', pending]]);
  if ('problem' in read) return { ...empty, problems: [read.problem] };
  const [base, mine, theirs] = read.trees;
  const overrides = diffOverrides(base, mine);
  let { kept, conflicts, dropped } = classify(overrides, { base, mine, pending: theirs });
  if (options.resolve) conflicts = conflicts.map((c) => { const choice = options.resolve?.(c); return choice ? resolve(c, choice) : c; });
  if (options.readd) dropped = dropped.map((d) => (options.readd?.(d) ? readd(d) : d));
  return { overrides, kept, conflicts, dropped, ...applyMerge(pending, { kept, conflicts, dropped }) };
}

/** The overrides alone, for a pack the new version no longer has. */
export function diffValues(current: string, cluster: string): { overrides: Override[]; problems: string[] } {
  const read = readTrees([['current version', current], ['cluster', cluster]]);
  return 'problem' in read ? { overrides: [], problems: [read.problem] } : { overrides: diffOverrides(read.trees[0], read.trees[1]), problems: [] };
}

function readTrees(inputs: [string, string][]): { trees: Tree[] } | { problem: string } {
  const trees: Tree[] = [];
  for (const [label, text] of inputs) {
    const doc = parseYamlDoc(text);
    if (doc.errors.length > 0) return { problem: `The ${label}'s values are not valid YAML: ${doc.errors[0].message.split('\n')[0]}` };
    try {
      trees.push(treeOfDoc(doc));
    } catch (error) {
      return { problem: `The ${label}'s values could not be expanded: ${(error as Error).message}` };
    }
  }
  return { trees };
}

/** Writes a merge again after the caller resolved conflicts (`resolve`) or chose dropped overrides (`readd`). */
export function applyMerge(pending: string, parts: Pick<ValuesMerge, 'kept' | 'conflicts' | 'dropped'>): Pick<ValuesMerge, 'text' | 'changed' | 'problems'> {
  const changes = changesOf(parts);
  if (changes.length === 0) return { text: pending, changed: false, problems: [] };
  return applyChanges(pending, changes);
}
