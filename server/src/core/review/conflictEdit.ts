// Resolving a conflict in place: the text edits that set or delete one key inside a pack's values in the draft, keeping its comments and layout.
import { clusterView } from '../cluster/view';
import { applyChanges } from '../merge/apply';
import { rewriteValues } from '../merge/profileText';
import type { Change } from '../merge/types';
import { parseProfile } from '../parse/profile';
import { defaultSyntaxLimits, type SyntaxLimits } from '../syntax';
import type { ClusterReviewInput } from './build';
import { conflictId, packNamed, parseMergePath } from './overrides';

/** Offsets in the draft text the edit was computed for; apply from the last to the first (or all at once, as an editor does). */
export interface ReviewTextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface ConflictEditResult {
  edits: ReviewTextEdit[];
  /** Why nothing could be written (no such pack, the draft does not parse, the value cannot be placed without reformatting). */
  problems: string[];
}

/** Sets (or, with `undefined`, deletes) `conflict.path` in the values of `conflict.pack` in the draft. */
export function conflictEdit(draftText: string, conflict: { pack: string; path: string; layer?: string }, value: unknown | undefined, limits: SyntaxLimits = defaultSyntaxLimits): ConflictEditResult {
  const draft = parseProfile(draftText, { ...limits, maxBytes: Math.max(limits.maxBytes, draftText.length) }, { cache: null });
  const pack = packNamed(draft, conflict.pack, conflict.layer);
  if (!pack?.values) return { edits: [], problems: [`The draft has no values string for pack ${conflict.pack}.`] };
  if (pack.values.problems.some((p) => p.severity === 'error')) return { edits: [], problems: [`The values of ${conflict.pack} in the draft do not parse; fix them first.`] };
  const segments = parseMergePath(conflict.path);
  const change: Change = value === undefined ? { segments, action: 'delete' } : { segments, action: 'set', value };
  const written = applyChanges(pack.values.text, [change]);
  if (written.problems.length > 0 || !written.changed) return { edits: [], problems: written.problems };
  const rewrite = rewriteValues(draft, new Map([[pack, written.text]]));
  return { edits: rewrite.edits.map(({ start, end, newText }) => ({ start, end, newText })), problems: rewrite.problems };
}

/**
 * The edit for the panel's "keep mine" / "take new" / "edit" buttons: the raw values stay here (the model
 * only holds masked display strings). `draftText` is the pending side as it is now.
 */
export function resolveConflictEdit(input: ClusterReviewInput, draftText: string, id: string, choice: 'mine' | 'theirs' | { value: unknown }): ConflictEditResult {
  const view = clusterView(input.currentVersion, input.pendingVersion, input.cluster, input.limits ?? defaultSyntaxLimits);
  const conflict = view.merge.conflicts.find((c) => conflictId(c.pack, c.path) === id);
  if (!conflict) return { edits: [], problems: [`No conflict ${id} in this review; it may have been recomputed.`] };
  const value = choice === 'mine' ? conflict.mine : choice === 'theirs' ? conflict.theirs : choice.value;
  return conflictEdit(draftText, conflict, value, input.limits);
}

export function applyTextEdits(text: string, edits: readonly ReviewTextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
