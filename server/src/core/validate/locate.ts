// Finds the yaml node an Ajv instancePath names and the span a problem of each kind should cover.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Span } from '../types';

/** `/spec/template/packs/0` → ['spec', 'template', 'packs', '0'] (JSON pointer unescaping). */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Dotted form of a pointer for messages: `spec.template.packs[0].layer`. */
export function pointerLabel(pointer: string): string {
  let out = '';
  for (const segment of pointerSegments(pointer)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

export interface Located {
  /** The deepest node reached; the document's root when nothing matched. */
  node: Node | undefined;
  /** The pair holding `node` when it was reached through a mapping key. */
  pair?: Pair;
  /** False when the path left the document (a value that only exists after alias expansion). */
  complete: boolean;
}

export function locate(doc: Document | undefined, pointer: string): Located {
  let node = (doc?.contents ?? undefined) as Node | undefined;
  let pair: Pair | undefined;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const next = node.items.find((p): p is Pair => isPair(p) && keyText(p.key) === segment);
      if (!next) return { node, pair, complete: false };
      pair = next;
      node = (next.value ?? undefined) as Node | undefined;
      // `key:` with nothing after it has no value node to stand on; the key stands in.
      if (!node || !node.range || node.range[0] === node.range[1]) return { node: undefined, pair, complete: true };
    } else if (isSeq(node) && /^\d+$/.test(segment) && Number(segment) < node.items.length) {
      pair = undefined;
      node = node.items[Number(segment)] as Node;
    } else return { node, pair, complete: false };
  }
  return { node, pair, complete: true };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

export function spanOf(node: { range?: [number, number, number] | null } | null | undefined): Span | undefined {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** The key of a mapping entry, found among the items of `map` by its text. */
export function keySpanIn(map: Node | undefined, key: string): Span | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && keyText(p.key) === key);
  return pair ? spanOf(pair.key as Node) : undefined;
}

/** Where a located value is shown: the value itself, or its key when the value is empty or an alias. */
export function valueSpan(found: Located, text: string): Span {
  const own = spanOf(found.node);
  if (own && own.end > own.start && !isAlias(found.node)) return own;
  const key = spanOf(found.pair?.key as Node | undefined);
  if (key) return key;
  return own ? firstLine(own, text) : { start: 0, end: 0 };
}

/** Where "something is missing here" is shown: the key naming the object, else the object's first line. */
export function holderSpan(found: Located, text: string): Span {
  const key = spanOf(found.pair?.key as Node | undefined);
  if (key) return key;
  const own = spanOf(found.node);
  return own ? firstLine(own, text) : firstLine({ start: 0, end: text.length }, text);
}

/** From a span's start to the end of its first line, without trailing blanks or a flow collection's rest. */
export function firstLine(span: Span, text: string): Span {
  let end = text.indexOf('\n', span.start);
  if (end < 0 || end > span.end) end = span.end;
  while (end > span.start && /[\s,]/.test(text[end - 1])) end--;
  return { start: span.start, end: Math.max(end, Math.min(span.start + 1, text.length)) };
}
