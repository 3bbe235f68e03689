// Text edits for one located node of a values document; every byte outside the edited node stays as it was.
import { isCollection, isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Hit } from './locate';
import { renderDocument, renderFlow, renderFlowPair, renderItem, renderPair, renderValue, type Fragment } from './render';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

const lineStart = (text: string, pos: number) => text.lastIndexOf('\n', pos - 1) + 1;
const column = (text: string, pos: number) => pos - lineStart(text, pos);
const spaces = (n: number) => ' '.repeat(Math.max(0, n));
const isBlock = (node: unknown): boolean => isCollection(node) && !node.flow;

/** Just past the line holding `pos - 1`, so a trailing comment goes with the value before it. */
function lineEndAfter(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

function pairEnd(pair: Pair): number {
  return rangeOf(pair.value)?.[1] ?? rangeOf(pair.key)?.[1] ?? 0;
}

/** The dash of a block sequence item, or -1 when something other than spaces comes before the item. */
function dashOf(text: string, item: unknown): number {
  let i = (rangeOf(item)?.[0] ?? 0) - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return text[i] === '-' ? i : -1;
}

function indentLines(lines: string[], indent: number): string {
  return lines.map((line) => (line ? spaces(indent) + line : line)).join('\n');
}

/** Replaces the value a pair or sequence item holds; undefined inside a flow collection when the value needs several lines. */
export function replaceHit(text: string, hit: Hit, value: unknown): Edit | undefined {
  const flow = hit.kind === 'pair' ? hit.map.flow : hit.seq.flow;
  const old = (hit.kind === 'pair' ? hit.pair.value : hit.seq.items[hit.index]) as Node | null;
  if (hit.kind === 'pair') {
    const keyRange = rangeOf(hit.pair.key) ?? [0, 0];
    const after = text.indexOf(':', keyRange[1]) + 1;
    const range = rangeOf(old) ?? [after, after];
    if (flow) return inline(range[0], range[1], renderFlow(value), range[0] === after ? ' ' : '');
    const childIndent = isBlock(old) ? column(text, range[0]) : column(text, keyRange[0]) + 2;
    return place(text, old, range, after, renderValue(value, old), childIndent);
  }
  const range = rangeOf(old) ?? [0, 0];
  if (flow) return inline(range[0], range[1], renderFlow(value), '');
  const dash = dashOf(text, old);
  const sameLine = dash >= 0 && !text.slice(dash, range[0]).includes('\n');
  const childIndent = sameLine ? column(text, range[0]) : column(text, dash) + 2;
  const frag = renderItem(value, old);
  const tail = range[1] > range[0] && text[range[1] - 1] === '\n' ? '\n' : '';
  const head = (range[0] === dash + 1 ? ' ' : '') + (frag.inline ?? '');
  const body = frag.lines.length ? (frag.inline === undefined ? '' : '\n') + indentLines(frag.lines, childIndent) : '';
  return { start: range[0], end: range[1], text: head + body + tail };
}

function inline(start: number, end: number, rendered: string | undefined, lead: string): Edit | undefined {
  return rendered === undefined ? undefined : { start, end, text: lead + rendered };
}

/** `after` is just past the key's colon; a block value starts on the next line, an inline one after a space. */
function place(text: string, old: Node | null, range: [number, number], after: number, frag: Fragment, childIndent: number): Edit {
  const tail = range[1] > range[0] && text[range[1] - 1] === '\n' ? '\n' : '';
  const body = indentLines(frag.lines, childIndent);
  if (isBlock(old) && frag.inline === undefined) {
    return { start: range[0], end: range[1], text: body.slice(childIndent) + tail };
  }
  if (frag.inline !== undefined && frag.lines.length === 0) {
    if (isBlock(old)) return { start: after, end: range[1], text: ` ${frag.inline}${tail}` };
    return { start: range[0], end: range[1], text: (range[0] === after ? ' ' : '') + frag.inline + tail };
  }
  return { start: after, end: range[1], text: (frag.inline === undefined ? '' : ` ${frag.inline}`) + '\n' + body + tail };
}

/** Undefined when the collection would be left empty, or the layout is too unusual to cut lines from. */
export function removeHit(text: string, hit: Hit): Edit | undefined {
  const items: unknown[] = hit.kind === 'pair' ? hit.map.items : hit.seq.items;
  if (items.length <= 1) return undefined;
  const index = hit.kind === 'pair' ? items.indexOf(hit.pair) : hit.index;
  const startOf = (item: unknown) => (hit.kind === 'pair' ? rangeOf((item as Pair).key)?.[0] : rangeOf(item)?.[0]) ?? 0;
  const endOf = (item: unknown) => (hit.kind === 'pair' ? pairEnd(item as Pair) : rangeOf(item)?.[1] ?? 0);
  const start = startOf(items[index]);
  if (hit.kind === 'pair' ? hit.map.flow : hit.seq.flow) {
    if (index < items.length - 1) return { start, end: startOf(items[index + 1]), text: '' };
    return { start: endOf(items[index - 1]), end: endOf(items[index]), text: '' };
  }
  const lead = hit.kind === 'pair' ? start : dashOf(text, items[index]);
  if (lead < 0) return undefined;
  const from = lineStart(text, lead);
  if (text.slice(from, lead).trim() === '') return { start: from, end: lineEndAfter(text, endOf(items[index])), text: '' };
  // The first key of a sequence item shares the dash's line: the next key moves up to take its place.
  if (hit.kind === 'pair' && index === 0) return { start, end: startOf(items[1]), text: '' };
  return undefined;
}

/** Adds `key: value` after `anchor` (by default the last pair), at the anchor's indentation; undefined for an empty `{}`. */
export function insertPair(text: string, map: YAMLMap, key: string, value: unknown, anchor?: Pair): Edit | undefined {
  if (map.items.length === 0) return undefined;
  if (map.flow) {
    const close = text.lastIndexOf('}', (rangeOf(map)?.[1] ?? 1) - 1);
    return inline(close, close, renderFlowPair(key, value), ', ');
  }
  const ref = anchor ?? (map.items[map.items.length - 1] as Pair);
  const keyCol = column(text, rangeOf(ref.key)?.[0] ?? 0);
  return appendLines(text, lineEndAfter(text, pairEnd(ref)), indentLines(renderPair(key, value), keyCol));
}

/** Adds an item after item `afterIndex`, or before the first when it is -1; undefined for an empty `[]`. */
export function insertItem(text: string, seq: YAMLSeq, value: unknown, afterIndex: number): Edit | undefined {
  if (seq.items.length === 0) return undefined;
  if (seq.flow) {
    const at = afterIndex < 0 ? rangeOf(seq.items[0])?.[0] ?? 0 : rangeOf(seq.items[afterIndex])?.[1] ?? 0;
    const rendered = renderFlow(value);
    return inline(at, at, rendered === undefined ? undefined : afterIndex < 0 ? `${rendered}, ` : `, ${rendered}`, '');
  }
  const ref = seq.items[Math.max(0, afterIndex)];
  const dash = dashOf(text, ref);
  if (dash < 0 || text.slice(lineStart(text, dash), dash).trim() !== '') return undefined;
  const dashCol = column(text, dash);
  const frag = renderItem(value);
  const first = spaces(dashCol) + (frag.inline === undefined ? '-' : `- ${frag.inline}`);
  const lines = [first, ...(frag.lines.length ? [indentLines(frag.lines, dashCol + 2)] : [])].join('\n');
  if (afterIndex < 0) return { start: lineStart(text, dash), end: lineStart(text, dash), text: `${lines}\n` };
  return appendLines(text, lineEndAfter(text, rangeOf(ref)?.[1] ?? 0), lines);
}

function appendLines(text: string, at: number, lines: string): Edit {
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) return { start: at, end: at, text: `\n${lines}` };
  return { start: at, end: at, text: `${lines}\n` };
}

/** The whole document's value; comments before and after it stay. */
export function replaceRoot(text: string, root: unknown, value: unknown): Edit {
  const range = rangeOf(root);
  const rendered = renderDocument(value);
  if (!range || (isScalar(root) && root.value === null)) {
    const at = range ? range[0] : text.length;
    return { start: at, end: range ? range[1] : at, text: (at > 0 && text[at - 1] !== '\n' ? '\n' : '') + rendered };
  }
  const tail = text[range[1] - 1] === '\n' ? '\n' : '';
  return { start: range[0], end: range[1], text: rendered + tail };
}
