// Finds what the baseline had at the place a hover is about: the same pack's value, tag or field, or the same profile field.
import { isAlias, isCollection, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { PackModel, ProfileModel, VariableModel } from '../parse/profile';
import { valuesTree, type ValueEntry } from '../parse/valuesTree';

/** A value as a hover shows it: a scalar as written (clipped), a multi-line string or a collection by its size. */
export interface Shown {
  text: string;
  kind: 'scalar' | 'block' | 'map' | 'seq' | 'null';
  /** A scalar's whole text, for comparing two values; `text` may be clipped. */
  full?: string;
}

export type BaselineAt = { found: true; shown: Shown } | { found: false; why: 'no-pack' | 'no-key' };

const maxShown = 300;

export function showNode(node: unknown): Shown {
  if (node === null || node === undefined) return { text: 'null', kind: 'null', full: 'null' };
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined) return { text: 'null', kind: 'null', full: 'null' };
    const source = (node as { source?: unknown }).source;
    const full = typeof node.value === 'string' ? node.value : typeof source === 'string' ? source : String(node.value);
    if (full.includes('\n')) return { text: `a block of ${count(full.replace(/\n$/, '').split('\n').length, 'line')}`, kind: 'block', full };
    return { text: clip(full), kind: 'scalar', full };
  }
  if (isMap(node)) return { text: `a mapping (${count(node.items.length, 'key')})`, kind: 'map' };
  if (isSeq(node)) return { text: `a list (${count(node.items.length, 'item')})`, kind: 'seq' };
  if (isAlias(node)) return { text: `*${node.source}`, kind: 'scalar', full: `*${node.source}` };
  return { text: clip(String(node)), kind: 'scalar' };
}

/** Two values are known to be equal only as scalars; collections are compared by the planner, key by key. */
export function sameValue(a: Shown | undefined, b: Shown | undefined): boolean {
  return a !== undefined && b !== undefined && a.full !== undefined && a.kind === b.kind && a.full === b.full;
}

export function isContainer(shown: Shown | undefined): boolean {
  return shown?.kind === 'map' || shown?.kind === 'seq';
}

export function showEntry(entry: ValueEntry): Shown {
  if (entry.node) return showNode(entry.node);
  // An implied parent (`system` of `system.uri`) has no node of its own.
  return { text: 'a mapping', kind: entry.container === 'seq' ? 'seq' : 'map' };
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function clip(text: string): string {
  return text.length > maxShown ? `${text.slice(0, maxShown)}…` : text;
}

/** The baseline's pack of the same name and layer, as the planner pairs them; else of the same name. */
export function baselinePackOf(baseline: ProfileModel, pack: PackModel): PackModel | undefined {
  const name = pack.name?.value;
  if (!name) return undefined;
  const layer = pack.layer?.value;
  return baseline.packs.find((p) => p.name?.value === name && p.layer?.value === layer) ?? baseline.packs.find((p) => p.name?.value === name);
}

/**
 * The baseline value at a values path (dotted keys split). A list item that has a `name` is
 * followed by that name, as the planner matches Kairos steps, so inserting a step above does not
 * compare the wrong items.
 */
export function baselineValueAt(baseline: PackModel | undefined, pack: PackModel, path: readonly (string | number)[]): BaselineAt {
  if (!baseline) return { found: false, why: 'no-pack' };
  const current = valuesTree(pack.values?.doc);
  const before = valuesTree(baseline.values?.doc);
  const mapped: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') {
      const name = current.getAt([...path.slice(0, i), seg, 'name'])?.value;
      const list = before.getAt(mapped)?.node;
      if (typeof name === 'string' && isSeq(list)) {
        const j = list.items.findIndex((item) => isMap(item) && isScalar(item.get('name', true)) && (item.get('name', true) as { value: unknown }).value === name);
        if (j >= 0) {
          mapped.push(j);
          continue;
        }
      }
    }
    mapped.push(seg);
  }
  const entry = before.getAt(mapped);
  return entry ? { found: true, shown: showEntry(entry) } : { found: false, why: 'no-key' };
}

/** The baseline's node at an outer path: packs and variables are paired by name, the rest by path. */
export function baselineOuterAt(baseline: ProfileModel, current: ProfileModel, path: readonly (string | number)[]): BaselineAt {
  const packs = path[0] === 'spec' && path[1] === 'template' && path[2] === 'packs' && typeof path[3] === 'number';
  if (packs) {
    const pack = current.packs[path[3] as number];
    const before = pack && baselinePackOf(baseline, pack);
    if (!before) return { found: false, why: 'no-pack' };
    return at(before.node, path.slice(4));
  }
  const varsAt = path[0] === 'spec' && path[1] === 'variables' ? 2 : path[0] === 'spec' && path[1] === 'template' && path[2] === 'variables' ? 3 : -1;
  if (varsAt > 0 && typeof path[varsAt] === 'number') {
    const name = current.variables[path[varsAt] as number]?.name?.value;
    const before = name === undefined ? undefined : baseline.variables.find((v: VariableModel) => v.name?.value === name);
    if (!before) return { found: false, why: 'no-key' };
    const root = baseline.doc?.contents;
    const list = isCollection(root) && root.hasIn(['spec', 'variables']) ? ['spec', 'variables'] : ['spec', 'template', 'variables'];
    return at(root, [...list, before.index, ...path.slice(varsAt + 1)]);
  }
  return at(baseline.doc?.contents, path);
}

function at(node: unknown, path: readonly (string | number)[]): BaselineAt {
  let found: unknown = node;
  for (const key of path) {
    if (!isCollection(found) || !found.has(key)) return { found: false, why: 'no-key' };
    found = found.get(key, true);
  }
  return { found: true, shown: showNode(found as Node) };
}
