// Shared steps of the values writer: parse-or-give-up, and replacing a node (or the collection around it) in the text.
import { isScalar, type Document, type Node } from 'yaml';
import { parseYamlDoc } from '../parse/yamlProblems';
import { findAll, type Hit, type Step } from './locate';
import { applyEdit, replaceHit, replaceRoot, type Edit } from './splice';
import { treeOf, type Tree } from './tree';

/** The change cannot be written without reformatting; the caller reports it instead of writing. */
export class CannotPlace extends Error {}

export function parsed(text: string): Document.Parsed {
  const doc = parseYamlDoc(text);
  if (doc.errors.length > 0) throw new CannotPlace(doc.errors[0].message);
  return doc;
}

export const edit = (text: string, e: Edit | undefined): string => {
  if (!e) throw new CannotPlace('no edit');
  return applyEdit(text, e);
};

/** Replaces one node; inside a flow collection that cannot take the value on one line, the collection goes to block style. */
export function replaceNode(text: string, doc: Document.Parsed, hit: Hit, value: unknown): string {
  const cut = replaceHit(text, hit, value);
  if (cut) return applyEdit(text, cut);
  const container = hit.kind === 'pair' ? hit.map : hit.seq;
  const js = container.toJS(doc) as Record<string, unknown> | unknown[];
  if (hit.kind === 'pair') (js as Record<string, unknown>)[String(isScalar(hit.pair.key) ? hit.pair.key.value : '')] = value;
  else (js as unknown[])[hit.index] = value;
  return replaceCollection(text, doc, hit.at, js);
}

/** Rewrites the collection at `at` (found in its exact spelling) with a new value. */
export function replaceCollection(text: string, doc: Document.Parsed, at: Step[], value: unknown): string {
  if (at.length === 0) return edit(text, replaceRoot(text, doc.contents, value));
  const holder = findAll(doc.contents, at).find((h) => h.extra === 0);
  if (!holder) throw new CannotPlace('the collection has no single spelling');
  return replaceNode(text, doc, holder, value);
}

export function nodeOf(hit: Hit): unknown {
  return hit.kind === 'pair' ? hit.pair.value : hit.seq.items[hit.index];
}

export function treeOfNode(doc: Document, node: unknown): Tree {
  return treeOf(node && typeof node === 'object' && 'toJS' in node ? (node as Node).toJS(doc, { mapAsMap: true, maxAliasCount: 100 }) : null);
}
