// The panel's impact filters: the same review with only the changes of the chosen impacts.
import type { Impact } from '../plan/model';
import type { ReviewModel } from './model';

/**
 * Keeps the changes whose impact is in `impacts` and the packs left with any; an empty list keeps all.
 * Counts, findings, overrides and conflicts stay whole: the filter chips show totals, and a finding
 * or a conflict must stay in view whatever the filter.
 */
export function filterReview(model: ReviewModel, impacts: readonly Impact[]): ReviewModel {
  if (impacts.length === 0) return model;
  const wanted = new Set(impacts);
  const packs = model.packs
    .map((p) => ({ ...p, changes: p.changes.filter((c) => wanted.has(c.impact)) }))
    .filter((p) => p.changes.length > 0);
  return { ...model, packs };
}
