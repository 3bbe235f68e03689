// Reads fields out of yaml nodes of any shape, keeping their spans, without ever throwing.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Span } from '../types';

export type FieldType = 'string' | 'number' | 'boolean' | 'null' | 'map' | 'seq' | 'alias' | 'other';

export interface Field {
  /**
   * The text of the value: a string as is, a number or boolean as written (`tag: 1.30` gives
   * "1.30", not "1.3"), and "" for null and collections.
   */
  value: string;
  /** The JS value of a scalar; undefined for collections and aliases. */
  raw: unknown;
  type: FieldType;
  /** Span of the value node (outer offsets). */
  span: Span;
  /** Span of the key, when the field was read from a mapping. */
  keySpan?: Span;
  node: Node;
}

export function spanOfNode(node: { range?: [number, number, number] | null } | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

export function fieldOf(node: unknown, keySpan?: Span): Field | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const span = spanOfNode(node as Node);
  if (isScalar(node)) {
    const raw = node.value;
    const type: FieldType = raw === null || raw === undefined ? 'null' : typeof raw === 'string' ? 'string' : typeof raw === 'number' || typeof raw === 'bigint' ? 'number' : typeof raw === 'boolean' ? 'boolean' : 'other';
    const value = type === 'string' ? (raw as string) : type === 'null' ? '' : String((node as Scalar).source ?? raw);
    return { value, raw, type, span, keySpan, node };
  }
  const type: FieldType = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isAlias(node) ? 'alias' : 'other';
  return { value: '', raw: undefined, type, span, keySpan, node: node as Node };
}

/** The pair whose scalar key is `key`, when `map` is a mapping. */
export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key) return pair;
  }
  return undefined;
}

/** The value node under `key`, or under a path of keys. */
export function nodeAt(map: unknown, ...keys: string[]): unknown {
  let node = map;
  for (const key of keys) {
    node = pairOf(node, key)?.value;
    if (node === undefined || node === null) return undefined;
  }
  return node;
}

export function fieldAt(map: unknown, key: string): Field | undefined {
  const pair = pairOf(map, key);
  if (!pair) return undefined;
  const keySpan = spanOfNode(pair.key as Node);
  if (pair.value === null || pair.value === undefined) {
    return { value: '', raw: null, type: 'null', span: { start: keySpan.end, end: keySpan.end }, keySpan, node: pair.key as Node };
  }
  return fieldOf(pair.value, keySpan);
}

/** Items of a sequence, or nothing when the node is anything else. */
export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}
