// YAML and JSON syntax checks with exact offsets, guarded against huge input and alias bombs.
import { parseDocument, type Document } from 'yaml';
import type { Problem } from './types';

export interface SyntaxLimits {
  /** Documents larger than this are not parsed; one problem says why. */
  maxBytes: number;
  /** Alias expansions beyond this count are refused, which defeats "billion laughs" documents. */
  maxAliasCount: number;
}

export const defaultSyntaxLimits: SyntaxLimits = { maxBytes: 5 * 1024 * 1024, maxAliasCount: 100 };

export interface YamlParse {
  doc: Document.Parsed | undefined;
  problems: Problem[];
}

function tooLarge(text: string, limits: SyntaxLimits): Problem | undefined {
  if (text.length <= limits.maxBytes) return undefined;
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    start: 0,
    end: 0,
    severity: 'error',
    code: 'file-too-large',
    message: `This file is ${mib(text.length)} MiB, over the ${mib(limits.maxBytes)} MiB limit; it was not checked. Raise paletteProfileStudio.maxFileSizeMB to check it.`,
  };
}

export function parseYaml(text: string, limits: SyntaxLimits = defaultSyntaxLimits): YamlParse {
  const big = tooLarge(text, limits);
  if (big) return { doc: undefined, problems: [big] };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    problems.push({ start, end: Math.max(end, start + 1), severity: 'error', code: 'yaml-syntax', message: firstLine(error.message) });
  }
  for (const warning of doc.warnings) {
    const [start, end] = warning.pos;
    problems.push({ start, end: Math.max(end, start + 1), severity: 'warning', code: 'yaml-syntax', message: firstLine(warning.message) });
  }
  if (doc.errors.length === 0) {
    try {
      doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      problems.push({ start: 0, end: 0, severity: 'error', code: 'yaml-alias-limit', message: `Too many alias expansions (more than ${limits.maxAliasCount}): ${firstLine(String((error as Error).message))}` });
    }
  }
  return { doc, problems: clampAll(problems, text.length) };
}

export function parseJson(text: string, limits: SyntaxLimits = defaultSyntaxLimits): { value: unknown; problems: Problem[] } {
  const big = tooLarge(text, limits);
  if (big) return { value: undefined, problems: [big] };
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (error) {
    const message = String((error as Error).message);
    const at = /position (\d+)/.exec(message);
    const start = at ? Number(at[1]) : Math.max(0, text.length - 1);
    return { value: undefined, problems: clampAll([{ start, end: start + 1, severity: 'error', code: 'json-syntax', message: firstLine(message) }], text.length) };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Ranges must stay inside the document, whatever the parser reported. */
function clampAll(problems: Problem[], length: number): Problem[] {
  return problems.map((p) => {
    const start = Math.min(Math.max(0, p.start), length);
    const end = Math.min(Math.max(start, p.end), length);
    return { ...p, start, end };
  });
}
