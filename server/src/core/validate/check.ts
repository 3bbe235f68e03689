// Runs one schema over plain data and turns its errors into Problems at the exact yaml nodes they concern.
import { isScalar, type Document } from 'yaml';
import type { ErrorObject } from 'ajv/dist/2020';
import type { Problem, Span } from '../types';
import { firstLine, holderSpan, keySpanIn, locate, valueSpan } from './locate';
import { wordError } from './messages';
import { reduceErrors } from './reduce';
import { validatorFor, type SchemaName } from './schemas';

export interface SchemaTarget {
  /** The document the data came from, for positions. */
  doc: Document | undefined;
  /** That document's own text (inner text for an embedded document). */
  text: string;
  /** Moves a span of `text` to the outer file; identity for a top-level file. */
  toOuter?: (span: Span) => Span;
  /** Errors another check reports better (values-not-string, say). */
  skip?: (error: ErrorObject) => boolean;
  code?: string;
}

export function schemaProblems(name: SchemaName, data: unknown, target: SchemaTarget): Problem[] {
  const validate = validatorFor(name);
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => !target.skip?.(e));
  const display = (pointer: string): string | undefined => {
    const node = locate(target.doc, pointer).node;
    if (!isScalar(node)) return undefined;
    const source = (node as { source?: unknown }).source;
    return typeof source === 'string' ? source : String(node.value);
  };
  const problems: Problem[] = [];
  for (const reduced of reduceErrors(errors)) {
    const worded = wordError(reduced, display);
    const found = locate(target.doc, reduced.error.instancePath);
    let span: Span;
    if (!found.complete) span = firstLine(valueSpan(found, target.text), target.text);
    else if (worded.place === 'holder') span = holderSpan(found, target.text);
    else if (worded.place === 'key') span = (worded.key !== undefined ? keySpanIn(found.node, worded.key) : undefined) ?? holderSpan(found, target.text);
    else span = valueSpan(found, target.text);
    const outer = target.toOuter ? target.toOuter(span) : span;
    problems.push({ ...outer, severity: worded.severity ?? 'error', code: worded.code ?? target.code ?? 'schema', message: worded.message });
  }
  return problems;
}
