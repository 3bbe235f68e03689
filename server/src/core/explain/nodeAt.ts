// Finds the key or value under an offset in a YAML document, and the macro under an offset in a line of text.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { findMacros, type MacroRef } from '../parse/macros';
import type { Span } from '../types';

export interface NodeAt {
  /** Keys as written (a dotted key stays one segment) and sequence indexes, from the root. */
  path: (string | number)[];
  on: 'key' | 'value';
  /** The key, or the value when the offset is on a scalar value or a sequence item. */
  span: Span;
  /** The value node of the key (or the item itself); undefined for `key:` with nothing after it. */
  value?: Node;
  /** From the key's start to the value's end: what a change "at this key" lies within. */
  extent: Span;
}

const maxDepth = 256;

export function nodeAt(doc: Document | undefined, offset: number): NodeAt | undefined {
  return doc ? search(doc.contents, offset, [], 0) : undefined;
}

function search(node: unknown, offset: number, path: (string | number)[], depth: number): NodeAt | undefined {
  if (depth > maxDepth) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (!isScalar(key) || !key.range || key.value === null || key.value === undefined) continue;
      const name = String(key.value);
      const value = (pair.value ?? undefined) as Node | undefined;
      const valueEnd = value?.range ? value.range[1] : key.range[1];
      const extent = { start: key.range[0], end: Math.max(key.range[1], valueEnd) };
      if (offset >= key.range[0] && offset <= key.range[1]) return { path: [...path, name], on: 'key', span: { start: key.range[0], end: key.range[1] }, value, extent };
      if (value?.range && offset >= value.range[0] && offset <= value.range[1]) return inValue(value, offset, [...path, name], extent, depth);
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (!item?.range || offset < item.range[0] || offset > item.range[1]) continue;
      return inValue(item, offset, [...path, i], { start: item.range[0], end: item.range[1] }, depth);
    }
  }
  return undefined;
}

function inValue(value: Node, offset: number, path: (string | number)[], extent: Span, depth: number): NodeAt | undefined {
  if (isMap(value) || isSeq(value)) return search(value, offset, path, depth + 1);
  if (isScalar(value) || isAlias(value)) return { path, on: 'value', span: { start: value.range![0], end: value.range![1] }, value, extent };
  return undefined;
}

/** Splits written keys at dots, as Palette reads pack values (`system.uri` is `system` then `uri`). */
export function splitPath(path: readonly (string | number)[]): (string | number)[] {
  return path.flatMap((p) => (typeof p === 'string' && p.includes('.') ? p.split('.') : [p]));
}

/**
 * The macro reference whose `{{ }}` holds the offset. Only the offset's line is searched, so a hover
 * costs the same in a 50,000-line document; a template never spans lines in practice.
 */
export function macroAt(text: string, offset: number): MacroRef | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  if (!line.includes('{{')) return undefined;
  const at = offset - lineStart;
  const refs = findMacros(line).filter((r) => at >= r.templateSpan.start && at <= r.templateSpan.end);
  // Several references in one template: the one under the caret, else the first.
  const ref = refs.find((r) => at >= r.span.start && at <= r.span.end) ?? refs[0];
  return ref && shift(ref, lineStart);
}

function shift(ref: MacroRef, by: number): MacroRef {
  const move = (s: Span | undefined) => (s ? { start: s.start + by, end: s.end + by } : undefined);
  return { ...ref, span: move(ref.span)!, templateSpan: move(ref.templateSpan)!, packSpan: move(ref.packSpan), pathSpan: move(ref.pathSpan), nameSpan: move(ref.nameSpan) };
}
