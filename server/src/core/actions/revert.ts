// "Undo this change": writes one planned change back to its baseline value, then proves it by diffing again.
import { isScalar, isSeq, type Document, type Node } from 'yaml';
import { deleteAt, setAt } from '../merge/apply';
import { findAll, nameOf, type Hit, type Step } from '../merge/locate';
import { rewriteValues } from '../merge/profileText';
import { CannotPlace, nodeOf } from '../merge/textEdit';
import { nodeAt } from '../parse/fields';
import type { PackModel, ProfileModel } from '../parse/profile';
import { parseYamlDoc } from '../parse/yamlProblems';
import { diffProfiles, packLayer, packName } from '../plan/diff';
import type { ProfileChange } from '../plan/model';
import { applyEdits, lineEdit, type OffsetEdit } from './edits';
import { packPairs, restorePack } from './restorePack';
import { parsePath } from './revertTitle';
import { forgetReparse, reparse, siteOf, writeInner } from './sites';

/**
 * Edits to `pending` that revert `change`, or undefined when that cannot be written exactly. `changes`
 * is the whole diff from `baseline` to `pending`; the edits are kept only when diffing again leaves
 * exactly the other changes, so nothing else moves with this one.
 */
export function revertEdits(baseline: ProfileModel, pending: ProfileModel, change: ProfileChange, changes: readonly ProfileChange[]): OffsetEdit[] | undefined {
  try {
    return checked(baseline, pending, change, changes);
  } finally {
    forgetReparse();
  }
}

function checked(baseline: ProfileModel, pending: ProfileModel, change: ProfileChange, changes: readonly ProfileChange[]): OffsetEdit[] | undefined {
  let edits: OffsetEdit[] | undefined;
  try {
    edits = plan(baseline, pending, change);
  } catch (error) {
    if (error instanceof CannotPlace) return undefined;
    throw error;
  }
  if (!edits || edits.length === 0) return undefined;
  const left = new Map<string, number>();
  const count = (c: ProfileChange, by: number) => left.set(keyOf(c), (left.get(keyOf(c)) ?? 0) + by);
  for (const c of changes) count(c, 1);
  if (!left.has(keyOf(change))) return undefined;
  count(change, -1);
  for (const c of diffProfiles(baseline, reparse(applyEdits(pending.text, edits)))) count(c, -1);
  return [...left.values()].every((n) => n === 0) ? edits : undefined;
}

function keyOf(c: ProfileChange): string {
  return JSON.stringify([c.part, c.layer, c.pack, c.path, c.change, c.before, c.after]);
}

interface Source {
  text: string;
  doc: Document | undefined;
}

function plan(baseline: ProfileModel, pending: ProfileModel, change: ProfileChange): OffsetEdit[] | undefined {
  const base: Source = { text: baseline.text, doc: baseline.doc };
  const added = change.change === 'added';
  if (change.part === 'profile') return profileEdits(base, pending, change);
  if (change.part === 'pack') {
    if (!added) return restorePack(baseline, pending, change);
    const b = pending.packs.find((p) => p.span.start === change.pendingSpan?.start && packName(p) === change.pack);
    return b ? outer(pending.text, deleteAt(pending.text, ['spec', 'template', 'packs', b.index])) : undefined;
  }
  const pair = packPair(baseline, pending, change);
  if (!pair) return undefined;
  const [a, b] = pair;
  if (change.part === 'tag' || change.part === 'type') {
    const at = (p: PackModel): Step[] => ['spec', 'template', 'packs', p.index, change.part];
    return outer(pending.text, revertAt(pending.text, base, at(b), at(a), added));
  }
  if (change.part !== 'values' || !a.values?.doc || !b.values?.doc) return undefined;
  const segs = parsePath(change.path);
  if (!segs || segs.some((s) => typeof s === 'object' && !('name' in s))) return undefined;
  const steps = segs as Step[];
  const source: Source = { text: a.values.text, doc: a.values.doc };
  const text = b.values.text;
  let next: string;
  if (steps.length === 0) next = a.values.text;
  else if (change.change === 'removed' && typeof steps[steps.length - 1] === 'number') next = reinsertItem(text, source, steps);
  else next = revertAt(text, source, steps, steps, added, change.change === 'removed' ? previousName(source.doc, steps) : undefined);
  // Deleting the last key leaves a line break a `|-` block would have to change its header for.
  if (next.trim() !== '') next = next.replace(/\n*$/, /\n*$/.exec(text)![0]);
  const site = siteOf(pending, b.index);
  const spliced = site && writeInner(pending, site, next);
  if (spliced) return [spliced];
  // Other styles (a quoted values string, a folded block) are written afresh as a literal block.
  const rewrite = rewriteValues(pending, new Map([[b, next]]));
  return rewrite.problems.length > 0 ? undefined : outer(pending.text, rewrite.text);
}

/** cloudType and variables; the version is left alone, since going back to the baseline's number is never what is meant. */
function profileEdits(base: Source, pending: ProfileModel, change: ProfileChange): OffsetEdit[] | undefined {
  const [head, name, field] = change.keyPath;
  const added = change.change === 'added';
  if (head === 'cloudType') {
    const at = ['spec', 'template', 'cloudType'];
    return outer(pending.text, revertAt(pending.text, base, at, at, added));
  }
  if (head !== 'variables' || !name || name.startsWith('#')) return undefined;
  const pendingList = variablesAt(pending.doc) ?? variablesAt(base.doc);
  const baseList = variablesAt(base.doc) ?? pendingList;
  if (!pendingList || !baseList) return undefined;
  const tail: Step[] = [{ name }, ...(field ? [field] : [])];
  const after = !field && change.change === 'removed' ? previousName(base.doc, [...baseList, { name }]) : undefined;
  return outer(pending.text, revertAt(pending.text, base, [...pendingList, ...tail], [...baseList, ...tail], added, after));
}

function variablesAt(doc: Document | undefined): Step[] | undefined {
  if (isSeq(nodeAt(doc?.contents, 'spec', 'variables'))) return ['spec', 'variables'];
  if (isSeq(nodeAt(doc?.contents, 'spec', 'template', 'variables'))) return ['spec', 'template', 'variables'];
  return undefined;
}

/** The baseline and pending packs a change is about, paired as the diff pairs them. */
function packPair(baseline: ProfileModel, pending: ProfileModel, change: ProfileChange): [PackModel, PackModel] | undefined {
  const pairs = packPairs(baseline, pending);
  const at = change.pendingSpan?.start ?? -1;
  const candidates = pending.packs.filter((p) => packName(p) === change.pack && packLayer(p) === change.layer && pairs.has(p));
  const b = candidates.find((p) => at >= p.span.start && at <= p.span.end) ?? candidates[0];
  return b ? [pairs.get(b)!, b] : undefined;
}

function outer(before: string, after: string): OffsetEdit[] | undefined {
  const edit = lineEdit(before, after);
  return edit ? [edit] : undefined;
}

/**
 * Deletes what was added; otherwise writes the baseline's value, copying its spelling (quotes,
 * `0644`, `1.20`) when both sides are one-line scalars, which setAt would render afresh.
 */
function revertAt(text: string, base: Source, at: Step[], baseAt: Step[], added: boolean, after?: string): string {
  if (added) return deleteAt(text, at);
  const from = single(base.doc, baseAt);
  if (!from || !base.doc) throw new CannotPlace('the baseline has no single spelling of this path');
  const node = nodeOf(from);
  return copyScalar(text, at, base.text, node) ?? setAt(text, at, jsOf(base.doc, node), after);
}

function jsOf(doc: Document, node: unknown): unknown {
  return node && typeof node === 'object' && 'toJS' in node ? (node as Node).toJS(doc, { maxAliasCount: 100 }) : null;
}

function single(doc: Document | undefined, steps: Step[]): Hit | undefined {
  const hits = doc ? findAll(doc.contents, steps) : [];
  return hits.length === 1 && hits[0].extra === 0 ? hits[0] : undefined;
}

function copyScalar(text: string, at: Step[], baseText: string, from: unknown): string | undefined {
  const here = single(parseYamlDoc(text), at);
  const oneLine = (node: unknown, source: string) =>
    isScalar(node) && node.range && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED' && !source.slice(node.range[0], node.range[1]).includes('\n') ? node.range : undefined;
  const dst = here && oneLine(nodeOf(here), text);
  const src = oneLine(from, baseText);
  if (!dst || !src) return undefined;
  return text.slice(0, dst[0]) + baseText.slice(src[0], src[1]) + text.slice(dst[1]);
}

/** A named item goes back after the item that preceded it in the baseline. */
function previousName(doc: Document | undefined, steps: Step[]): string | undefined {
  const last = steps[steps.length - 1];
  const list = single(doc, steps.slice(0, -1));
  const seq = list && nodeOf(list);
  if (typeof last !== 'object' || !isSeq(seq)) return undefined;
  const index = seq.items.findIndex((item) => nameOf(item) === last.name);
  return index > 0 ? nameOf(seq.items[index - 1]) : undefined;
}

/** An item of a plain list matched by position goes back at its old position (or at the end when the list got shorter). */
function reinsertItem(text: string, base: Source, steps: Step[]): string {
  const index = steps[steps.length - 1] as number;
  const parent = steps.slice(0, -1);
  const from = single(base.doc, steps);
  const doc = parseYamlDoc(text);
  const here = single(doc, parent);
  const list = here && jsOf(doc, nodeOf(here));
  if (!from || !base.doc || !Array.isArray(list)) throw new CannotPlace('the list is not where it was');
  const items = [...(list as unknown[])];
  items.splice(Math.min(index, items.length), 0, jsOf(base.doc, nodeOf(from)));
  return setAt(text, parent, items);
}
