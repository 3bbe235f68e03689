// Turns `yaml` parse errors, warnings and alias bombs into Problems, for outer and embedded documents alike.
import { isMap, isPair, isScalar, isSeq, visit, YAMLParseError, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import type { SyntaxLimits } from '../syntax';
import { safeParseDocument } from './safeParse';
import { openerSpans } from './unclosed';
import type { Problem, Severity } from '../types';

/** The options every parse in the product uses: duplicate keys are errors, as in go-yaml. */
export const yamlOptions: ParseOptions & DocumentOptions & SchemaOptions = { prettyErrors: false, uniqueKeys: true, strict: true };

export function parseYamlDoc(text: string, keepSourceTokens = false): Document.Parsed {
  return markUnresolvedAliases(safeParseDocument(text, { ...yamlOptions, keepSourceTokens }), text);
}

/**
 * yaml accepts `*x` with no `&x` before it and only fails when the value is read; go-yaml refuses
 * the document. Recording it as a parse error puts it at the alias, and every reader that skips
 * documents with errors (code actions, the planner) skips this one instead of throwing.
 */
export function markUnresolvedAliases<D extends Document>(doc: D, text: string): D {
  if (doc.errors.length > 0 || !text.includes('*')) return doc;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return;
      const at: [number, number] = node.range ? [node.range[0], Math.max(node.range[1], node.range[0] + 1)] : [0, 1];
      doc.errors.push(new YAMLParseError(at, 'BAD_ALIAS', `Alias *${node.source} refers to no anchor: &${node.source} must be defined before the alias`));
    },
  });
  return doc;
}

/**
 * yaml builds a double-quoted value one character at a time and a block value or a comment one line
 * at a time; V8 keeps such a string as a chain of pieces, about a kilobyte for a 40-character
 * image reference. Reading a character flattens the chain in place, so documents that are kept
 * (every pack's values, for as long as the profile is open) cost what their text does.
 */
export function compactStrings(doc: Document): void {
  const flat = (s: unknown) => {
    if (typeof s === 'string' && s.length >= 13) s.charCodeAt(0);
  };
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 256) return;
    const n = node as { comment?: unknown; commentBefore?: unknown };
    flat(n.comment);
    flat(n.commentBefore);
    if (isScalar(node)) flat(node.value);
    else if (isPair(node)) {
      walk(node.key, depth + 1);
      walk(node.value, depth + 1);
    } else if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) walk(item, depth + 1);
  };
  flat(doc.comment);
  flat(doc.commentBefore);
  walk(doc.contents, 0);
}

export function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Errors and warnings of one document, with `code` naming the layer (outer or embedded). */
export function docProblems(doc: Document, code: string, text?: string): Problem[] {
  const out: Problem[] = [];
  const add = (list: readonly { pos: [number, number]; message: string }[], severity: Severity) => {
    // With the text, an unclosed bracket or quote is reported where it opens, not a line later.
    const openers = text !== undefined && list.length > 0 ? openerSpans(doc, text, list) : [];
    list.forEach((e, i) => {
      const opener = openers[i];
      if (opener) out.push({ ...opener.span, severity, code, message: opener.message });
      else out.push({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), severity, code, message: firstLine(e.message) });
    });
  };
  add(doc.errors, 'error');
  add(doc.warnings, 'warning');
  return out;
}

/**
 * Refuses documents whose aliases would expand past the limit ("billion laughs"). Only documents
 * that contain an alias pay for the expansion check, so ordinary values stay cheap.
 */
export function aliasProblem(doc: Document, text: string, limits: SyntaxLimits, code: string): Problem | undefined {
  if (doc.errors.length > 0 || !text.includes('*')) return undefined;
  let first: [number, number] | undefined;
  visit(doc, {
    Alias(_key, node) {
      first = node.range ? [node.range[0], node.range[1]] : [0, 0];
      return visit.BREAK;
    },
  });
  if (!first) return undefined;
  try {
    doc.toJS({ maxAliasCount: limits.maxAliasCount });
    return undefined;
  } catch (error) {
    const message = `Too many alias expansions (more than ${limits.maxAliasCount}); the document was not expanded: ${firstLine(String((error as Error).message))}`;
    return { start: first[0], end: Math.max(first[1], first[0] + 1), severity: 'error', code, message };
  }
}

export function tooLargeProblem(length: number, limits: SyntaxLimits, code: string, what: string): Problem | undefined {
  if (length <= limits.maxBytes) return undefined;
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  return { start: 0, end: 0, severity: 'error', code, message: `${what} is ${mib(length)} MiB, over the ${mib(limits.maxBytes)} MiB limit; it was not checked. Raise paletteProfileStudio.maxFileSizeMB to check it.` };
}

/** Ranges must stay inside the text, whatever the parser reported. */
export function clampProblems(problems: Problem[], length: number): Problem[] {
  return problems.map((p) => {
    const start = Math.min(Math.max(0, p.start), length);
    const end = Math.min(Math.max(start, p.end), length);
    return start === p.start && end === p.end ? p : { ...p, start, end };
  });
}
