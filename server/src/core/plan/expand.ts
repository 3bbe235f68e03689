// Expands YAML aliases and merge keys (`<<: *x`) into plain trees, as Palette's YAML reader does, within a budget that defeats alias bombs.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ValueEntry } from '../parse/valuesTree';
import type { VMap, VNode } from './tree';

/** Nodes an expansion may create per document; past it an alias stays `*name`, as the syntax check already reports. */
export const expansionBudget = 5_000;
const maxDepth = 128;

export interface Expansion {
  doc: Document;
  split: boolean;
  /** Nodes still allowed. */
  left: number;
  /** Children that came from a merge key: a key written in the mapping replaces them whole. */
  merged: WeakSet<VNode>;
}

export function expansion(doc: Document, split: boolean): Expansion {
  return { doc, split, left: expansionBudget, merged: new WeakSet() };
}

/**
 * The tree an alias stands for. Every node of it points at `site` (the alias where it is used),
 * since that is where its effect lands and where an inlay hint belongs.
 */
export function expandAlias(x: Expansion, alias: Node, site: ValueEntry): VNode {
  return fromNode(x, alias, site, 0);
}

/** Adds the keys a merge key brings into `parent`; keys already there win, and earlier sources win over later ones. */
export function mergeInto(x: Expansion, parent: VMap, value: Node | undefined | null, site: ValueEntry): void {
  const sources = isSeq(value) ? value.items : [value];
  for (const source of sources) {
    const tree = fromNode(x, source as Node, site, 0);
    if (tree.kind !== 'map') continue;
    for (const [key, child] of tree.children) {
      if (parent.children.has(key)) continue;
      parent.children.set(key, child);
      x.merged.add(child);
    }
  }
}

function opaque(node: unknown, site: ValueEntry): VNode {
  return { kind: 'scalar', value: isAlias(node) ? `*${node.source}` : null, entry: site };
}

function fromNode(x: Expansion, node: unknown, site: ValueEntry, depth: number): VNode {
  if (x.left <= 0 || depth > maxDepth) return opaque(node, site);
  x.left--;
  if (isAlias(node)) {
    const target = node.resolve(x.doc);
    return target ? fromNode(x, target, site, depth + 1) : opaque(node, site);
  }
  if (isScalar(node)) return { kind: 'scalar', value: node.value, entry: site };
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => fromNode(x, item, site, depth + 1)), entry: site };
  if (!isMap(node)) return { kind: 'scalar', value: null, entry: site };
  const map: VMap = { kind: 'map', children: new Map(), entry: site };
  const merges: unknown[] = [];
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (key === null || key === undefined) continue;
    const name = String(key);
    if (name === '<<' && !(isScalar(pair.key) && pair.key.type !== 'PLAIN')) {
      merges.push(pair.value);
      continue;
    }
    const parts = x.split && name.includes('.') ? name.split('.') : [name];
    let at = map;
    for (const part of parts.slice(0, -1)) {
      let next = at.children.get(part);
      if (next?.kind !== 'map') at.children.set(part, (next = { kind: 'map', children: new Map(), entry: site }));
      at = next;
    }
    at.children.set(parts[parts.length - 1], fromNode(x, pair.value, site, depth + 1));
  }
  for (const value of merges) mergeInto(x, map, value as Node, site);
  return map;
}
