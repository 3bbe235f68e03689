// Applies a change to a values tree, to know what the written text must mean before checking it.
import { treeOfValue, valueOf, type Segment, type Tree } from './tree';

export function setTree(tree: Tree, path: Segment[], value: Tree, after?: string): Tree {
  if (path.length === 0) return value;
  const [seg, ...rest] = path;
  const nextKind = rest.length === 0 ? undefined : typeof rest[0] === 'string' ? 'map' : 'named';
  const child = (known: Tree | undefined): Tree => {
    const fits = known && (!nextKind || known.kind === nextKind || (nextKind === 'named' && known.kind === 'leaf' && Array.isArray(known.value)));
    const base = fits ? known : nextKind === 'named' ? { kind: 'named' as const, items: new Map() } : { kind: 'map' as const, entries: new Map() };
    return rest.length === 0 ? value : setTree(base, rest, value, after);
  };
  if (typeof seg === 'string') {
    const map = tree.kind === 'map' ? tree : { kind: 'map' as const, entries: new Map<string, Tree>() };
    map.entries.set(seg, child(map.entries.get(seg)));
    return map;
  }
  if (tree.kind === 'leaf' && Array.isArray(tree.value)) return setInArray(tree.value, seg.name, rest, value, after);
  const list = tree.kind === 'named' ? tree : { kind: 'named' as const, items: new Map<string, Tree>() };
  const fresh: Tree = { kind: 'map', entries: new Map([['name', { kind: 'leaf', value: seg.name }]]) };
  const item = child(list.items.get(seg.name) ?? (rest.length > 0 ? fresh : undefined));
  if (list.items.has(seg.name)) list.items.set(seg.name, item);
  else list.items = insertAfter(list.items, seg.name, item, rest.length === 0 ? after : undefined, rest.length === 0);
  return list;
}

/** A list that is not (or no longer) all named items: its items are still found by name, as the writer finds them. */
function setInArray(list: unknown[], name: string, rest: Segment[], value: Tree, after: string | undefined): Tree {
  const items = [...list];
  const named = (n: string) => items.findIndex((item) => isNamed(item, n));
  const index = named(name);
  const item = rest.length === 0 ? valueOf(value) : valueOf(setTree(treeOfValue(index >= 0 ? items[index] : { name }), rest, value));
  if (index >= 0) items[index] = item;
  else if (rest.length === 0 && after === undefined) items.unshift(item);
  else {
    const anchor = rest.length === 0 && after !== undefined ? named(after) : -1;
    items.splice(anchor >= 0 ? anchor + 1 : items.length, 0, item);
  }
  return treeOfValue(items);
}

function isNamed(item: unknown, name: string): boolean {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return false;
  const n = (item as Record<string, unknown>).name;
  return (typeof n === 'string' || typeof n === 'number') && String(n) === name;
}

/** A new named item goes after `after`, first when the cluster had it first, last when its neighbour is gone. */
function insertAfter(items: Map<string, Tree>, name: string, item: Tree, after: string | undefined, anchored: boolean): Map<string, Tree> {
  const out = new Map<string, Tree>();
  if (anchored && after === undefined) out.set(name, item);
  for (const [k, v] of items) {
    out.set(k, v);
    if (k === after) out.set(name, item);
  }
  if (!out.has(name)) out.set(name, item);
  return out;
}

export function deleteTree(tree: Tree, path: Segment[]): Tree {
  if (path.length === 0) return tree;
  const [seg, ...rest] = path;
  if (typeof seg === 'string') {
    if (tree.kind !== 'map') return tree;
    const child = tree.entries.get(seg);
    if (rest.length === 0) tree.entries.delete(seg);
    else if (child) tree.entries.set(seg, deleteTree(child, rest));
    return tree;
  }
  if (tree.kind === 'named') {
    const child = tree.items.get(seg.name);
    if (rest.length === 0) tree.items.delete(seg.name);
    else if (child) tree.items.set(seg.name, deleteTree(child, rest));
    return tree;
  }
  if (tree.kind === 'leaf' && Array.isArray(tree.value)) {
    const keep = (item: unknown) => (!isNamed(item, seg.name) ? [item] : rest.length === 0 ? [] : [valueOf(deleteTree(treeOfValue(item), rest))]);
    return treeOfValue(tree.value.flatMap(keep));
  }
  return tree;
}
