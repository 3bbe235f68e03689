// Writes changes into pending values text with the smallest edits, then checks the result means what was intended.
import { isCollection, isMap, isScalar, isSeq, type Document } from 'yaml';
import { parseYamlDoc } from '../parse/yamlProblems';
import { insertAt } from './insert';
import { findAll, type Step } from './locate';
import { applyEdit, insertItem, removeHit, replaceRoot } from './splice';
import { CannotPlace, edit, nodeOf, parsed, replaceCollection, replaceNode, treeOfNode } from './textEdit';
import { lookup, treeEqual, treeOfDoc, treeOfValue, valueOf, type Tree } from './tree';
import { deleteTree, setTree } from './treeEdit';
import type { Change } from './types';

export function applyChanges(pending: string, changes: Change[]): { text: string; changed: boolean; problems: string[] } {
  let text = pending;
  let expected: Tree;
  try {
    expected = treeOfDoc(parseYamlDoc(pending));
    for (const change of changes) {
      expected = change.action === 'set' ? setTree(expected, change.segments, treeOfValue(change.value), change.after) : deleteTree(expected, change.segments);
      text = change.action === 'set' ? setAt(text, change.segments, change.value, change.after) : deleteAt(text, change.segments);
    }
    const doc = parseYamlDoc(text);
    if (doc.errors.length === 0 && treeEqual(treeOfDoc(doc), expected)) return { text, changed: text !== pending, problems: [] };
  } catch (error) {
    if (!(error instanceof CannotPlace)) throw error;
  }
  return { text: pending, changed: false, problems: ['The merged values could not be written into the pending text without reformatting it; carry the overrides by hand.'] };
}

/** Makes the value at `path` equal `value`, editing inside the existing node where it can. */
export function setAt(text: string, path: Step[], value: unknown, after?: string): string {
  const doc = parsed(text);
  if (path.length === 0) return setRoot(text, doc, value);
  const hits = findAll(doc.contents, path);
  const old = treeAt(doc, path);
  const next = treeOfValue(value);
  if (old && treeEqual(old, next)) return text;
  const exact = hits.length === 1 && hits[0].extra === 0 ? hits[0] : undefined;
  const node = exact && nodeOf(exact);
  const flow = isCollection(node) && node.flow;
  // Key by key while something is kept (and also when dotted keys spell the map), so comments and spellings stay;
  // a map with nothing kept would pass through `{}` and come out in flow style.
  if (old?.kind === 'map' && next.kind === 'map' && !flow && shares(old.entries, next.entries)) return setEntries(text, path, old, next);
  if (exact && old?.kind === 'named' && next.kind === 'named' && isSeq(node) && !flow && shares(old.items, next.items) && sameOrder(old.items, next.items)) return setItems(text, path, old, next);
  if (exact && Array.isArray(value) && value.length > 0 && isSeq(node) && !flow) return setList(text, doc, path, node.items.length, value);
  if (exact) return replaceNode(text, doc, exact, value);
  if (hits.length > 0) text = deleteAt(text, path);
  return insertAt(text, path, value, after);
}

/** The semantic value at a path, stepping into atomic lists by index. */
function treeAt(doc: Document, path: Step[]): Tree | undefined {
  let tree = treeOfDoc(doc);
  for (const step of path) {
    if (typeof step === 'number') {
      const items = tree.kind === 'named' ? [...tree.items.values()] : tree.kind === 'leaf' && Array.isArray(tree.value) ? tree.value.map(treeOfValue) : [];
      if (step >= items.length) return undefined;
      tree = items[step];
      continue;
    }
    const hit = lookup(tree, [step]);
    if (!hit.found) return undefined;
    tree = hit.tree;
  }
  return tree;
}

function setRoot(text: string, doc: Document.Parsed, value: unknown): string {
  const old = treeOfNode(doc, doc.contents);
  const next = treeOfValue(value);
  if (old.kind === 'map' && next.kind === 'map' && isMap(doc.contents) && !doc.contents.flow) return setEntries(text, [], old, next);
  return edit(text, replaceRoot(text, doc.contents, value));
}

function setEntries(text: string, path: Step[], old: Tree & { kind: 'map' }, next: Tree & { kind: 'map' }): string {
  for (const key of old.entries.keys()) if (!next.entries.has(key)) text = deleteAt(text, [...path, key]);
  for (const [key, tree] of next.entries) {
    const known = old.entries.get(key);
    if (!known || !treeEqual(known, tree)) text = setAt(text, [...path, key], valueOf(tree));
  }
  return text;
}

function setItems(text: string, path: Step[], old: Tree & { kind: 'named' }, next: Tree & { kind: 'named' }): string {
  for (const name of old.items.keys()) if (!next.items.has(name)) text = deleteAt(text, [...path, { name }]);
  let previous: string | undefined;
  for (const [name, tree] of next.items) {
    const known = old.items.get(name);
    if (!known || !treeEqual(known, tree)) text = setAt(text, [...path, { name }], valueOf(tree), previous);
    previous = name;
  }
  return text;
}

function shares(a: Map<string, Tree>, b: Map<string, Tree>): boolean {
  for (const key of a.keys()) if (b.has(key)) return true;
  return false;
}

function sameOrder(a: Map<string, Tree>, b: Map<string, Tree>): boolean {
  return [...a.keys()].filter((k) => b.has(k)).join('\u0000') === [...b.keys()].filter((k) => a.has(k)).join('\u0000');
}

/** Item by item, keeping the items both lists share at either end, so their comments stay. */
function setList(text: string, doc: Document, path: Step[], oldLength: number, value: unknown[]): string {
  const hits = findAll(doc.contents, path);
  const oldItems = isSeq(nodeOf(hits[0])) ? (nodeOf(hits[0]) as { items: unknown[] }).items.map((item) => treeOfNode(doc, item)) : [];
  const newItems = value.map(treeOfValue);
  let head = 0;
  while (head < oldLength && head < value.length && treeEqual(oldItems[head], newItems[head])) head++;
  let tail = 0;
  while (tail < oldLength - head && tail < value.length - head && treeEqual(oldItems[oldLength - 1 - tail], newItems[value.length - 1 - tail])) tail++;
  const oldMid = oldLength - head - tail;
  const newMid = value.length - head - tail;
  const common = Math.min(oldMid, newMid);
  for (let i = 0; i < common; i++) text = setAt(text, [...path, head + i], value[head + i]);
  for (let i = oldMid - 1; i >= common; i--) text = deleteAt(text, [...path, head + i]);
  for (let i = common; i < newMid; i++) {
    const now = parsed(text);
    const seq = nodeOf(findAll(now.contents, path)[0]);
    if (!isSeq(seq)) throw new CannotPlace('list vanished');
    const cut = insertItem(text, seq, value[head + i], head + i - 1);
    if (!cut) return replaceCollection(text, now, path, value);
    text = applyEdit(text, cut);
  }
  return text;
}

/** Removes every spelling of `path`; a collection left empty becomes `{}` or `[]`. */
export function deleteAt(text: string, path: Step[]): string {
  // Once an item is gone its index names the next one, so a path ending in an index is removed once.
  const rounds = typeof path[path.length - 1] === 'number' ? 1 : 1000;
  for (let round = 0; round < rounds; round++) {
    const doc = parsed(text);
    const hit = findAll(doc.contents, path)[0];
    if (!hit) return text;
    const cut = removeHit(text, hit);
    if (cut) {
      text = applyEdit(text, cut);
      continue;
    }
    // The collection would be left empty (or its layout is too odd to cut lines from): write what remains of it.
    const remaining = (hit.kind === 'pair' ? hit.map : hit.seq).toJS(doc) as Record<string, unknown> | unknown[];
    if (hit.kind === 'item') (remaining as unknown[]).splice(hit.index, 1);
    else delete (remaining as Record<string, unknown>)[String(isScalar(hit.pair.key) ? hit.pair.key.value : '')];
    text = replaceCollection(text, doc, hit.at, remaining);
  }
  if (rounds > 1) throw new CannotPlace('too many spellings');
  return text;
}
