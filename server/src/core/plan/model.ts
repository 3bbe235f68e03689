// Shapes shared by the update planner: semantic changes, impacts, findings and the kind of cluster they apply to.
import type { Severity, Span } from '../types';

/** Least to most disruptive; `redeploy` means add-on charts or manifests are re-applied and nodes are untouched. */
export const impactOrder = ['no-op', 'config-reload', 'redeploy', 'service-restart', 'reboot', 'repave'] as const;
export type Impact = (typeof impactOrder)[number];
export type Certainty = 'documented' | 'possible';

export function impactRank(impact: Impact): number {
  return impactOrder.indexOf(impact);
}

/**
 * Where a change sits: `profile` (version, variables), `pack` (a whole pack added or removed),
 * `tag`, `type`, `values` (the pack's values document) or `manifest` (a manifest or one of its objects).
 */
export type ChangePart = 'profile' | 'pack' | 'tag' | 'type' | 'values' | 'manifest';
export type ChangeKind = 'added' | 'removed' | 'modified';

/**
 * One semantic difference between the current and the pending profile.
 *
 * Path format:
 * - pack fields: `tag`, `type`; a whole pack: `` (empty);
 * - values: dotted keys as in valuesTree (`options.system.uri`, whether written nested or dotted),
 *   `[3]` for a list item matched by position, `[name=Time settings]` for a list item matched by its `name`;
 * - manifests: `manifests.<manifest>` for a whole manifest, `manifests.<manifest>[Kind/namespace/name]`
 *   for one Kubernetes object (`[Kind/name]` when it has no namespace, `[#2]` when it has no kind or name),
 *   followed by the field path inside the object; a key holding dots or brackets is written `["a.b/c"]`;
 * - profile: `version`, `variables.<name>`, `variables.<name>.<field>`, `cloudType`.
 */
export interface ProfileChange {
  layer: string;
  pack: string;
  path: string;
  part: ChangePart;
  /** The path's keys without list selectors (`stages.boot.commands`): what the rules match. */
  keyPath: string[];
  change: ChangeKind;
  before: unknown;
  after: unknown;
  /** Outer offsets in the current document. */
  currentSpan?: Span;
  /** Outer offsets in the pending document; for a removal, the nearest place that still exists there. */
  pendingSpan?: Span;
  /** For manifest changes: the manifest name and the object id (`Deployment/ns/name`). */
  manifest?: string;
  object?: string;
}

export interface Classification {
  impact: Impact;
  certainty: Certainty;
  /** Plain words, e.g. "options.system.registry changed and options.system.uri uses it". */
  reason: string;
  /** URL of the docs page the rule comes from. */
  source: string;
  /** The sentence of that page the rule rests on, verbatim; a `documented` rule always has one. */
  quote?: string;
  /** Id of the rule row that decided. */
  rule: string;
  /**
   * For a place whose text did not change but that uses, through macros, a value that did: that
   * value first, then each value passed through (`options.system.osVersion`, `edge-k3s pack.x`).
   */
  via?: string[];
}

export type ImpactedChange = ProfileChange & Classification;

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  /** Outer offsets in the pending document. */
  span?: Span;
  /** Outer offsets in the current document, when the subject exists only there. */
  currentSpan?: Span;
  /** URL of the docs page the check comes from. */
  source?: string;
}

/** `pxk-e` is Palette eXtended Kubernetes - Edge (`edge-k8s`); `pxk` the non-Edge `kubernetes` pack. */
export type Distribution = 'k3s' | 'rke2' | 'pxk-e' | 'pxk' | 'eks' | 'aks' | 'gke' | 'unknown';

export interface ClusterKind {
  edge: boolean;
  distribution: Distribution;
}

/** The side a change's location should be shown on: pending when it exists there. */
export function locationOf(change: { currentSpan?: Span; pendingSpan?: Span }): { side: 'pending' | 'current'; span: Span } | undefined {
  if (change.pendingSpan) return { side: 'pending', span: change.pendingSpan };
  if (change.currentSpan) return { side: 'current', span: change.currentSpan };
  return undefined;
}
