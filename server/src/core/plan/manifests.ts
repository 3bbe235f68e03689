// Compares the manifests of one pack in two profile versions: manifests by name, and the Kubernetes objects inside by kind/namespace/name.
import type { ManifestModel, PackModel } from '../parse/profile';
import type { Span } from '../types';
import { diffTrees, type Seg, type TreeChange } from './diffTree';
import { buildTree, toJS, type VNode } from './tree';

export interface ManifestChange extends TreeChange {
  manifest: string;
  /** `Kind/namespace/name`; absent when the change is about a whole manifest. */
  object?: string;
}

interface KubeObject {
  id: string;
  tree: VNode;
  /** Outer span of the document holding the object. */
  span: Span;
}

export function manifestName(m: ManifestModel): string {
  return m.name?.value || `#${m.index}`;
}

export function diffManifests(cur: PackModel, pen: PackModel): ManifestChange[] {
  const out: ManifestChange[] = [];
  const pending = new Map(pen.manifests.map((m) => [manifestName(m), m]));
  const seen = new Set<string>();
  for (const a of cur.manifests) {
    const name = manifestName(a);
    seen.add(name);
    const b = pending.get(name);
    const segs: Seg[] = ['manifests', name];
    if (!b) {
      out.push({ segs, manifest: name, change: 'removed', before: objectsOf(a).map((o) => o.id), after: undefined, currentSpan: a.span, pendingSpan: pen.name?.span });
    } else out.push(...diffManifest(a, b, segs, name));
  }
  for (const b of pen.manifests) {
    const name = manifestName(b);
    if (!seen.has(name)) out.push({ segs: ['manifests', name], manifest: name, change: 'added', before: undefined, after: objectsOf(b).map((o) => o.id), pendingSpan: b.span, currentSpan: cur.name?.span });
  }
  return out;
}

function diffManifest(a: ManifestModel, b: ManifestModel, segs: Seg[], manifest: string): ManifestChange[] {
  if (!a.content || !b.content) {
    // Content that is not a string cannot be split into objects; compare it as written.
    const before = a.contentField?.node.toString();
    const after = b.contentField?.node.toString();
    if (before === after) return [];
    return [{ segs: [...segs, 'content'], manifest, change: 'modified', before, after, currentSpan: a.contentField?.span ?? a.span, pendingSpan: b.contentField?.span ?? b.span }];
  }
  if (a.content.text === b.content.text) return [];
  const out: ManifestChange[] = [];
  const objsB = new Map(objectsOf(b).map((o) => [o.id, o]));
  const idsA = new Set<string>();
  const anchorA = a.name?.span ?? a.span;
  const anchorB = b.name?.span ?? b.span;
  for (const o of objectsOf(a)) {
    idsA.add(o.id);
    const at: Seg[] = [...segs, { object: o.id }];
    const other = objsB.get(o.id);
    if (!other) {
      out.push({ segs: at, manifest, object: o.id, change: 'removed', before: toJS(o.tree), after: undefined, currentSpan: o.span, pendingSpan: anchorB });
      continue;
    }
    const sides = { cur: { toOuter: a.content.toOuterSpan, anchor: o.span }, pen: { toOuter: b.content.toOuterSpan, anchor: other.span } };
    for (const c of diffTrees(o.tree, other.tree, sides, at)) out.push({ ...c, manifest, object: o.id });
  }
  for (const o of objsB.values()) {
    if (!idsA.has(o.id)) out.push({ segs: [...segs, { object: o.id }], manifest, object: o.id, change: 'added', before: undefined, after: toJS(o.tree), pendingSpan: o.span, currentSpan: anchorA });
  }
  return out;
}

/** The objects of a manifest's content, each named by kind, namespace and name; empty documents are skipped. */
export function objectsOf(m: ManifestModel): KubeObject[] {
  const content = m.content;
  if (!content) return [];
  const out: KubeObject[] = [];
  const used = new Map<string, number>();
  content.docs.forEach((doc, index) => {
    if (doc.contents === null || doc.contents === undefined) return;
    const tree = buildTree(doc, false);
    let id = objectId(tree) ?? `#${index}`;
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    if (n > 1) id = `${id}#${n}`;
    const range = doc.contents.range ?? doc.range;
    out.push({ id, tree, span: content.toOuterSpan({ start: range[0], end: range[1] }) });
  });
  return out;
}

function objectId(tree: VNode): string | undefined {
  if (tree.kind !== 'map') return undefined;
  const str = (node: VNode | undefined) => (node?.kind === 'scalar' && node.value !== null && node.value !== undefined && node.value !== '' ? String(node.value) : undefined);
  const kind = str(tree.children.get('kind'));
  const metadata = tree.children.get('metadata');
  const meta = metadata?.kind === 'map' ? metadata.children : undefined;
  const name = str(meta?.get('name'));
  if (!kind || !name) return undefined;
  const namespace = str(meta?.get('namespace'));
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
