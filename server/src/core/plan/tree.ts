// Rebuilds a values or manifest document as a plain tree of maps, lists and scalars that keeps inner spans, so two can be compared.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { valuesTree, type ValueEntry } from '../parse/valuesTree';
import type { Span } from '../types';
import { expandAlias, expansion, mergeInto } from './expand';

export type VNode = VMap | VSeq | VScalar;
export interface VMap {
  kind: 'map';
  children: Map<string, VNode>;
  entry?: ValueEntry;
}
export interface VSeq {
  kind: 'seq';
  items: VNode[];
  entry?: ValueEntry;
}
export interface VScalar {
  kind: 'scalar';
  value: unknown;
  entry?: ValueEntry;
}

/**
 * Built from valuesTree's entries, so `a.b: 1` and `a: {b: 1}` give the same tree when keys are split
 * (pack values); manifests keep dotted keys whole because Kubernetes label keys are literal.
 */
/** Trees are read-only once built; a pack whose values did not change between versions keeps its tree. */
const memo = [new WeakMap<Document, VNode>(), new WeakMap<Document, VNode>()];

export function buildTree(doc: Document | undefined, splitDottedKeys: boolean): VNode {
  if (!doc) return build(doc, splitDottedKeys);
  const known = memo[splitDottedKeys ? 1 : 0];
  let tree = known.get(doc);
  if (!tree) known.set(doc, (tree = build(doc, splitDottedKeys)));
  return tree;
}

function build(doc: Document | undefined, splitDottedKeys: boolean): VNode {
  const contents = doc?.contents;
  if (isScalar(contents)) return { kind: 'scalar', value: contents.value };
  const root: VNode = isSeq(contents) ? { kind: 'seq', items: [] } : { kind: 'map', children: new Map() };
  if (!doc) return root;
  // Aliases and merge keys are what Palette expands before applying: the tree holds their expansion.
  const x = expansion(doc, splitDottedKeys);
  for (const entry of valuesTree(doc, { splitDottedKeys }).entries) {
    const segs = entry.segments;
    const parent = descend(root, segs, segs.length - 1);
    if (!parent || parent.kind === 'scalar') continue;
    const last = segs[segs.length - 1];
    if (last === '<<' && parent.kind === 'map' && isMergeValue(entry.node)) {
      mergeInto(x, parent, entry.node, entry);
      continue;
    }
    const aliased = entry.alias !== undefined && entry.container !== undefined;
    let node: VNode;
    if (entry.container === 'map' && !aliased) {
      const known = parent.kind === 'map' ? parent.children.get(String(last)) : undefined;
      // A dotted key implies its parent; a real mapping at the same path merges into it (but replaces what a merge key brought).
      if (known?.kind === 'map' && !x.merged.has(known)) {
        if (!entry.implied) known.entry = entry;
        continue;
      }
      node = { kind: 'map', children: new Map(), entry };
    } else if (entry.container === 'seq' && !aliased) node = { kind: 'seq', items: [], entry };
    else if (aliased && entry.node) node = expandAlias(x, entry.node, entry);
    else node = { kind: 'scalar', value: entry.value, entry };
    if (parent.kind === 'map') parent.children.set(String(last), node);
    else if (typeof last === 'number') parent.items[last] = node;
  }
  return root;
}

/** `<<: *x`, `<<: [*x, *y]` or `<<: {…}`: a merge key, as go-yaml reads it. */
function isMergeValue(node: Node | undefined): boolean {
  return isAlias(node) || isMap(node) || (isSeq(node) && node.items.every((item) => isAlias(item) || isMap(item)));
}

/** The node at the first n segments; walking the tree is cheaper than keying every entry by its whole path. */
function descend(root: VNode, segs: readonly (string | number)[], n: number): VNode | undefined {
  let node: VNode | undefined = root;
  for (let i = 0; i < n && node; i++) {
    const s = segs[i];
    node = node.kind === 'map' ? node.children.get(String(s)) : node.kind === 'seq' && typeof s === 'number' ? node.items[s] : undefined;
  }
  return node;
}

/** Plain JSON-like value of a subtree, for `before` and `after`. */
export function toJS(node: VNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJS);
  return Object.fromEntries([...node.children].map(([k, v]) => [k, toJS(v)]));
}

export function sameScalar(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** Inner span of a node: its value alone, or from its key to the end of its value. */
export function innerSpan(node: VNode | undefined, withKey: boolean): Span | undefined {
  const e = node?.entry;
  if (!e) return undefined;
  if (e.implied) return e.keySpan;
  if (withKey && e.keySpan) return { start: e.keySpan.start, end: Math.max(e.keySpan.end, e.valueSpan.end) };
  return e.valueSpan;
}

/** Inner span of the key (or, for a list item, the item) a node sits under: where to point at a child that is gone. */
export function anchorSpan(node: VNode | undefined): Span | undefined {
  const e = node?.entry;
  return e ? (e.keySpan ?? e.valueSpan) : undefined;
}
