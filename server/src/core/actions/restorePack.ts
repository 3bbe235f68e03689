// Puts a pack the pending version removed back, copied as written in the baseline, after the pack that preceded it.
import type { PackModel, ProfileModel } from '../parse/profile';
import { packLayer, packName } from '../plan/diff';
import type { ProfileChange } from '../plan/model';
import type { OffsetEdit } from './edits';

/** Pending pack → baseline pack, matched as diffProfiles matches them: by name and layer, in order. */
export function packPairs(baseline: ProfileModel, pending: ProfileModel): Map<PackModel, PackModel> {
  const queues = new Map<string, PackModel[]>();
  const key = (p: PackModel) => `${packName(p)}\u0000${packLayer(p)}`;
  for (const a of baseline.packs) queues.set(key(a), [...(queues.get(key(a)) ?? []), a]);
  const pairs = new Map<PackModel, PackModel>();
  for (const b of pending.packs) {
    const a = queues.get(key(b))?.shift();
    if (a) pairs.set(b, a);
  }
  return pairs;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

/** Where a block sequence item's dash sits: the column and the offset of its line, or undefined for flow or odd layouts. */
function dashOf(text: string, pack: PackModel): { line: number; column: number } | undefined {
  const line = lineStart(text, pack.span.start);
  const m = /^( *)- +$/.exec(text.slice(line, pack.span.start));
  return m ? { line, column: m[1].length } : undefined;
}

/** Offset of the line break ending the item's last line (or the text's length). */
function itemEnd(text: string, pack: PackModel): number {
  let last = pack.span.end;
  while (last > pack.span.start && /\s/.test(text[last - 1])) last--;
  const end = text.indexOf('\n', last);
  return end < 0 ? text.length : end;
}

function itemLines(text: string, pack: PackModel): string[] | undefined {
  const dash = dashOf(text, pack);
  return dash ? text.slice(dash.line, itemEnd(text, pack)).replace(/\r$/, '').split(/\r?\n/) : undefined;
}

export function restorePack(baseline: ProfileModel, pending: ProfileModel, change: ProfileChange): OffsetEdit[] | undefined {
  const a = baseline.packs.find((p) => p.span.start === change.currentSpan?.start && packName(p) === change.pack);
  const first = pending.packs[0];
  if (!a || !first) return undefined;
  const lines = itemLines(baseline.text, a);
  const from = dashOf(baseline.text, a);
  const to = dashOf(pending.text, first);
  if (!lines || !from || !to) return undefined;
  const shift = to.column - from.column;
  const moved: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' || shift === 0) moved.push(line);
    else if (shift > 0) moved.push(' '.repeat(shift) + line);
    else if (line.startsWith(' '.repeat(-shift))) moved.push(line.slice(-shift));
    else return undefined;
  }
  const eol = pending.text.includes('\r\n') ? '\r\n' : '\n';
  // After the nearest earlier baseline pack that pending still has; first when none is left.
  const pairs = packPairs(baseline, pending);
  const kept = new Map([...pairs].map(([b, base]) => [base, b]));
  const before = baseline.packs.slice(0, a.index).reverse().map((p) => kept.get(p)).find((p) => p !== undefined);
  let at: number;
  if (before) {
    const end = itemEnd(pending.text, before);
    if (end === pending.text.length) return [{ start: end, end, newText: eol + moved.join(eol) }];
    at = end + 1;
  } else at = to.line;
  return [{ start: at, end: at, newText: moved.join(eol) + eol }];
}
