// Follows macro references from changed values to the places that use them (stage commands, manifests, other packs' values), which change too.
import { findMacros, type MacroRef } from '../parse/macros';
import type { PackModel, ProfileModel } from '../parse/profile';
import type { Span } from '../types';
import { packLayer, packName } from './diff';
import { formatSegs, keysOf, namesOf, type Seg } from './diffTree';
import { manifestName, objectsOf } from './manifests';
import type { ProfileChange } from './model';
import { buildTree, innerSpan, toJS, type VNode } from './tree';

/** A string that uses other values through macros, where it sits, and what it references. */
export interface Place {
  pack: PackModel;
  part: 'values' | 'manifest';
  segs: Seg[];
  path: string;
  node: VNode;
  refs: MacroRef[];
  /** Outer offsets in its own document. */
  span?: Span;
  manifest?: string;
  object?: string;
}

/** One link of a chain: a value (its pack and path), a profile variable, or the Kubernetes version. */
export interface Hop {
  pack: string;
  what: string;
}

/** A place that changes because something it uses changed: `via` names the chain, origin first. */
export interface Reached {
  place: Place;
  via: Hop[];
  /** A profile variable's definition is not what a running cluster resolves, so that link is only possible. */
  possible: boolean;
}

/** Every string of the profile that holds a `.spectro.` macro; packs without one are skipped unread. */
export function placesOf(profile: ProfileModel): Place[] {
  const out: Place[] = [];
  for (const pack of profile.packs) {
    const values = pack.values;
    if (values && values.text.includes('.spectro.') && values.doc) {
      collect(buildTree(values.doc, true), [], (segs, node, refs) => out.push({ pack, part: 'values', segs, path: formatSegs(segs), node, refs, span: outer(values.toOuterSpan, node) }));
    }
    for (const m of pack.manifests) {
      const content = m.content;
      if (!content || !content.text.includes('.spectro.')) continue;
      const name = manifestName(m);
      for (const o of objectsOf(m)) {
        const at: Seg[] = ['manifests', name, { object: o.id }];
        collect(o.tree, at, (segs, node, refs) => out.push({ pack, part: 'manifest', segs, path: formatSegs(segs), node, refs, span: outer(content.toOuterSpan, node), manifest: name, object: o.id }));
      }
    }
  }
  return out;
}

function outer(toOuter: (s: Span) => Span, node: VNode): Span | undefined {
  const span = innerSpan(node, false);
  return span ? toOuter(span) : undefined;
}

function collect(node: VNode | undefined, segs: Seg[], found: (segs: Seg[], node: VNode, refs: MacroRef[]) => void, depth = 0): void {
  if (!node || depth > 128) return;
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || !node.value.includes('.spectro.')) return;
    const refs = findMacros(node.value).filter((r) => !r.inComment && (r.kind === 'pack' || r.kind === 'var' || (r.kind === 'system' && r.path === 'kubernetes.version')));
    if (refs.length > 0) found(segs, node, refs);
  } else if (node.kind === 'map') {
    for (const [key, child] of node.children) collect(child, [...segs, key], found, depth + 1);
  } else {
    // Named list items are addressed by name, as the diff addresses them.
    const names = namesOf(node);
    node.items.forEach((item, i) => collect(item, [...segs, names ? { name: names[i] } : i], found, depth + 1));
  }
}

/**
 * The places of `pending` that a change reaches through macros, transitively, each once with the
 * shortest chain. A place the diff already reports (it, or a mapping above it, changed) is left out.
 */
export function reachedPlaces(changes: readonly ProfileChange[], places: readonly Place[]): Reached[] {
  const direct = changes.filter((c) => c.part === 'values' || c.part === 'manifest');
  const covered = (p: Place) => direct.some((c) => c.pack === packName(p.pack) && c.layer === packLayer(p.pack) && c.part === p.part && within(p.path, c.path));
  const out: Reached[] = [];
  const done = new Set<Place>();
  // Sources, origin first: what changed and how to name it.
  type Source = { pack?: string; keys?: string[]; variable?: string; kubernetes?: boolean; via: Hop[]; possible: boolean };
  let frontier: Source[] = [];
  for (const c of changes) {
    if (c.part === 'values') frontier.push({ pack: c.pack, keys: c.keyPath, via: [{ pack: c.pack, what: c.path }], possible: false });
    else if (c.part === 'pack' && c.pack) frontier.push({ pack: c.pack, keys: [], via: [{ pack: '', what: `pack ${c.pack} (${c.change})` }], possible: false });
    else if (c.part === 'profile' && c.keyPath[0] === 'variables' && (c.keyPath.length === 2 || c.keyPath[2] === 'defaultValue')) frontier.push({ variable: c.keyPath[1], via: [{ pack: '', what: `variable ${c.keyPath[1]}` }], possible: true });
    else if (c.layer === 'k8s' && (c.part === 'tag' || c.part === 'pack')) frontier.push({ kubernetes: true, via: [{ pack: '', what: 'kubernetes.version' }], possible: false });
  }
  const uses = (ref: MacroRef, s: Source) => {
    if (s.kubernetes) return ref.kind === 'system';
    if (s.variable !== undefined) return ref.kind === 'var' && ref.name === s.variable;
    if (ref.kind !== 'pack' || ref.pack !== s.pack || !ref.path || !s.keys) return false;
    const keys = ref.path.split('.');
    const n = Math.min(keys.length, s.keys.length);
    for (let i = 0; i < n; i++) if (keys[i] !== s.keys[i]) return false;
    return true;
  };
  for (let round = 0; frontier.length > 0 && round < 16; round++) {
    const next: Source[] = [];
    for (const place of places) {
      if (done.has(place)) continue;
      const source = frontier.find((s) => place.refs.some((r) => uses(r, s)));
      if (!source) continue;
      done.add(place);
      const name = packName(place.pack);
      next.push({ pack: name, keys: keysOf(place.segs), via: [...source.via, { pack: name, what: place.path }], possible: source.possible });
      if (!covered(place)) out.push({ place, via: source.via, possible: source.possible });
    }
    frontier = next;
  }
  return out;
}

/** A hop named as the place's pack would: its own values by path, other packs' with the pack name. */
export function hopName(hop: Hop, pack: string): string {
  return hop.pack && hop.pack !== pack ? `${hop.pack} ${hop.what}` : hop.what;
}

/** True when `path` is `outer` or lies under it. */
function within(path: string, outer: string): boolean {
  if (outer === '') return true;
  return path === outer || (path.startsWith(outer) && (path[outer.length] === '.' || path[outer.length] === '['));
}

/** The change a reached place stands for, located in both documents; the text is unchanged, what it renders to is not. */
export function placeChange(reached: Reached, currentPlaces: ReadonlyMap<string, Place>): ProfileChange {
  const { place } = reached;
  const before = currentPlaces.get(placeKey(place));
  const value = toJS(place.node);
  return {
    layer: packLayer(place.pack),
    pack: packName(place.pack),
    path: place.path,
    part: place.part,
    keyPath: keysOf(place.segs),
    change: 'modified',
    before: before ? toJS(before.node) : value,
    after: value,
    currentSpan: before?.span,
    pendingSpan: place.span,
    ...(place.manifest !== undefined ? { manifest: place.manifest, object: place.object } : {}),
  };
}

/** Places are matched across versions by pack, layer, part and path. */
export function placeKey(place: Place): string {
  return `${packName(place.pack)}\u0000${packLayer(place.pack)}\u0000${place.part}\u0000${place.path}`;
}
