// Splits one YAML line into its structural pieces (sequence dashes, a key, a plain value) with their columns.

export interface LineToken {
  kind: 'dash' | 'key' | 'scalar';
  /** Column of the token on its line. */
  col: number;
  /** Offset of the token in the text. */
  offset: number;
  /** For keys: the key as written, unquoted. */
  key?: string;
  /** For keys: the value written on the same line, without a trailing comment ("" when none). */
  value?: string;
  /** For keys: the value is a block scalar header (`|`, `>-`, `|2`), so deeper lines are text. */
  block?: boolean;
}

/** `key:` followed by a space or the end; a plain key may hold colons not followed by a space (`a:b: c`). */
const keyPattern = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{}[\],&*!|>%@`?-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?=[ \t]|$)/;
const blockHeader = /^[|>][-+0-9]*$/;

/** Tokens of the line [start, end); none for a blank or comment line. `---` and `...` give one scalar at column 0. */
export function lineTokens(text: string, start: number, end: number): LineToken[] {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (i >= end || text[i] === '#') return [];
  const tokens: LineToken[] = [];
  while (i < end && text[i] === '-' && (i + 1 === end || text[i + 1] === ' ')) {
    if (i === start && text.startsWith('---', i)) break;
    tokens.push({ kind: 'dash', col: i - start, offset: i });
    i++;
    while (i < end && text.charCodeAt(i) === 32) i++;
  }
  if (i >= end || text[i] === '#') return tokens;
  const rest = text.slice(i, end);
  const m = keyPattern.exec(rest);
  if (!m) {
    tokens.push({ kind: 'scalar', col: i - start, offset: i });
    return tokens;
  }
  const key = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3].trimEnd();
  const value = stripComment(rest.slice(m[0].length)).trim();
  tokens.push({ kind: 'key', col: i - start, offset: i, key, value, block: blockHeader.test(value) });
  return tokens;
}

/** A `#` starts a comment only after white space; quotes are respected so `"a #b"` stays whole. */
export function stripComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if ((ch === '"' || ch === "'") && (i === 0 || /[\s:[{,]/.test(value[i - 1]))) quote = ch;
    else if (ch === '#' && (i === 0 || value[i - 1] === ' ' || value[i - 1] === '\t')) return value.slice(0, i);
  }
  return value;
}

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding `offset` (before its line break). */
export function lineEndOf(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at < 0 ? text.length : at;
}
