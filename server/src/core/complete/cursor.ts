// Reads where a caret sits in YAML text from indentation alone, so a half-typed line still has a path.
import type { Segment } from '../validate/schemaNav';
import { lineEndOf, lineStartOf, lineTokens, stripComment, type LineToken } from './lineTokens';

export type { Segment };

export interface CursorContext {
  /**
   * Path of the mapping the caret types a key into (key position), or of the key whose value it
   * types (value position), outermost first. Sequence items are numbers.
   */
  path: Segment[];
  /** Indices in `path` of keys whose value is a block scalar the caret is inside (outermost first). */
  scalars: number[];
  /** The caret is under a plain scalar that runs over several lines: it types text, not YAML. */
  opaque: boolean;
  /** Offset of the dash of each sequence item in `path`, by index in `path`. */
  dashes: Map<number, number>;
  position: 'key' | 'value';
  /** What is typed from the start of the word to the caret. */
  partial: string;
  /** The word under the caret, which a completion replaces. */
  start: number;
  end: number;
  /** Column of the key being typed (key position) or of the key whose value is typed. */
  column: number;
  /** Leading spaces of the caret's line, which an editor repeats on each line it inserts. */
  indent: number;
  /** Key position: the keys already written in the same mapping, the one being typed excepted. */
  siblings: Set<string>;
  /** Key position: right after a dash, where a scalar item could go as well as a key. */
  afterDash: boolean;
  /** Key position: the word is followed by a colon already, so only the name is to be written. */
  hasColon: boolean;
  /** Value position: the caret is right after the colon, so a value needs a space before it. */
  needsSpace: boolean;
}

interface Node {
  kind: 'key' | 'item';
  col: number;
  name?: string;
  block?: boolean;
  /** The key's value is written on its own line, so deeper lines under it continue a plain scalar. */
  inline?: boolean;
  offset: number;
  index: number;
}

const keyWord = /^[^\s:#{}[\],'"|>&*!%@`]*$/;
/** A bound on the walk up for pathological texts; a profile's walk stops at its layer or its root key long before. */
const maxLines = 200_000;

/** A sequence item whose path is known already (a profile's pack layer): the walk up stops at its dash. */
export interface Anchor {
  dash: number;
  path: Segment[];
}

export function cursorAt(text: string, offset: number, anchor?: Anchor): CursorContext | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const lineStart = lineStartOf(text, offset);
  const lineEnd = lineEndOf(text, offset);
  const before = text.slice(lineStart, offset);
  if (stripComment(before).length !== before.length) return undefined;
  let i = 0;
  while (before[i] === ' ') i++;
  const chain: Node[] = [];
  const dashes: { col: number; offset: number }[] = [];
  while (before[i] === '-' && before[i + 1] === ' ') {
    if (i === 0 && before.startsWith('---')) return undefined;
    dashes.push({ col: i, offset: lineStart + i });
    i += 2;
    while (before[i] === ' ') i++;
  }
  const rest = before.slice(i);
  const keyCol = i;
  const colon = keyColon(rest);
  let context: Omit<CursorContext, 'path' | 'scalars' | 'opaque' | 'dashes' | 'siblings' | 'indent'>;
  if (colon === undefined) {
    if (!keyWord.test(rest)) return undefined;
    const end = wordEnd(text, offset, lineEnd, /[^\s:#{}[\],'"]/);
    const hasColon = /^[ \t]*:(?:[ \t]|$)/.test(text.slice(end, lineEnd).replace(/\r$/, ''));
    context = { position: 'key', partial: rest, start: offset - rest.length, end, column: keyCol, afterDash: dashes.length > 0, hasColon, needsSpace: false };
  } else {
    const afterColon = rest.slice(colon.length);
    if (afterColon.includes('{{')) return undefined;
    const lead = /^[ \t]*["']?/.exec(afterColon)![0];
    const partial = afterColon.slice(lead.length);
    if (/[\s"']/.test(partial)) return undefined;
    const end = wordEnd(text, offset, lineEnd, /[^\s#"',\]}]/);
    chain.push({ kind: 'key', col: keyCol, name: colon.key, offset: lineStart + keyCol, index: 0 });
    context = { position: 'value', partial, start: offset - partial.length, end, column: keyCol, afterDash: false, hasColon: false, needsSpace: lead.length === 0 };
  }
  let col = keyCol;
  let level: 'key' | 'item' = 'key';
  for (let d = dashes.length - 1; d >= 0; d--) {
    chain.push({ kind: 'item', col: dashes[d].col, offset: dashes[d].offset, index: 0 });
    col = dashes[d].col;
    level = 'item';
  }
  // Siblings matter at the caret's own level only: the first `own` nodes of the chain are on its line.
  const own = chain.length;
  const siblings = new Set<string>();
  const collectSiblings = context.position === 'key';
  if (collectSiblings) forwardSiblings(text, lineEnd, keyCol, siblings);
  const anchored = () => anchor !== undefined && chain.length > 0 && chain[chain.length - 1].kind === 'item' && chain[chain.length - 1].offset === anchor.dash;
  let end = anchored() ? 0 : lineStart;
  let lines = 0;
  while (end > 0 && lines++ < maxLines) {
    const start = lineStartOf(text, end - 1);
    const lineTo = end - 1;
    end = start;
    // Only lines indented at most as deep as the current node can hold its siblings or parents.
    let ind = start;
    while (ind < lineTo && text.charCodeAt(ind) === 32) ind++;
    if (ind - start > col || ind >= lineTo) continue;
    const tokens = lineTokens(text, start, lineTo);
    if (tokens.length === 0) continue;
    if (tokens[0].col === 0 && tokens[0].kind === 'scalar' && (text.startsWith('---', start) || text.startsWith('...', start))) break;
    for (let t = tokens.length - 1; t >= 0; t--) {
      const token = tokens[t];
      if (token.col > col) continue;
      const atOwnLevel = collectSiblings && chain.length === own;
      if (token.col === col) {
        if (level === 'key' && token.kind === 'key' && atOwnLevel) siblings.add(token.key!);
        else if (level === 'item' && token.kind === 'dash') chain[chain.length - 1].index++;
        else if (level === 'item' && token.kind === 'key') {
          chain.push(nodeOf(token));
          level = 'key';
        }
        continue;
      }
      chain.push(token.kind === 'dash' ? { kind: 'item', col: token.col, offset: token.offset, index: 0 } : token.kind === 'key' ? nodeOf(token) : { kind: 'item', col: token.col, offset: token.offset, index: -1 });
      col = token.col;
      level = token.kind === 'dash' ? 'item' : 'key';
    }
    // At the root, a key has no parent left to find.
    if ((col === 0 && level === 'key' && chain.length > own) || anchored()) break;
  }
  const path: Segment[] = [];
  const dashAt = new Map<number, number>();
  if (anchored()) {
    chain.pop();
    path.push(...anchor!.path);
    dashAt.set(path.length - 1, anchor!.dash);
  }
  chain.reverse();
  const scalars: number[] = [];
  let opaque = false;
  chain.forEach((node, at) => {
    if (node.kind === 'item') {
      if (node.index < 0) opaque = true;
      dashAt.set(path.length, node.offset);
      path.push(Math.max(0, node.index));
    } else {
      path.push(node.name!);
      // The caret's own key (value position) is not a parent: its block header does not put the caret in text.
      if (at < chain.length - 1 || context.position === 'key') {
        if (node.block) scalars.push(path.length - 1);
        else if (node.inline) opaque = true;
      }
    }
  });
  return { ...context, indent: /^ */.exec(before)![0].length, path, scalars, opaque, dashes: dashAt, siblings };
}

function nodeOf(token: LineToken): Node {
  return { kind: 'key', col: token.col, name: token.key, block: token.block, inline: !token.block && token.value !== '', offset: token.offset, index: 0 };
}

/** `key:` or `key: partial` typed before the caret, or undefined when the caret is still in a key. */
function keyColon(rest: string): { key: string; length: number } | undefined {
  const tokens = lineTokens(rest + '\n', 0, rest.length);
  const key = tokens.length === 1 && tokens[0].kind === 'key' ? tokens[0] : undefined;
  if (!key) return undefined;
  const at = rest.search(/[ \t]*:(?:[ \t]|$)/);
  return { key: key.key!, length: at + rest.slice(at).indexOf(':') + 1 };
}

function wordEnd(text: string, offset: number, lineEnd: number, word: RegExp): number {
  let end = offset;
  while (end < lineEnd && word.test(text[end])) end++;
  return end;
}

/** Keys written after the caret's line in the same mapping, up to the first line less indented. */
function forwardSiblings(text: string, from: number, col: number, out: Set<string>): void {
  let start = from + 1;
  while (start <= text.length) {
    const end = lineEndOf(text, start);
    let ind = start;
    while (ind < end && text.charCodeAt(ind) === 32) ind++;
    if (ind < end && text[ind] !== '#' && text[ind] !== '\r') {
      if (ind - start < col) return;
      if (ind - start === col) {
        if (col === 0 && (text.startsWith('---', start) || text.startsWith('...', start))) return;
        const tokens = lineTokens(text, start, end);
        if (tokens[0]?.kind === 'key') out.add(tokens[0].key!);
      }
    }
    if (end >= text.length) return;
    start = end + 1;
  }
}
