// Reuses a YAML parse when an edit stays inside one scalar value, as typing in a pack's values (or in a value there) does.
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { safeParseDocument } from './safeParse';
import { yamlOptions } from './yamlProblems';

/** The one region two texts differ in: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export interface Reparsed {
  doc: Document.Parsed;
  /** Each copied node of the new document to the unchanged old node it stands for; shared nodes are not listed (empty when not asked for). */
  sameAs: Map<Node, Node>;
  /** The edited scalar: the old node and the one that replaces it. */
  replaced: { from: Scalar; to: Scalar };
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
 * anything but the value of one scalar held by a block mapping. Nodes wholly before the edit are
 * shared, later ones copied with shifted ranges; the old document is never modified. The scalar
 * itself comes from yaml, parsing its key and value alone at the same indentation, so it matches
 * what a full parse gives; the same check on the old text shows the context is faithful.
 */
export function reparseDocument(old: Document.Parsed, oldText: string, newText: string, options: { sameAs?: boolean } = {}): Reparsed | undefined {
  if (old.errors.length > 0 || old.warnings.length > 0 || !old.contents) return undefined;
  // A %YAML or %TAG directive changes how scalars resolve; the entry parsed alone would not see it.
  const directives = old.directives;
  if (directives && (directives.yaml.explicit || Object.keys(directives.tags).length > 1)) return undefined;
  const region = changedRegion(oldText, newText);
  if (!region) return undefined;
  const found = scalarAround(old.contents, region);
  if (!found) return undefined;
  const { pair, scalar } = found;
  const keyStart = (pair.key as Node).range![0];
  const lineStart = oldText.lastIndexOf('\n', keyStart - 1) + 1;
  // Only plain indentation (and list dashes) before the key: no anchor, tag or `?` that a copy would drop.
  if (!/^[ ]*(?:- +)*$/.test(oldText.slice(lineStart, keyStart))) return undefined;
  const column = keyStart - lineStart;
  const delta = region.newEnd - region.oldEnd;
  const shift = (x: number) => (x >= region.oldEnd ? x + delta : x);
  const [start, end, nodeEnd] = scalar.range!;
  if (!checked.has(scalar)) {
    const before = alone(oldText, keyStart, column);
    if (!before || !sameRange(before.range, scalar.range!) || !sameScalar(before.scalar, scalar)) return undefined;
  }
  const after = alone(newText, keyStart, column);
  if (!after || !sameRange(after.range, [start, shift(end), shift(nodeEnd)]) || after.scalar.type !== scalar.type) return undefined;
  const replacement = after.scalar;
  replacement.range = after.range;
  checked.add(replacement);
  const sameAs = new Map<Node, Node>();
  // Only the outer document's caller looks nodes up; a large values document copies thousands per keystroke.
  const track = options.sameAs !== false;
  const walk = (node: unknown): unknown => {
    if (node === scalar) return replacement;
    if (!node || typeof node !== 'object') return node;
    if (isPair(node)) {
      const key = walk(node.key);
      const value = walk(node.value);
      if (key === node.key && value === node.value) return node;
      const copy = copyOf(node) as Pair;
      copy.key = key;
      copy.value = value;
      return copy;
    }
    const n = node as Node;
    if (!n.range || n.range[2] < region.oldEnd) return n;
    const copy = copyOf(n) as Node;
    copy.range = [shift(n.range[0]), shift(n.range[1]), shift(n.range[2])];
    if (isMap(n) || isSeq(n)) (copy as typeof n).items = (n.items as unknown[]).map(walk) as typeof n.items;
    if (track) sameAs.set(copy, n);
    return copy;
  };
  const doc = copyOf(old) as Document.Parsed;
  doc.contents = walk(old.contents) as Document.Parsed['contents'];
  doc.range = [shift(old.range[0]), shift(old.range[1]), shift(old.range[2])];
  doc.errors = [];
  doc.warnings = [];
  return { doc, sameAs, replaced: { from: scalar, to: replacement } };
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

/** The scalar, held as a value of a block mapping, whose range holds the whole region. */
function scalarAround(root: unknown, region: ChangedRegion): { pair: Pair; scalar: Scalar } | undefined {
  let node = root;
  for (;;) {
    if (!isMap(node) && !isSeq(node)) return undefined;
    let next: unknown;
    for (const item of node.items as unknown[]) {
      const value = isPair(item) ? item.value : item;
      const range = (value as Node | null)?.range;
      if (!range || range[0] > region.start || range[1] < region.oldEnd) continue;
      if (isScalar(value)) {
        if (!isPair(item) || !isScalar(item.key) || !item.key.range || node.flow) return undefined;
        return { pair: item, scalar: value };
      }
      next = value;
      break;
    }
    if (next === undefined) return undefined;
    node = next;
  }
}

function sameRange(a: readonly number[], b: readonly number[]): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

function sameScalar(a: Scalar, b: Scalar): boolean {
  const own = (s: Scalar) => s as unknown as Record<string, unknown>;
  return Object.is(a.value, b.value) && a.type === b.type && own(a).source === own(b).source && a.comment === b.comment && own(a).format === own(b).format;
}

/**
 * Parses the mapping entry whose key starts at `keyStart` alone: the key, its value to the end of
 * the value's last line, any blank or more indented lines after it, then a sibling key. Undefined
 * unless yaml reads exactly a two-entry mapping without errors; the value comes back with its range
 * in `text`'s offsets, so a caller can tell whether it ends where it should.
 */
function alone(text: string, keyStart: number, column: number): { scalar: Scalar; range: [number, number, number] } | undefined {
  const lineEnd = text.indexOf('\n', keyStart);
  if (lineEnd < 0) return undefined;
  const tailEnd = followingKey(text, lineEnd + 1, column);
  const pad = ' '.repeat(column);
  const entry = text.slice(keyStart, tailEnd);
  const source = `${pad}${entry}${entry.endsWith('\n') ? '' : '\n'}${pad}z: 0\n`;
  const doc = safeParseDocument(source, yamlOptions);
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents) || doc.contents.items.length !== 2) return undefined;
  const value = doc.contents.items[0].value;
  if (!isScalar(value) || !value.range || value.range[2] > source.length - column - 5) return undefined;
  const at = (offset: number) => offset - column + keyStart;
  // yaml builds block and double-quoted values piece by piece; flatten them, as the kept copy lives on.
  for (const s of [value.value, (value as { source?: unknown }).source, value.comment]) if (typeof s === 'string' && s.length >= 13) s.charCodeAt(0);
  return { scalar: value, range: [at(value.range[0]), at(value.range[1]), at(value.range[2])] };
}

/**
 * Where the line that closes the entry starts: the first line from `from` with something at or left
 * of `column`. Blank lines, comments and continuation lines between belong in the check, as a
 * changed value could take them in or give them up.
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
