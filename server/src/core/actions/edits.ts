// Offset edits the actions produce, and the scalar spellings they write, without touching anything around them.
import { parse } from 'yaml';

/** Replace [start, end) of the text the action was computed for with `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Edits must not overlap; they are applied from the end so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The one edit that turns `before` into `after`: what lies between their common prefix and suffix. */
export function diffEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const most = Math.min(before.length, after.length);
  while (start < most && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < most - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

/** The same edit grown to whole lines, which is what an editor's preview and undo show best. */
export function lineEdit(before: string, after: string): OffsetEdit | undefined {
  const edit = diffEdit(before, after);
  if (!edit) return undefined;
  const start = before.lastIndexOf('\n', edit.start - 1) + 1;
  const found = before.indexOf('\n', Math.max(edit.start, edit.end - 1));
  // The grown edit stays inside the common prefix and suffix, so `after` has the same text there.
  const end = Math.max(edit.end, found < 0 ? before.length : found);
  return { start, end, newText: after.slice(start, after.length - (before.length - end)) };
}

/**
 * `value` written as a YAML scalar in the quoting of `like` (the text it replaces): double or single
 * quotes when `like` used them, plain when plain reads back as the same text, else single quotes.
 */
export function scalarText(value: string, like = ''): string {
  if (like.startsWith('"')) return JSON.stringify(value);
  if (like.startsWith("'") || !plainReadsBack(value)) return singleQuoted(value);
  return value;
}

export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A plain scalar that parses (as YAML 1.1, Palette's reading, and 1.2) to a scalar printing as itself. */
function plainReadsBack(value: string): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  for (const version of ['1.1', '1.2'] as const) {
    try {
      const read: unknown = parse(`x: ${value}\n`, { version })?.x;
      if (read === null || typeof read === 'object' || String(read) !== value) return false;
    } catch {
      return false;
    }
  }
  return true;
}
