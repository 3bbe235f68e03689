// Picks the planned changes a hover is about, from a plan of this document version or, by key path, of an older one.
import type { ProfileModel } from '../parse/profile';
import type { ClusterKind, ImpactedChange } from '../plan/model';
import { isContainer } from './baselineAt';
import type { Explanation } from './explain';
import { classifyNow } from './rulesAt';

export interface PlanView {
  changes: readonly ImpactedChange[];
  /** True when the plan was computed for the text the explanation was made from, so its spans are exact. */
  fresh: boolean;
}

/**
 * A fresh plan is matched by position: a change belongs to the key whose extent holds its pending
 * span. An older plan's spans point into text that moved, so it is matched by pack and key path,
 * and a scalar's change only when the value it planned is still the value here; otherwise the
 * change from the baseline to this value is classified on the spot.
 */
export function changesAt(explanation: Explanation, plan: PlanView | undefined, profile: ProfileModel, kind: ClusterKind): ImpactedChange[] {
  const scope = explanation.scope;
  if (!scope) return [];
  const own = explanation.ownChange;
  const matches = (plan?.changes ?? []).filter((c) => {
    if (scope.pack !== undefined && c.pack !== scope.pack) return false;
    if (scope.layer !== undefined && c.layer !== scope.layer) return false;
    if (scope.part !== undefined && c.part !== scope.part) return false;
    if (plan!.fresh) return c.pendingSpan !== undefined && c.pendingSpan.start >= scope.extent.start && c.pendingSpan.end <= scope.extent.end;
    return scope.keyPath.every((k, i) => c.keyPath[i] === k);
  });
  if (!plan || plan.fresh) return matches;
  const value = explanation.value;
  if (value && !isContainer(value)) {
    const same = matches.filter((c) => c.keyPath.length === scope.keyPath.length && c.after !== undefined && String(c.after) === value.full);
    if (same.length > 0) return same;
    return own ? [classifyNow(profile, kind, own)] : [];
  }
  return matches;
}
