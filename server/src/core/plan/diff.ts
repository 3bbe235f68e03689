// Semantic diff of two versions of a cluster profile: packs matched by name and layer, values by dotted path, manifests by object.
import type { Field } from '../parse/fields';
import type { PackModel, ProfileModel, VariableModel } from '../parse/profile';
import type { Span } from '../types';
import { diffTrees, formatSegs, keysOf, type TreeChange } from './diffTree';
import { diffManifests } from './manifests';
import type { ChangeKind, ChangePart, ProfileChange } from './model';
import { buildTree, type VNode } from './tree';

export function packName(pack: PackModel): string {
  return pack.name?.value || `#${pack.index}`;
}

export function packLayer(pack: PackModel): string {
  return pack.layer?.value ?? '';
}

/** True when the pack's values or a manifest's content does not parse: what it holds cannot be compared until it does. */
export function unparsed(pack: PackModel): boolean {
  const broken = (problems: readonly { severity: string }[] | undefined) => problems?.some((p) => p.severity === 'error') ?? false;
  return broken(pack.values?.problems) || pack.manifests.some((m) => broken(m.content?.problems));
}

/** Changes in pending's pack order (profile-level first, removed packs last); a pack that only moved is unchanged. */
export function diffProfiles(current: ProfileModel, pending: ProfileModel): ProfileChange[] {
  const out = profileChanges(current, pending);
  const queues = new Map<string, PackModel[]>();
  for (const p of current.packs) {
    const key = `${packName(p)}\u0000${packLayer(p)}`;
    const queue = queues.get(key);
    if (queue) queue.push(p);
    else queues.set(key, [p]);
  }
  for (const b of pending.packs) {
    const a = queues.get(`${packName(b)}\u0000${packLayer(b)}`)?.shift();
    if (a) out.push(...packChanges(a, b));
    else out.push(whole(b, 'added', undefined, b.span));
  }
  for (const queue of queues.values()) for (const a of queue) out.push(whole(a, 'removed', a.span, undefined));
  return out;
}

function whole(p: PackModel, change: ChangeKind, currentSpan: Span | undefined, pendingSpan: Span | undefined): ProfileChange {
  const summary = { name: packName(p), layer: packLayer(p), type: p.type?.value || 'spectro', tag: p.tag?.value };
  const [before, after] = change === 'added' ? [undefined, summary] : [summary, undefined];
  return { layer: packLayer(p), pack: packName(p), path: '', part: 'pack', keyPath: [], change, before, after, currentSpan, pendingSpan };
}

function packChanges(a: PackModel, b: PackModel): ProfileChange[] {
  const out: ProfileChange[] = [];
  const base = { layer: packLayer(b), pack: packName(b) };
  const typeA = a.type?.value || 'spectro';
  const typeB = b.type?.value || 'spectro';
  if (typeA !== typeB) out.push({ ...base, path: 'type', part: 'type', keyPath: ['type'], change: 'modified', before: typeA, after: typeB, currentSpan: a.type?.span ?? a.span, pendingSpan: b.type?.span ?? b.name?.span });
  const tagA = a.tag?.value;
  const tagB = b.tag?.value;
  if (tagA !== tagB) out.push({ ...base, path: 'tag', part: 'tag', keyPath: ['tag'], change: a.tag ? (b.tag ? 'modified' : 'removed') : 'added', before: tagA, after: tagB, currentSpan: a.tag?.span ?? a.span, pendingSpan: b.tag?.span ?? b.name?.span });
  // A half-typed values block would read as changes to keys nobody touched.
  if (unparsed(a) || unparsed(b)) return out;
  for (const c of valuesChanges(a, b)) out.push(fromTree(base, 'values', c));
  for (const c of diffManifests(a, b)) out.push({ ...fromTree(base, 'manifest', c), manifest: c.manifest, object: c.object });
  return out;
}

function valuesChanges(a: PackModel, b: PackModel): TreeChange[] {
  if (a.values && b.values && a.values.text === b.values.text) return [];
  const plain = (p: PackModel) => p.valuesField && !p.values && p.valuesField.type !== 'null';
  if (plain(a) || plain(b)) {
    // Values that are not a string (a mapping written inline, say) are compared as written.
    const before = a.valuesField?.node.toString();
    const after = b.valuesField?.node.toString();
    return before === after ? [] : [{ segs: [], change: 'modified', before, after, currentSpan: a.valuesField?.span, pendingSpan: b.valuesField?.span }];
  }
  const tree = (p: PackModel): VNode => buildTree(p.values?.doc, true);
  const side = (p: PackModel) => ({ toOuter: p.values ? p.values.toOuterSpan : (s: Span) => s, anchor: p.valuesField?.keySpan ?? p.name?.span ?? p.span });
  return diffTrees(tree(a), tree(b), { cur: side(a), pen: side(b) });
}

function fromTree(base: { layer: string; pack: string }, part: ChangePart, c: TreeChange): ProfileChange {
  return { ...base, path: formatSegs(c.segs), part, keyPath: keysOf(c.segs), change: c.change, before: c.before, after: c.after, currentSpan: c.currentSpan, pendingSpan: c.pendingSpan };
}

const variableFields = ['displayName', 'description', 'format', 'required', 'isSensitive', 'defaultValue', 'regex', 'hidden', 'immutable'] as const;

function profileChanges(current: ProfileModel, pending: ProfileModel): ProfileChange[] {
  const out: ProfileChange[] = [];
  const field = (path: string, a: Field | undefined, b: Field | undefined) => {
    if (a?.value === b?.value) return;
    out.push({ layer: '', pack: '', path, part: 'profile', keyPath: [path], change: !a ? 'added' : !b ? 'removed' : 'modified', before: a?.value, after: b?.value, currentSpan: a?.span, pendingSpan: b?.span });
  };
  field('version', current.version, pending.version);
  field('cloudType', current.cloudType, pending.cloudType);
  const name = (v: VariableModel) => v.name?.value || `#${v.index}`;
  const pendingVars = new Map(pending.variables.map((v) => [name(v), v]));
  const currentNames = new Set(current.variables.map(name));
  const summary = (v: VariableModel) => Object.fromEntries([['name', name(v)], ...variableFields.filter((f) => v[f]).map((f) => [f, v[f]?.value])]);
  const variable = (n: string, change: ChangeKind, a?: VariableModel, b?: VariableModel) =>
    out.push({ layer: '', pack: '', path: `variables.${n}`, part: 'profile', keyPath: ['variables', n], change, before: a && summary(a), after: b && summary(b), currentSpan: a?.span, pendingSpan: b?.span ?? pending.variables[0]?.span });
  for (const a of current.variables) {
    const b = pendingVars.get(name(a));
    if (!b) {
      variable(name(a), 'removed', a, undefined);
      continue;
    }
    for (const f of variableFields) {
      if (a[f]?.value === b[f]?.value) continue;
      const path = `variables.${name(a)}.${f}`;
      out.push({ layer: '', pack: '', path, part: 'profile', keyPath: ['variables', name(a), f], change: !a[f] ? 'added' : !b[f] ? 'removed' : 'modified', before: a[f]?.value, after: b[f]?.value, currentSpan: a[f]?.span ?? a.span, pendingSpan: b[f]?.span ?? b.span });
    }
  }
  for (const b of pending.variables) if (!currentNames.has(name(b))) variable(name(b), 'added', undefined, b);
  return out;
}
