// Shapes shared by the override merge: what a cluster changed, and what became of each change in the new version.
import type { Segment } from './tree';

export type OverrideKind = 'added' | 'changed' | 'removed';

/** One place where the cluster's values differ from its profile version's. Absent values are `undefined`. */
export interface Override {
  path: string;
  segments: Segment[];
  kind: OverrideKind;
  /** The profile version's value; undefined for `added`. */
  base?: unknown;
  /** The cluster's value; undefined for `removed`. */
  value?: unknown;
  /** For an added named-list item: the item before it on the cluster, so it lands in the same place. */
  after?: string;
}

export const alreadyInNewVersion = 'already in new version';

export interface Kept extends Override {
  /** Set when the new version made the same change itself, so nothing had to be carried. */
  note?: typeof alreadyInNewVersion;
}

export type Choice = 'mine' | 'theirs' | { value: unknown };

/** The new version changed a value the cluster had overridden. `mine` undefined: the cluster deleted the key. */
export interface Conflict {
  path: string;
  segments: Segment[];
  kind: OverrideKind;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  after?: string;
  /** Unresolved conflicts keep the new version's value, as Palette does when nothing is carried by hand. */
  resolution?: Choice;
}

export type DropReason = 'key-removed' | 'parent-removed' | 'parent-changed' | 'pack-removed';

/** An override with nowhere to go, because the new version removed the key, its parent, or the pack. */
export interface Dropped extends Override {
  reason: DropReason;
  /** The shortest path the new version no longer has (or now holds a value of another kind). */
  missing: string;
  message: string;
  /** The caller's choice to carry the override anyway (write the value, or for a removal delete it); off by default. */
  readd?: boolean;
}

export type Change = { segments: Segment[]; action: 'set'; value: unknown; after?: string } | { segments: Segment[]; action: 'delete' };

export interface MergeOptions {
  /** Decides each conflict up front; `undefined` leaves the new version's value. */
  resolve?: (conflict: Conflict) => Choice | undefined;
  /** Return true to write a dropped override back, recreating its parents. */
  readd?: (dropped: Dropped) => boolean;
}
