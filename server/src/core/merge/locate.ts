// Finds where a semantic path is written in a values document, whatever mix of dotted and nested keys spells it.
import { isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Segment } from './tree';

/** Numbers address items of atomic lists, which the writer edits one item at a time. */
export type Step = Segment | number;

/** `at` is the path of the collection holding the hit, so an emptied collection can be rewritten as `{}` or `[]`. */
export type Hit =
  | { kind: 'pair'; map: YAMLMap; pair: Pair; at: Step[]; /** Key parts past the path: `a.b.c` under path `a.b` has 1. */ extra: number }
  | { kind: 'item'; seq: YAMLSeq; index: number; at: Step[]; extra: 0 };

export function keyParts(pair: Pair): string[] | undefined {
  if (!isScalar(pair.key) || pair.key.value === null || pair.key.value === undefined) return undefined;
  return String(pair.key.value).split('.');
}

function isPrefix(short: readonly Step[], long: readonly Step[]): boolean {
  return short.length <= long.length && short.every((s, i) => s === long[i]);
}

export function nameOf(item: unknown): string | undefined {
  if (!isMap(item)) return undefined;
  for (const pair of item.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'name' && isScalar(pair.value)) {
      const v = pair.value.value;
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    }
  }
  return undefined;
}

export function itemIndex(seq: YAMLSeq, step: Step): number {
  if (typeof step === 'number') return step < seq.items.length ? step : -1;
  if (typeof step === 'string') return -1;
  return seq.items.findIndex((item) => nameOf(item) === step.name);
}

/**
 * Every node that writes the path or part of the value under it: the exact spelling, and dotted
 * keys that reach below it (`system.uri` when the path is `system`). Several hits mean the value is
 * spelled in several places.
 */
export function findAll(node: unknown, path: readonly Step[], at: Step[] = []): Hit[] {
  const out: Hit[] = [];
  if (path.length === 0) return out;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const parts = keyParts(pair);
      if (!parts) continue;
      if (isPrefix(parts, path)) {
        if (parts.length === path.length) out.push({ kind: 'pair', map: node, pair, at, extra: 0 });
        else if (isCollection(pair.value)) out.push(...findAll(pair.value, path.slice(parts.length), [...at, ...parts]));
      } else if (isPrefix(path, parts)) out.push({ kind: 'pair', map: node, pair, at, extra: parts.length - path.length });
    }
  } else if (isSeq(node)) {
    const index = itemIndex(node, path[0]);
    if (index >= 0) {
      if (path.length === 1) out.push({ kind: 'item', seq: node, index, at, extra: 0 });
      else out.push(...findAll(node.items[index], path.slice(1), [...at, path[0]]));
    }
  }
  return out;
}

export type Reach =
  /** The deepest collection on the path, and the steps still to create under it. */
  | { kind: 'open'; node: YAMLMap | YAMLSeq; at: Step[]; rest: Step[] }
  /** A scalar (or a collection of the wrong kind) sits where the path must go on; it gets replaced. */
  | { kind: 'blocked'; hit: Hit; rest: Step[] };

/** How far the path already exists, for inserting what is missing. */
export function reach(root: Node, path: readonly Step[]): Reach | undefined {
  let node: unknown = root;
  let rest = [...path];
  const at: Step[] = [];
  for (;;) {
    if (isMap(node)) {
      let next: { pair: Pair; parts: string[] } | undefined;
      for (const pair of node.items) {
        const parts = isPair(pair) ? keyParts(pair) : undefined;
        if (parts && parts.length < rest.length && isPrefix(parts, rest)) {
          next = { pair, parts };
          if (isCollection(pair.value)) break;
        }
      }
      if (!next) return typeof rest[0] === 'string' ? { kind: 'open', node, at, rest } : undefined;
      const after = rest.slice(next.parts.length);
      const fits = typeof after[0] === 'string' ? isMap(next.pair.value) : isSeq(next.pair.value);
      if (!fits) return { kind: 'blocked', hit: { kind: 'pair', map: node, pair: next.pair, at: [...at], extra: 0 }, rest: after };
      at.push(...next.parts);
      node = next.pair.value;
      rest = after;
    } else if (isSeq(node)) {
      if (typeof rest[0] === 'string') return undefined;
      const index = itemIndex(node, rest[0]);
      if (index < 0) return { kind: 'open', node, at, rest };
      const item = node.items[index];
      const after = rest.slice(1);
      const fits = typeof after[0] === 'string' ? isMap(item) : isSeq(item);
      if (!fits) return { kind: 'blocked', hit: { kind: 'item', seq: node, index, at: [...at], extra: 0 }, rest: after };
      at.push(rest[0]);
      node = item;
      rest = after;
    } else return undefined;
  }
}
