// Carries the plan of the last version that parsed over to a version that does not, so predictions stay on the keys the user did not touch.
import { changedRegion } from '../parse/reparse';
import type { ProfileModel } from '../parse/profile';
import type { Span } from '../types';
import { packLayer, packName } from './diff';
import { worstOf, type Plan } from './plan';

export interface Carried {
  plan: Plan;
  /** Maps an offset of the last good text to this text, or undefined inside the edited region. */
  move(span: Span): Span | undefined;
}

/**
 * `good` is the plan of `goodText` (pending spans in it); `text` is the new text, which does not
 * parse. Everything outside the region the edits cover keeps its prediction, moved to its new place;
 * a pack the region touches is not checked until it parses; profile-level changes in the region are dropped.
 */
export function carryPlan(good: Plan, goodModel: ProfileModel, goodText: string, text: string): Carried {
  const region = changedRegion(goodText, text);
  if (!region) return { plan: good, move: (span) => span };
  const delta = region.newEnd - region.oldEnd;
  const touches = (span: Span) => span.start <= region.oldEnd && span.end >= region.start;
  const move = (span: Span): Span | undefined => {
    if (touches(span)) return undefined;
    return span.start >= region.oldEnd ? { start: span.start + delta, end: span.end + delta } : span;
  };
  const edited = goodModel.packs.filter((p) => touches(p.span)).map((p) => ({ layer: packLayer(p), pack: packName(p) }));
  const isEdited = (c: { layer: string; pack: string }) => edited.some((e) => e.layer === c.layer && e.pack === c.pack);
  const changes = [];
  for (const c of good.changes) {
    if (c.pack && isEdited(c)) continue;
    if (!c.pendingSpan) {
      changes.push(c);
      continue;
    }
    const span = move(c.pendingSpan);
    if (span) changes.push({ ...c, pendingSpan: span });
  }
  const findings = [];
  for (const f of good.findings) {
    if (!f.span) findings.push(f);
    else {
      const span = move(f.span);
      if (span) findings.push({ ...f, span });
    }
  }
  const unchecked = [...good.unchecked.filter((u) => !isEdited(u)), ...edited];
  return { plan: { ...good, ...worstOf(changes), changes, findings, unchecked }, move };
}
