// The one-line pieces of the proven-clean check: keys, quoted scalars, flow collections, the rest of a line.

export const SPACE = 32;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;
/** Characters a plain scalar may not start with (nor `?`, `:`, or `-` before a space). */
export const indicators = table(',[]{}#&*!|>\'"%@`');
/** A plain key starts with a letter or `_` and goes on with these. */
const keyStart = table('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_');
const keyRest = table('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789./-');
const flowStops = table(',[]{}:#');

function table(chars: string): Uint8Array {
  const out = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) out[chars.charCodeAt(i)] = 1;
  return out;
}

/** Whether the character code is in the table (any non-ASCII character is not). */
export function isIn(t: Uint8Array, code: number): boolean {
  return code < 128 && t[code] === 1;
}

/** Plain keys of these spellings are not strings under the core schema. */
export const nonStrings = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
export const maxKeyLength = 1000;

/** Nothing but spaces and perhaps a comment from `j` to the line's end. */
export function rest(text: string, j: number, end: number): boolean {
  if (j === end) return true;
  if (text.charCodeAt(j) !== SPACE) return false;
  while (j < end && text.charCodeAt(j) === SPACE) j++;
  return j === end || text.charCodeAt(j) === HASH;
}

/** A one-line quoted scalar without escapes; its value and the offset after its closing quote. */
export function quoted(text: string, i: number, end: number): { value: string; next: number } | undefined {
  const q = text[i];
  let value = '';
  let j = i + 1;
  for (;;) {
    const close = text.indexOf(q, j);
    if (close < 0 || close >= end) return undefined;
    const part = text.slice(j, close);
    if (q === '"' && part.includes('\\')) return undefined;
    value += part;
    if (q === "'" && text[close + 1] === "'") {
      value += "'";
      j = close + 2;
      continue;
    }
    return { value, next: close + 1 };
  }
}

/** A one-line flow sequence or map of plain or quoted scalars and such collections; the offset after it, or -1. */
export function flow(text: string, i: number, end: number, depth = 0): number {
  if (depth > 16) return -1;
  const isMap = text[i] === '{';
  const close = isMap ? '}' : ']';
  const keys = new Set<string>();
  let j = spaces(text, i + 1, end);
  if (text[j] === close) return j + 1;
  for (;;) {
    if (isMap) {
      const key = flowKey(text, j, end);
      if (!key || keys.has(key.value)) return -1;
      keys.add(key.value);
      j = spaces(text, key.next, end);
    }
    const after = text[j] === '[' || text[j] === '{' ? flow(text, j, end, depth + 1) : flowScalar(text, j, end);
    if (after < 0) return -1;
    j = spaces(text, after, end);
    if (text[j] === close) return j + 1;
    if (text[j] !== ',') return -1;
    j = spaces(text, j + 1, end);
    if (text[j] === close) return -1;
  }
}

/** A flow map's key and its `: `; the key's value and the offset after the space. */
function flowKey(text: string, j: number, end: number): { value: string; next: number } | undefined {
  let value: string;
  let k: number;
  if (text[j] === '"' || text[j] === "'") {
    const q = quoted(text, j, end);
    if (!q) return undefined;
    value = q.value;
    k = q.next;
  } else {
    k = plainKeyEnd(text, j, end);
    if (k < 0) return undefined;
    value = text.slice(j, k);
    if (nonStrings.has(value)) return undefined;
  }
  if (text.charCodeAt(k) !== COLON || text.charCodeAt(k + 1) !== SPACE || value.length > maxKeyLength) return undefined;
  return { value, next: k + 2 };
}

/** A quoted scalar, or a plain one without `:`, `#` or flow indicators. */
function flowScalar(text: string, j: number, end: number): number {
  if (j >= end) return -1;
  const c = text[j];
  if (c === '"' || c === "'") return quoted(text, j, end)?.next ?? -1;
  if (isIn(indicators, text.charCodeAt(j)) || c === ':' || c === '?' || (c === '-' && (j + 1 === end || text.charCodeAt(j + 1) === SPACE))) return -1;
  let k = j;
  for (; k < end; k++) {
    const code = text.charCodeAt(k);
    if (isIn(flowStops, code)) {
      if (code === COLON || code === HASH) return -1;
      break;
    }
  }
  while (k > j && text.charCodeAt(k - 1) === SPACE) k--;
  return k > j ? k : -1;
}

/** The first offset from `j` that is not a space. */
export function spaces(text: string, j: number, end: number): number {
  while (j < end && text.charCodeAt(j) === SPACE) j++;
  return j;
}

/** Where a plain key from `i` ends (at the first character not allowed in one), or -1 when it is not one. */
export function plainKeyEnd(text: string, i: number, end: number): number {
  if (i >= end || !isIn(keyStart, text.charCodeAt(i))) return -1;
  let j = i + 1;
  while (j < end && isIn(keyRest, text.charCodeAt(j))) j++;
  return j - i > maxKeyLength ? -1 : j;
}
