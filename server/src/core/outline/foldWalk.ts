// Folds of one YAML text in its own lines: multi-line keys and list items, and comment blocks.
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { FoldLines, LineOf } from './types';
import { trimEnd } from './place';

export interface Fold extends FoldLines {
  /** Nesting depth, so a cap keeps outer folds (packs, values blocks) before deep ones. */
  depth: number;
}

export const commentDepth = 1000;
const maxDepth = 256;

/** Start offsets of each line of `text`, for texts without an editor's line table (embedded documents). */
export function lineStarts(text: string): Int32Array {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return Int32Array.from(starts);
}

export function lineIn(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Collects folds by start line: one per line (the widest), as editors keep only one there anyway. */
export class FoldSet {
  private readonly byStart = new Map<number, Fold>();

  constructor(
    readonly text: string,
    private readonly lineOf: LineOf,
  ) {}

  /** From the start of `from` (a key, or the item itself) to the last content character of `to`. */
  node(from: unknown, to: unknown, depth: number): void {
    const head = (from as Node | null)?.range;
    const tail = (to as Node | null)?.range;
    if (head && tail) this.add(head[0], trimEnd(this.text, head[0], tail[1]), depth);
  }

  /** `end` is just past the last content character. */
  add(start: number, end: number, depth: number, kind?: 'comment'): void {
    if (end <= start) return;
    const startLine = this.lineOf(start);
    let endLine = this.lineOf(end - 1);
    // A closing bracket alone on its line stays visible, as in JSON editors.
    const close = this.text.charCodeAt(end - 1);
    if ((close === 125 || close === 93) && endLine > startLine && this.onlyOnLine(end - 1)) endLine--;
    if (endLine <= startLine) return;
    const known = this.byStart.get(startLine);
    if (known && (known.endLine > endLine || (known.endLine === endLine && known.depth <= depth))) return;
    this.byStart.set(startLine, kind ? { startLine, endLine, depth, kind } : { startLine, endLine, depth });
  }

  /** In line order. */
  list(): Fold[] {
    return [...this.byStart.values()].sort((a, b) => a.startLine - b.startLine);
  }

  private onlyOnLine(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }
}

export function walk(folds: FoldSet, node: unknown, depth: number): void {
  if (depth > maxDepth) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const value = pair.value;
      const collection = isMap(value) || isSeq(value);
      if (collection || (isScalar(value) && mayBeMultiLine(value))) folds.node(pair.key ?? value, value, depth);
      if (collection) walk(folds, value, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const collection = isMap(item) || isSeq(item);
      if (collection || (isScalar(item) && mayBeMultiLine(item))) folds.node(item, item, depth);
      if (collection) walk(folds, item, depth + 1);
    }
  }
}

/** Most scalars are one plain line; only the rest is worth mapping to lines, which a 50,000-line profile feels. */
function mayBeMultiLine(scalar: Scalar): boolean {
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') return true;
  const range = scalar.range;
  // A folded plain or quoted scalar reads shorter than its source; quotes account for two characters.
  return typeof scalar.source !== 'string' || !range || scalar.source.includes('\n') || range[1] - range[0] > scalar.source.length + 2;
}

/** Runs of two or more full-line comments at the same indentation. */
export function commentBlocks(folds: FoldSet): void {
  const text = folds.text;
  let first = -1;
  let last = -1;
  let indent = -1;
  let lastLineStart = -1;
  for (const match of text.matchAll(/^([ \t]*)#/gm)) {
    const lineStart = match.index;
    const hash = lineStart + match[1].length;
    const consecutive = first >= 0 && match[1].length === indent && text.lastIndexOf('\n', lineStart - 2) + 1 === lastLineStart;
    if (consecutive) last = hash;
    else {
      if (first >= 0 && last > first) folds.add(first, last + 1, commentDepth, 'comment');
      first = last = hash;
      indent = match[1].length;
    }
    lastLineStart = lineStart;
  }
  if (first >= 0 && last > first) folds.add(first, last + 1, commentDepth, 'comment');
}
