// Quick fix for variable-unquoted: rewrites the YAML value holding a {{.spectro.var.X}} as one single-quoted scalar.
import { isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { findTemplates } from '../parse/macros';
import type { ProfileModel } from '../parse/profile';
import { yamlOptions } from '../parse/yamlProblems';
import { safeParseAllDocuments } from '../parse/safeParse';
import type { Span } from '../types';
import { singleQuoted, type OffsetEdit } from './edits';
import { replaceInner, siteAt } from './sites';

/**
 * `span` is where the diagnostic points (the template, in outer offsets). The value around it is
 * rewritten whole, because YAML quotes whole scalars: `url: http://{{.spectro.var.host}}:80` becomes
 * `url: 'http://{{.spectro.var.host}}:80'`. Values in block scalars or over several lines are left
 * alone: quotes there would become part of the text.
 */
export function quoteVariableEdit(model: ProfileModel, span: Span): OffsetEdit | undefined {
  const site = siteAt(model, span);
  if (!site || !site.embedded.exact) return undefined;
  const { embedded } = site;
  const inner = { start: embedded.toInner(span.start)!, end: embedded.toInner(span.end)! };
  const text = embedded.text;
  const found = embedded.docs.map((doc) => valueNodeAt(doc, inner)).find((n) => n !== undefined);
  if (!found) return undefined;
  const [start, end] = found.range;
  const raw = text.slice(start, end);
  let value: string;
  if (isScalar(found) && typeof found.value === 'string' && (found.type === 'PLAIN' || found.type === 'QUOTE_DOUBLE')) value = found.value;
  // A plain `{{ ... }}` reads as a flow mapping; what Palette substitutes into is the text as written.
  else if (isCollection(found) && found.flow && raw.startsWith('{{')) value = raw.trimEnd();
  else return undefined;
  if (raw.includes('\n') || /[\n\r]/.test(value)) return undefined;
  const newText = singleQuoted(value);
  const rewritten = text.slice(0, start) + newText + text.slice(start + raw.trimEnd().length);
  if (!quotedEverywhere(rewritten, { start, end: start + newText.length }, value)) return undefined;
  return replaceInner(model, site, { start, end: start + raw.trimEnd().length }, newText);
}

/** The innermost value node (never a key) whose range holds the span, in one document. */
function valueNodeAt(doc: Document, span: Span): (Node & { range: [number, number, number] }) | undefined {
  let best: Node | undefined;
  const visit = (node: unknown, isKey: boolean): void => {
    const range = (node as Node | null)?.range;
    if (!range || range[0] > span.start || range[1] < span.end) return;
    if (isKey) {
      best = undefined;
      return;
    }
    best = node as Node;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        visit(pair.key, true);
        visit(pair.value, false);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item, false);
  };
  visit(doc.contents, false);
  return best?.range ? (best as Node & { range: [number, number, number] }) : undefined;
}

/** The rewritten document parses, holds `value` single-quoted at the span, and every variable there reads as single-quoted. */
function quotedEverywhere(text: string, span: Span, value: string): boolean {
  const docs = safeParseAllDocuments(text, yamlOptions);
  if (!Array.isArray(docs)) return false;
  const node = docs.map((d) => valueNodeAt(d, { start: span.start + 1, end: span.start + 1 })).find((n) => n !== undefined);
  if (!isScalar(node) || node.type !== 'QUOTE_SINGLE' || node.value !== value) return false;
  const refs = findTemplates(text).templates.filter((t) => t.span.start >= span.start && t.span.end <= span.end).flatMap((t) => t.refs);
  return refs.every((r) => r.kind !== 'var' || r.singleQuoted);
}
