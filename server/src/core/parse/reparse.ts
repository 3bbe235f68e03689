// Reuses an outer YAML parse when an edit stays inside one block scalar's content, as typing in a pack's values does.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { yamlOptions } from './yamlProblems';

/** The one region two texts differ in: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export interface Reparsed {
  doc: Document.Parsed;
  /** Each copied node of the new document to the unchanged old node it stands for; shared nodes are not listed. */
  sameAs: Map<Node, Node>;
}

const nodeType = Symbol.for('yaml.node.type');
/** Scalars this module built after checking them with yaml: typing on in one needs no check of the old text. */
const checked = new WeakSet<Scalar>();
const chunk = 4096;

/** Undefined when the texts are equal. Compares in chunks first: an edit leaves megabytes alike on both sides. */
export function changedRegion(oldText: string, newText: string): ChangedRegion | undefined {
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start + chunk <= max && oldText.slice(start, start + chunk) === newText.slice(start, start + chunk)) start += chunk;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - chunk >= start && newEnd - chunk >= start && oldText.slice(oldEnd - chunk, oldEnd) === newText.slice(newEnd - chunk, newEnd)) {
    oldEnd -= chunk;
    newEnd -= chunk;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/**
 * The new text's document built from the old one's nodes, or undefined when the edit might change
 * anything but one block scalar's value. Nodes wholly before the edit are shared, later ones copied
 * with shifted ranges; the old document is never modified. The scalar's new extent and value come
 * from yaml itself, parsing the scalar alone in the same indentation, so they match a full parse.
 */
export function reparseOuter(old: Document.Parsed, oldText: string, newText: string): Reparsed | undefined {
  if (old.errors.length > 0 || old.warnings.length > 0 || !old.contents) return undefined;
  const region = changedRegion(oldText, newText);
  if (!region) return undefined;
  const found = blockScalarAround(old.contents, region);
  if (!found) return undefined;
  const { pair, scalar } = found;
  if (region.start < oldText.indexOf('\n', scalar.range![0]) + 1) return undefined;
  const key = pair.key as Node;
  const column = key.range![0] - (oldText.lastIndexOf('\n', key.range![0] - 1) + 1);
  const delta = region.newEnd - region.oldEnd;
  // The same check on the old text shows that parsing the scalar alone reads it as the full parse did.
  if (!checked.has(scalar)) {
    const before = alone(oldText, scalar.range![0], scalar.range![1], column);
    if (!before || before.value !== scalar.value) return undefined;
  }
  const after = alone(newText, scalar.range![0], scalar.range![1] + delta, column);
  if (!after) return undefined;
  const shift = (x: number) => (x >= region.oldEnd ? x + delta : x);
  const replacement = copyOf(scalar) as Scalar;
  replacement.value = after.value;
  replacement.range = [scalar.range![0], shift(scalar.range![1]), shift(scalar.range![2])];
  checked.add(replacement);
  const sameAs = new Map<Node, Node>();
  const walk = (node: unknown): unknown => {
    if (node === scalar) return replacement;
    if (!node || typeof node !== 'object') return node;
    if (isPair(node)) {
      const copy = copyOf(node) as Pair;
      copy.key = walk(node.key);
      copy.value = walk(node.value);
      return copy;
    }
    const n = node as Node;
    if (!n.range || n.range[2] < region.oldEnd) return n;
    const copy = copyOf(n) as Node;
    copy.range = [shift(n.range[0]), shift(n.range[1]), shift(n.range[2])];
    if (isMap(n) || isSeq(n)) (copy as typeof n).items = (n.items as unknown[]).map(walk) as typeof n.items;
    sameAs.set(copy, n);
    return copy;
  };
  const doc = copyOf(old) as Document.Parsed;
  doc.contents = walk(old.contents) as Document.Parsed['contents'];
  doc.range = [shift(old.range[0]), shift(old.range[1]), shift(old.range[2])];
  doc.errors = [];
  doc.warnings = [];
  return { doc, sameAs };
}

/** A shallow copy keeping the class, the node type yaml's `isMap`/`isScalar` look for and a collection's schema. */
function copyOf<T extends object>(node: T): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(node)) as T, node);
  Object.defineProperty(copy, nodeType, { value: (node as Record<symbol, unknown>)[nodeType] });
  if (Object.prototype.hasOwnProperty.call(node, 'schema') && !Object.prototype.propertyIsEnumerable.call(node, 'schema')) {
    Object.defineProperty(copy, 'schema', { value: (node as { schema?: unknown }).schema, configurable: true, enumerable: false, writable: true });
  }
  return copy;
}

/** The block scalar, held as a mapping value, whose content (past its header line) holds the whole region. */
function blockScalarAround(root: unknown, region: ChangedRegion): { pair: Pair; scalar: Scalar } | undefined {
  let node = root;
  for (;;) {
    if (!isMap(node) && !isSeq(node)) return undefined;
    let next: unknown;
    for (const item of node.items as unknown[]) {
      const value = isPair(item) ? item.value : item;
      const range = (value as Node | null)?.range;
      if (!range || range[0] > region.start || range[1] < region.oldEnd) continue;
      if (isScalar(value)) {
        if (!isPair(item) || !isScalar(item.key) || !item.key.range || (value.type !== 'BLOCK_LITERAL' && value.type !== 'BLOCK_FOLDED')) return undefined;
        return { pair: item, scalar: value };
      }
      next = value;
      break;
    }
    if (next === undefined) return undefined;
    node = next;
  }
}

/**
 * Parses `text[start, end)` (a block scalar's header and content) as the value of a key at `column`,
 * followed by a sibling key. Undefined unless yaml reads one clean block scalar spanning exactly
 * that text, so an edit that ends the block early, indents less or adds trailing lines is refused.
 */
function alone(text: string, start: number, end: number, column: number): { value: string } | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end || text[end - 1] !== '\n') return undefined;
  const pad = ' '.repeat(column);
  const prefix = `${pad}k: `;
  const source = `${prefix}${text.slice(start, end)}${text.slice(end, followingKey(text, end, column))}${pad}z: 0\n`;
  const doc = parseDocument(source, yamlOptions);
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents) || doc.contents.items.length !== 2) return undefined;
  const value = doc.contents.items[0].value;
  if (!isScalar(value) || typeof value.value !== 'string' || !value.range) return undefined;
  if (value.range[0] !== prefix.length || value.range[1] !== prefix.length + (end - start)) return undefined;
  return { value: value.value };
}

/**
 * Where the line that closes the block starts: the first line from `from` with something at or left
 * of `column`. Blank lines and comments between belong in the check, as a less indented block could
 * take them in.
 */
function followingKey(text: string, from: number, column: number): number {
  let line = from;
  while (line < text.length) {
    let i = line;
    while (i < text.length && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    const blank = i >= text.length || c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10);
    if (!blank && i - line <= column) return line;
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    line = nl + 1;
  }
  return text.length;
}
