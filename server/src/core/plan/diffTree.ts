// Compares two document trees key by key, matching list items by `name` or by content, and reports each difference once.
import { diffArrays } from 'diff';
import type { Span } from '../types';
import { anchorSpan, innerSpan, sameScalar, toJS, type VNode, type VSeq } from './tree';

/** A key, a list position, a list item picked by its `name`, or a Kubernetes object picked by its id. */
export type Seg = string | number | { name: string } | { object: string };

export interface TreeChange {
  segs: Seg[];
  change: 'added' | 'removed' | 'modified';
  before: unknown;
  after: unknown;
  currentSpan?: Span;
  pendingSpan?: Span;
}

export interface TreeSide {
  /** Inner to outer offsets of this side's document. */
  toOuter(span: Span): Span;
  /** Outer span to point at when a change has no node of its own on this side. */
  anchor?: Span;
}

interface Walk {
  cur: TreeSide;
  pen: TreeSide;
  out: TreeChange[];
}

/** Longer edit scripts fall back to position-by-position comparison, which is linear. */
const maxEditLength = 2000;

export function diffTrees(cur: VNode, pen: VNode, sides: { cur: TreeSide; pen: TreeSide }, prefix: Seg[] = []): TreeChange[] {
  const w: Walk = { ...sides, out: [] };
  node(w, cur, pen, prefix, sides.cur.anchor, sides.pen.anchor);
  return w.out;
}

function outer(side: TreeSide, span: Span | undefined): Span | undefined {
  return span ? side.toOuter(span) : undefined;
}

function node(w: Walk, a: VNode, b: VNode, segs: Seg[], aAnchor: Span | undefined, bAnchor: Span | undefined): void {
  // A list item deeper than valuesTree walks leaves a hole; there is nothing to compare there.
  if (!a || !b) return;
  if (a.kind === 'map' && b.kind === 'map') {
    const ca = outer(w.cur, anchorSpan(a)) ?? aAnchor;
    const cb = outer(w.pen, anchorSpan(b)) ?? bAnchor;
    for (const [key, child] of a.children) {
      const other = b.children.get(key);
      if (other) node(w, child, other, [...segs, key], ca, cb);
      else removed(w, child, [...segs, key], cb);
    }
    for (const [key, child] of b.children) if (!a.children.has(key)) added(w, child, [...segs, key], ca);
  } else if (a.kind === 'seq' && b.kind === 'seq') {
    seq(w, a, b, segs, outer(w.cur, anchorSpan(a)) ?? aAnchor, outer(w.pen, anchorSpan(b)) ?? bAnchor);
  } else if (a.kind !== 'scalar' || b.kind !== 'scalar' || !sameScalar(a.value, b.value)) {
    const scalar = a.kind === 'scalar' && b.kind === 'scalar';
    w.out.push({ segs, change: 'modified', before: toJS(a), after: toJS(b), currentSpan: outer(w.cur, innerSpan(a, !scalar)) ?? aAnchor, pendingSpan: outer(w.pen, innerSpan(b, !scalar)) ?? bAnchor });
  }
}

function added(w: Walk, b: VNode, segs: Seg[], curAnchor: Span | undefined): void {
  w.out.push({ segs, change: 'added', before: undefined, after: toJS(b), currentSpan: curAnchor, pendingSpan: outer(w.pen, innerSpan(b, true)) });
}

function removed(w: Walk, a: VNode, segs: Seg[], penAnchor: Span | undefined): void {
  w.out.push({ segs, change: 'removed', before: toJS(a), after: undefined, currentSpan: outer(w.cur, innerSpan(a, true)), pendingSpan: penAnchor });
}

function seq(w: Walk, a: VSeq, b: VSeq, segs: Seg[], ca: Span | undefined, cb: Span | undefined): void {
  const namesA = namesOf(a);
  const namesB = namesOf(b);
  if (namesA && namesB) return byName(w, a, b, namesA, namesB, segs, ca, cb);
  if (a.items.every(isScalar) && b.items.every(isScalar)) {
    const keyOf = (n: VNode) => `${typeof (n as { value: unknown }).value}:${String((n as { value: unknown }).value)}`;
    const hunks = diffArrays(a.items.map(keyOf), b.items.map(keyOf), { maxEditLength });
    if (hunks) return scalarHunks(w, a, b, hunks, segs, ca, cb);
  }
  const common = Math.min(a.items.length, b.items.length);
  for (let i = 0; i < common; i++) node(w, a.items[i], b.items[i], [...segs, i], ca, cb);
  for (let i = common; i < a.items.length; i++) removed(w, a.items[i], [...segs, i], cb);
  for (let i = common; i < b.items.length; i++) added(w, b.items[i], [...segs, i], ca);
}

/** An edit that removes k items and adds k in their place reads best as k modifications. */
function scalarHunks(w: Walk, a: VSeq, b: VSeq, hunks: { count: number; added: boolean; removed: boolean }[], segs: Seg[], ca: Span | undefined, cb: Span | undefined): void {
  let i = 0;
  let j = 0;
  for (let h = 0; h < hunks.length; h++) {
    const hunk = hunks[h];
    if (!hunk.added && !hunk.removed) {
      i += hunk.count;
      j += hunk.count;
    } else if (hunk.removed) {
      const next = hunks[h + 1];
      const paired = next?.added ? Math.min(hunk.count, next.count) : 0;
      for (let k = 0; k < paired; k++) node(w, a.items[i + k], b.items[j + k], [...segs, j + k], ca, cb);
      for (let k = paired; k < hunk.count; k++) removed(w, a.items[i + k], [...segs, i + k], cb);
      if (next?.added) {
        for (let k = paired; k < next.count; k++) added(w, b.items[j + k], [...segs, j + k], ca);
        j += next.count;
        h++;
      }
      i += hunk.count;
    } else {
      for (let k = 0; k < hunk.count; k++) added(w, b.items[j + k], [...segs, j + k], ca);
      j += hunk.count;
    }
  }
}

function byName(w: Walk, a: VSeq, b: VSeq, namesA: string[], namesB: string[], segs: Seg[], ca: Span | undefined, cb: Span | undefined): void {
  const inB = new Map(namesB.map((n, i) => [n, i]));
  const inA = new Map(namesA.map((n, i) => [n, i]));
  const orderA = namesA.filter((n) => inB.has(n));
  const orderB = namesB.filter((n) => inA.has(n));
  // Steps run in list order, so moving a named step is itself a change.
  if (orderA.some((n, i) => n !== orderB[i])) {
    w.out.push({ segs, change: 'modified', before: namesA, after: namesB, currentSpan: outer(w.cur, innerSpan(a, false)) ?? ca, pendingSpan: outer(w.pen, innerSpan(b, false)) ?? cb });
  }
  namesA.forEach((n, i) => {
    const j = inB.get(n);
    if (j === undefined) removed(w, a.items[i], [...segs, { name: n }], cb);
    else node(w, a.items[i], b.items[j], [...segs, { name: n }], ca, cb);
  });
  namesB.forEach((n, j) => {
    if (!inA.has(n)) added(w, b.items[j], [...segs, { name: n }], ca);
  });
}

/** The `name` of every item when all items are maps with distinct string names; undefined otherwise. */
export function namesOf(list: VSeq): string[] | undefined {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const item of list.items) {
    const name = item?.kind === 'map' ? item.children.get('name') : undefined;
    if (name?.kind !== 'scalar' || typeof name.value !== 'string' || seen.has(name.value)) return undefined;
    seen.add(name.value);
    names.push(name.value);
  }
  return names;
}

function isScalar(n: VNode | undefined): boolean {
  return n?.kind === 'scalar';
}

/** `stages.boot[name=Time settings].commands[0]`; keys holding dots or brackets are quoted: `labels["a.b/c"]`. */
export function formatSegs(segs: readonly Seg[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += 'name' in s ? `[name=${s.name}]` : `[${s.object}]`;
    else if (s === '' || /[.[\]"]/.test(s)) out += `[${JSON.stringify(s)}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

/** The keys of a path without its list selectors: what the impact rules match. */
export function keysOf(segs: readonly Seg[]): string[] {
  return segs.filter((s): s is string => typeof s === 'string');
}
