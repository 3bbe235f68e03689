// Flattens a values document into dotted paths with positions, treating `a.b: x` and `a: {b: x}` alike.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { dottedPath } from '../dottedPath';
import type { Span } from '../types';

export interface ValueEntry {
  /** `options.system.uri`, `charts.x.images[0].tag`. */
  path: string;
  segments: (string | number)[];
  /** The JS value of a scalar (or of the scalar an alias names); undefined for containers. */
  value: unknown;
  container?: 'map' | 'seq';
  /** The anchor an alias refers to; aliases are not followed into collections, which defeats alias bombs. */
  alias?: string;
  /** Inner offsets of the key (just this segment's part of a dotted key); absent for sequence items. */
  keySpan?: Span;
  valueSpan: Span;
  /** True for the parent a dotted key implies (`system` in `system.uri`), which has no node of its own. */
  implied?: boolean;
  node?: Node;
}

export interface ValuesTree {
  /** Every key and sequence item in document order, parents before children. */
  entries: ValueEntry[];
  /** The first entry written at a path (a real one before an implied one). */
  getAt(path: string | readonly (string | number)[]): ValueEntry | undefined;
  /** The innermost key or value under an inner offset, for hovers. */
  pathAtOffset(offset: number): { entry: ValueEntry; on: 'key' | 'value' } | undefined;
}

export interface ValuesTreeOptions {
  /** Split keys at dots, as Palette compares pack values; off for pack.json. */
  splitDottedKeys?: boolean;
}

const memo = new WeakMap<object, ValuesTree>();
const maxDepth = 256;

/** Trees of the default kind are remembered per document, so a cached embedded parse keeps its tree too. */
export function valuesTree(doc: Document | undefined, options: ValuesTreeOptions = {}): ValuesTree {
  const split = options.splitDottedKeys ?? true;
  if (doc && split) {
    const known = memo.get(doc);
    if (known) return known;
  }
  const entries: ValueEntry[] = [];
  if (doc) walk({ doc, out: entries, split, seen: new Set() }, doc.contents, [], 0);
  const tree = makeTree(entries);
  if (doc && split) memo.set(doc, tree);
  return tree;
}

interface Walk {
  doc: Document;
  out: ValueEntry[];
  split: boolean;
  /** Paths written so far, so two dotted keys imply their common parent once. */
  seen: Set<string>;
}

function walk(w: Walk, node: unknown, path: (string | number)[], depth: number): void {
  if (depth > maxDepth) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value === null || pair.key.value === undefined) continue;
      const key = pair.key as Scalar;
      const name = String(key.value);
      const parts = w.split && name.includes('.') ? name.split('.') : [name];
      const spans = segmentSpans(key, name, parts);
      let at = path;
      for (let i = 0; i < parts.length - 1; i++) {
        at = [...at, parts[i]];
        const implied = dottedPath(at);
        if (w.seen.has(implied)) continue;
        w.seen.add(implied);
        w.out.push({ path: implied, segments: at, value: undefined, container: 'map', keySpan: spans[i], valueSpan: spanOf(key), implied: true });
      }
      at = [...at, parts[parts.length - 1]];
      add(w, pair.value, at, spans[parts.length - 1], depth);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => add(w, item, [...path, i], undefined, depth));
  }
}

function add(w: Walk, node: unknown, path: (string | number)[], keySpan: Span | undefined, depth: number): void {
  const range = (node as Node | null)?.range;
  const valueSpan = range ? { start: range[0], end: range[1] } : keySpan ? { start: keySpan.end, end: keySpan.end } : { start: 0, end: 0 };
  const entry: ValueEntry = { path: dottedPath(path), segments: path, value: undefined, keySpan, valueSpan, node: (node ?? undefined) as Node | undefined };
  if (isScalar(node)) entry.value = node.value;
  else if (isMap(node)) entry.container = 'map';
  else if (isSeq(node)) entry.container = 'seq';
  else if (isAlias(node)) {
    entry.alias = node.source;
    try {
      const target = node.resolve(w.doc);
      if (isScalar(target)) entry.value = target.value;
      else if (target) entry.container = isMap(target) ? 'map' : 'seq';
    } catch {
      // An unresolvable alias is already a syntax problem of the document.
    }
  } else entry.value = null;
  w.out.push(entry);
  w.seen.add(entry.path);
  if (entry.container && !entry.alias) walk(w, node, path, depth + 1);
}

function spanOf(node: Node | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** Per-segment spans of a dotted key when its source spells the key verbatim; otherwise the whole key. */
function segmentSpans(key: Scalar, name: string, parts: string[]): Span[] {
  const whole = spanOf(key);
  const width = whole.end - whole.start;
  const shift = key.type === 'PLAIN' && width === name.length ? 0 : (key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE') && width === name.length + 2 ? 1 : -1;
  if (parts.length === 1 || shift < 0) return parts.map(() => whole);
  let at = whole.start + shift;
  return parts.map((part) => {
    const span = { start: at, end: at + part.length };
    at += part.length + 1;
    return span;
  });
}

function makeTree(entries: ValueEntry[]): ValuesTree {
  const byPath = new Map<string, ValueEntry>();
  for (const entry of entries) {
    const known = byPath.get(entry.path);
    if (!known || (known.implied && !entry.implied)) byPath.set(entry.path, entry);
  }
  return {
    entries,
    getAt: (path) => byPath.get(typeof path === 'string' ? path : dottedPath(path)),
    pathAtOffset(offset) {
      let best: { entry: ValueEntry; on: 'key' | 'value' } | undefined;
      let bestWidth = Infinity;
      const consider = (entry: ValueEntry, span: Span | undefined, on: 'key' | 'value') => {
        if (!span || offset < span.start || offset > span.end) return;
        const width = span.end - span.start;
        if (width <= bestWidth) {
          best = { entry, on };
          bestWidth = width;
        }
      };
      for (const entry of entries) {
        consider(entry, entry.keySpan, 'key');
        if (!entry.implied) consider(entry, entry.valueSpan, 'value');
      }
      return best;
    },
  };
}
