// The messages between the review panel's webview and the extension: one union per direction, shared by both bundles.
import type { ReviewModel } from '../../../server/src/core/review/model';

/** What the reviewer compares: decides which buttons the panel shows. */
export type ReviewKind = 'file' | 'versions' | 'cluster';

export interface ReviewView {
  /** Bumped on every recompute; the webview acknowledges the revision it rendered. */
  revision: number;
  kind: ReviewKind;
  /** "store-042: edge-retail 1.0.0 → 1.1.0". */
  title: string;
  /** The two sides' names, as the diff editor titles them. */
  left: string;
  right: string;
  model: ReviewModel;
  /** Apply (cluster) or Publish (file): whether the extension would run it, and why not. */
  action?: { kind: 'apply' | 'publish'; enabled: boolean; why?: string };
  /** The action is done (the cluster runs the version, nothing pending; the file is published): the panel says so instead of a plan. */
  outcome?: { message: string; next?: string };
}

export type ToWebview =
  | { type: 'plan'; view: ReviewView }
  | { type: 'stale'; reason: string }
  | { type: 'failed'; message: string }
  | { type: 'notice'; message: string }
  /** Tests ask what the DOM shows, to prove the webview rendered document text as text. */
  | { type: 'probe'; id: number };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; revision: number }
  | { type: 'reveal'; side: 'current' | 'pending'; start: number; end: number }
  | { type: 'resolve'; conflict: string; choice: 'mine' | 'theirs' | 'edit' }
  | { type: 'apply'; revision: number }
  | { type: 'publish'; revision: number }
  /** The outcome's next step (after Publish: apply the version to the clusters on older ones). */
  | { type: 'next' }
  | { type: 'copyMarkdown' }
  | { type: 'openSource'; url: string }
  | { type: 'probed'; id: number; text: string; scripts: number; styles: number; theme: string; applyDisabled?: boolean };
