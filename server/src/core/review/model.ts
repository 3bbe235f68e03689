// What the review panel shows for one plan: the roll-up in words, changes by layer and pack, findings, overrides and conflicts.
import type { Certainty, Impact } from '../plan/model';
import type { Severity, Span } from '../types';

export interface ReviewTarget {
  profile: string;
  fromVersion?: string;
  toVersion?: string;
  /** Set when the pending side is what Apply would send to this cluster. */
  cluster?: string;
  /** "Edge K3s", "Edge RKE2", "PXK-E", "non-Edge". */
  clusterKind: string;
}

export interface ReviewChange {
  /** Stable within one review: used by the panel's "reveal" link and filters. */
  id: string;
  path: string;
  change: 'added' | 'removed' | 'modified';
  /** Short display of the values, secrets masked. */
  before?: string;
  after?: string;
  impact: Impact;
  certainty: Certainty;
  reason: string;
  rule: string;
  source: string;
  /** Where to reveal it: the side and the outer offsets in that side's text. */
  side: 'current' | 'pending';
  span?: Span;
  /** Both places, for a diff editor that reveals the change on each side (offsets in the texts `reviewSides` returns). */
  currentSpan?: Span;
  pendingSpan?: Span;
}

export interface ReviewPack {
  layer: string;
  /** '' for profile-level changes (version, variables). */
  pack: string;
  impact: Impact;
  changes: ReviewChange[];
}

export interface ReviewFinding {
  severity: Severity;
  code: string;
  message: string;
  side: 'current' | 'pending';
  span?: Span;
  source?: string;
}

export interface ReviewOverride {
  /** Stable within one review, used by resolution messages. */
  id: string;
  pack: string;
  path: string;
  /** The cluster's value (masked when secret). */
  value?: string;
  note?: string;
}

export interface ReviewConflict {
  id: string;
  pack: string;
  path: string;
  base?: string;
  mine?: string;
  theirs?: string;
  /** Set once the pending side holds one of the two values (or another one). */
  resolved?: 'mine' | 'theirs' | 'edited';
  span?: Span;
}

export interface LeftBehind {
  pack: string;
  /** `Kind/namespace/name` or a manifest name. */
  resource: string;
  reason: string;
}

export interface ReviewModel {
  target: ReviewTarget;
  impact: Impact;
  certainty: Certainty;
  /** The sentence a reviewer acts on, e.g. "Applying 1.1.0 to store-042 will repave all nodes, control plane first, because …". */
  headline: string;
  counts: Record<Impact, number>;
  packs: ReviewPack[];
  findings: ReviewFinding[];
  /** Any error finding blocks Apply and Publish. */
  blocked: boolean;
  kept: ReviewOverride[];
  conflicts: ReviewConflict[];
  /** Overrides that cannot be carried (the new version removed their key or pack). */
  dropped: ReviewOverride[];
  leftBehind: LeftBehind[];
}
