// The semantic form of pack values the merge compares: dotted keys split, lists atomic unless their items are named.
import type { Document } from 'yaml';

/** A map key, or the item of a named list (a list of maps that each have a distinct `name`). */
export type Segment = string | { name: string };

export type Tree =
  | { kind: 'leaf'; value: unknown }
  | { kind: 'map'; entries: Map<string, Tree> }
  | { kind: 'named'; items: Map<string, Tree> };

/** `a.b[name=x].c`; keys are joined with dots whatever their spelling, as Palette compares them. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'string') out += out ? `.${seg}` : seg;
    else out += `[name=${seg.name}]`;
  }
  return out;
}

/** Throws when the document cannot be expanded (an alias bomb); callers report that as a problem. */
export function treeOfDoc(doc: Document): Tree {
  if (doc.contents === null || doc.contents === undefined) return { kind: 'map', entries: new Map() };
  const js: unknown = doc.toJS({ mapAsMap: true, maxAliasCount: 100 });
  return treeOf(js);
}

export function treeOf(js: unknown): Tree {
  if (js instanceof Map) {
    const entries = new Map<string, Tree>();
    for (const [key, value] of js) put(entries, String(key).split('.'), treeOf(value));
    return { kind: 'map', entries };
  }
  if (Array.isArray(js)) {
    const names = namesOf(js);
    if (names) return { kind: 'named', items: new Map(js.map((item, i) => [names[i], treeOf(item)])) };
  }
  return { kind: 'leaf', value: plain(js) };
}

/** `a.b: 1` next to `a: {c: 2}` makes one map `a` with both keys; a later scalar replaces an earlier map. */
function put(entries: Map<string, Tree>, parts: string[], tree: Tree): void {
  const [head, ...rest] = parts;
  const known = entries.get(head);
  if (rest.length === 0) {
    if (known?.kind === 'map' && tree.kind === 'map') for (const [k, v] of tree.entries) put(known.entries, [k], v);
    else entries.set(head, tree);
    return;
  }
  if (known?.kind === 'map') put(known.entries, rest, tree);
  else {
    const inner = new Map<string, Tree>();
    put(inner, rest, tree);
    entries.set(head, { kind: 'map', entries: inner });
  }
}

function namesOf(list: unknown[]): string[] | undefined {
  if (list.length === 0) return undefined;
  const names: string[] = [];
  for (const item of list) {
    if (!(item instanceof Map)) return undefined;
    const name: unknown = item.get('name');
    if (typeof name !== 'string' && typeof name !== 'number') return undefined;
    names.push(String(name));
  }
  return new Set(names).size === names.length ? names : undefined;
}

/** The tree of a plain value (objects, not Maps), as overrides and changes carry them. */
export function treeOfValue(value: unknown): Tree {
  const maps = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(maps) : v && typeof v === 'object' && !(v instanceof Map) ? new Map(Object.entries(v).map(([k, x]) => [k, maps(x)])) : v;
  return treeOf(maps(value));
}

/** Maps to plain objects, so reported values print and compare like JSON. */
function plain(js: unknown): unknown {
  if (js instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of js) out[String(k)] = plain(v);
    return out;
  }
  if (Array.isArray(js)) return js.map(plain);
  return js;
}

export function valueOf(tree: Tree): unknown {
  if (tree.kind === 'leaf') return tree.value;
  if (tree.kind === 'named') return [...tree.items.values()].map(valueOf);
  const out: Record<string, unknown> = {};
  for (const [k, v] of tree.entries) out[k] = valueOf(v);
  return out;
}

export type Lookup = { found: true; tree: Tree } | { found: false; missingAt: number; blocked: boolean };

/** `missingAt` is the first segment not found; `blocked` when what is there cannot hold that segment. */
export function lookup(tree: Tree, segments: readonly Segment[]): Lookup {
  let at = tree;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const next = typeof seg === 'string' ? (at.kind === 'map' ? at.entries.get(seg) : undefined) : at.kind === 'named' ? at.items.get(seg.name) : undefined;
    if (!next) return { found: false, missingAt: i, blocked: typeof seg === 'string' ? at.kind !== 'map' : at.kind !== 'named' };
    at = next;
  }
  return { found: true, tree: at };
}

/** Named lists compare in order (stages run in order); map keys do not. */
export function treeEqual(first: Tree, second: Tree): boolean {
  // A named list emptied by edits is the `[]` the text then holds.
  const empty = (t: Tree): Tree => (t.kind === 'named' && t.items.size === 0 ? { kind: 'leaf', value: [] } : t);
  const a = empty(first);
  const b = empty(second);
  if (a.kind === 'leaf' || b.kind === 'leaf') return a.kind === 'leaf' && b.kind === 'leaf' && deepEqual(undotted(a.value), undotted(b.value));
  const x = a.kind === 'map' ? a.entries : a.items;
  const y = b.kind === 'map' ? b.entries : b.items;
  if (a.kind !== b.kind || x.size !== y.size) return false;
  if (a.kind === 'named' && [...x.keys()].join('\u0000') !== [...y.keys()].join('\u0000')) return false;
  for (const [k, v] of x) {
    const w = y.get(k);
    if (!w || !treeEqual(v, w)) return false;
  }
  return true;
}

/** Inside atomic lists too, `a.b: 1` and `a: {b: 1}` are the same value. */
function undotted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(undotted);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) merge(out, key.split('.'), undotted(v));
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(into: Record<string, unknown>, parts: string[], value: unknown): void {
  const [head, ...rest] = parts;
  const known = into[head];
  if (rest.length > 0) {
    const next = isObject(known) ? known : (into[head] = {});
    merge(next as Record<string, unknown>, rest, value);
  } else if (isObject(known) && isObject(value)) {
    for (const [k, v] of Object.entries(value)) merge(known, [k], v);
  } else into[head] = value;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => deepEqual(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
