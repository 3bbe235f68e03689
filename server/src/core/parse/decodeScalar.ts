// Decodes a YAML scalar's source the way the `yaml` package does, remembering where each character came from.
import { decodeBlock } from './decodeBlock';
import { OffsetMapBuilder, type OffsetMap } from './offsetMap';

export type ScalarStyle = 'BLOCK_LITERAL' | 'BLOCK_FOLDED' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'PLAIN';

export interface Decoded {
  value: string;
  map: OffsetMap;
  /** Absolute offset of the first content character (after a block header or an opening quote). */
  contentStart: number;
}

/**
 * `start`/`end` are the scalar's `range[0]`/`range[1]`; `parentIndent` is the indentation of the
 * collection holding a block scalar, which an explicit indentation indicator counts from.
 * The algorithms mirror yaml 2.x's resolve-block-scalar and resolve-flow-scalar line by line, so
 * that the decoded value is byte-identical to the node's value; callers check that it is.
 */
export function decodeScalar(text: string, start: number, end: number, style: ScalarStyle, parentIndent: number): Decoded {
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') return decodeBlock(text, start, end, style === 'BLOCK_FOLDED', parentIndent);
  if (style === 'QUOTE_DOUBLE') return decodeDouble(text, start, end);
  const quoted = style === 'QUOTE_SINGLE';
  const from = quoted ? start + 1 : start;
  const to = quoted ? Math.max(from, end - 1) : end;
  const out = new OffsetMapBuilder(start, from);
  unfold(text, from, to, out, quoted);
  return { ...out.finish(start, end), contentStart: from };
}

/** Plain and single-quoted folding: first line trimmed at its end, last at its start, others both. */
function unfold(text: string, from: number, to: number, out: OffsetMapBuilder, quoted: boolean): void {
  const put = quoted ? (s: number, e: number) => copyUnquoting(text, s, e, out) : (s: number, e: number) => out.copy(text.slice(s, e), s);
  let nl = text.indexOf('\n', from);
  if (nl < 0 || nl >= to) {
    put(from, to);
    return;
  }
  let lineEnd = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  let keptEnd = trimEnd(text, from, lineEnd);
  put(from, keptEnd);
  let sep = ' ';
  let sepAt = keptEnd;
  let pos = nl + 1;
  for (;;) {
    nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= to) break;
    lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const s = trimStart(text, pos, lineEnd);
    const e = trimEnd(text, s, lineEnd);
    if (s === e) {
      if (sep === '\n') out.emit('\n', pos);
      else sep = '\n';
    } else {
      out.emit(sep, sepAt);
      put(s, e);
      sep = ' ';
      sepAt = e;
    }
    pos = nl + 1;
  }
  out.emit(sep, sepAt);
  put(trimStart(text, pos, to), to);
}

function copyUnquoting(text: string, from: number, to: number, out: OffsetMapBuilder): void {
  let s = from;
  for (let q = text.indexOf("''", s); q >= 0 && q + 1 < to; q = text.indexOf("''", s)) {
    out.copy(text.slice(s, q + 1), s);
    s = q + 2;
  }
  out.copy(text.slice(s, to), s);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function trimStart(text: string, from: number, to: number): number {
  while (from < to && isBlank(text.charCodeAt(from))) from++;
  return from;
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  return to;
}

const escapes: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

function decodeDouble(text: string, start: number, end: number): Decoded {
  const out = new OffsetMapBuilder(start, start + 1);
  const last = end - 1;
  let run = start + 1;
  /** Where trimmed trailing white space began, so a folded break points right after the text. */
  let breakAt = -1;
  const flush = (i: number) => {
    if (i > run) out.copy(text.slice(run, i), run);
  };
  for (let i = start + 1; i < last; ++i) {
    const ch = text[i];
    if (ch === '\r' && text[i + 1] === '\n') {
      flush(i);
      if (breakAt < 0) breakAt = i;
      run = i + 1;
    } else if (ch === '\n') {
      flush(i);
      let fold = '';
      let j = i;
      let c = text[j + 1];
      while (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        if (c === '\r' && text[j + 2] !== '\n') break;
        if (c === '\n') fold += '\n';
        j += 1;
        c = text[j + 1];
      }
      out.emit(fold || ' ', breakAt >= 0 ? breakAt : i);
      breakAt = -1;
      i = j;
      run = i + 1;
    } else if (ch === '\\') {
      flush(i);
      const at = i;
      const next = text[++i];
      const code = escapes[next];
      if (code) out.emit(code, at, 2);
      else if (next === '\n' || (next === '\r' && text[i + 1] === '\n')) {
        if (next === '\r') i++;
        while (text[i + 1] === ' ' || text[i + 1] === '\t') i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const n = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = text.substr(i + 1, n);
        const cp = hex.length === n && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        let decoded: string;
        try {
          decoded = String.fromCodePoint(cp);
        } catch {
          decoded = text.substr(at, n + 2);
        }
        out.emit(decoded, at, n + 2);
        i += n;
      } else out.emit(text.substr(at, 2), at, 2);
      run = i + 1;
    } else if (ch === ' ' || ch === '\t') {
      const ws = i;
      while (text[i + 1] === ' ' || text[i + 1] === '\t') i++;
      const nextCh = text[i + 1];
      if (i + 1 < last + 1 && (nextCh === '\n' || (nextCh === '\r' && text[i + 2] === '\n'))) {
        flush(ws);
        breakAt = ws;
        run = i + 1;
      }
    }
  }
  flush(last);
  return { ...out.finish(start, end), contentStart: start + 1 };
}
