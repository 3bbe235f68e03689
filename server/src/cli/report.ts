// The documents the CLI prints: validation results and impact plans, with file:line:column locations.
import { LineIndex } from '../core/lines';
import type { Problem, Severity, Span } from '../core/types';

export interface ReportLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportFinding {
  severity: Severity;
  code: string;
  message: string;
  location?: ReportLocation;
}

export interface ReportChange {
  layer: string;
  pack: string;
  path: string;
  change: 'added' | 'removed' | 'modified';
  before: unknown;
  after: unknown;
  impact: string;
  certainty: string;
  reason: string;
  source: string;
  rule?: string;
  location?: ReportLocation;
}

export interface PlanReport {
  impact: string;
  target: Record<string, unknown>;
  changes: ReportChange[];
  findings: ReportFinding[];
}

export interface ValidateReport {
  files: { file: string; findings: ReportFinding[] }[];
}

/** Locates spans of one file; the line index is built once per file. */
export class Locator {
  private readonly lines: LineIndex;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  locate(span: Span | undefined): ReportLocation | undefined {
    if (!span) return undefined;
    const start = this.lines.position(span.start);
    const end = this.lines.position(Math.max(span.start, span.end));
    return { file: this.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  finding(problem: Problem): ReportFinding {
    return { severity: problem.severity, code: problem.code, message: problem.message, location: this.locate(problem) };
  }
}

export function where(location: ReportLocation | undefined): string {
  return location ? `${location.file}:${location.line}:${location.column}` : '';
}

/** Values in one line for text and Markdown: strings as they are, the rest as compact JSON. */
export function showValue(value: unknown, max = 80): string {
  if (value === undefined) return '∅';
  // A multi-line string stays on one line, escaped, so each change is one line of output.
  const text = typeof value === 'string' && !/[\r\n]/.test(value) ? value : JSON.stringify(value);
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
