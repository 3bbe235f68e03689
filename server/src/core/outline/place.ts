// Where a YAML node sits in the outer text, for the outer document and for documents embedded in its strings alike.
import type { Span } from '../types';

export interface Place {
  /** The outer text, where every span ends up. */
  text: string;
  /** Inner offset to outer offset; the identity for the outer document. */
  toOuter(inner: number): number;
}

export function outerPlace(text: string): Place {
  return { text, toOuter: (offset) => offset };
}

/** The node's span in the outer text, ending after its last non-blank character (no trailing line break). */
export function spanIn(place: Place, node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  if (!range) return undefined;
  const start = place.toOuter(range[0]);
  return { start, end: trimEnd(place.text, start, place.toOuter(range[1])) };
}

/** Span from `from` (a key) to the end of `to` (its value), or the key alone when the value has no range. */
export function spanFrom(place: Place, from: unknown, to: unknown): Span | undefined {
  const head = spanIn(place, from);
  const tail = spanIn(place, to);
  if (!head) return tail;
  return { start: head.start, end: Math.max(head.end, tail?.end ?? head.end) };
}

/** Moves `end` back over whitespace, never before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && isBlank(text.charCodeAt(e - 1))) e--;
  return Math.max(e, start);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** A short one-line rendering of a scalar for a symbol's detail. */
export function shortText(value: string, max = 60): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
