// The one module for custom requests and notifications between the client and the server.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Which kind a document is, as the server decided, so the client can show it. */
export interface DocumentKindParams {
  uri: string;
}
export interface DocumentKindResult {
  kind: string;
}
export const DocumentKindRequest = new RequestType<DocumentKindParams, DocumentKindResult, void>('paletteProfile/documentKind');

/** Sent by the server after it has published diagnostics for a version; tests and the status bar listen. */
export interface ValidatedParams {
  uri: string;
  version: number;
  problems: number;
  millis: number;
}
export const ValidatedNotification = new NotificationType<ValidatedParams>('paletteProfile/validated');

/** Initialization options the client passes; each has a default in the server's settings module. */
export interface InitializationOptions {
  maxFileSizeMB?: number;
  /** The `paletteProfileStudio` settings section, for clients that cannot answer `workspace/configuration`. */
  settings?: Record<string, unknown>;
  /** The same section under its own name, as Helix sends its `config` table (`config.paletteProfileStudio`). */
  paletteProfileStudio?: Record<string, unknown>;
}

/** What the user picked to compare a profile with; `auto` follows the `baseline.mode` setting. */
export type BaselineChoice =
  | { kind: 'auto' }
  | { kind: 'none' }
  | { kind: 'git' }
  | { kind: 'file'; uri: string }
  | { kind: 'version'; name: string; version: string }
  | { kind: 'cluster'; name: string }
  /** An exact text to compare with, such as what a cluster runs (its overrides in place), given by the review. */
  | { kind: 'snapshot'; label: string; text: string };

/** What a profile is compared with, as the status bar and pickers show it. */
export interface BaselineInfo {
  uri: string;
  choice: BaselineChoice;
  /** Where the baseline came from; `none` when nothing was found or chosen. */
  source: 'store' | 'workspace' | 'git' | 'file' | 'cluster' | 'snapshot' | 'none';
  /** Short, for the status bar: "edge-retail 1.0.0 (store)". */
  label: string;
  /** Longer, for tooltips: the path or the cluster and its version. */
  detail: string;
  /** Why the chosen baseline could not be used, when it could not. */
  problem?: string;
}

export interface BaselineParams {
  uri: string;
}
export const BaselineInfoRequest = new RequestType<BaselineParams, BaselineInfo, void>('paletteProfile/baselineInfo');

export interface SetBaselineParams {
  uri: string;
  choice: BaselineChoice;
}
export const SetBaselineRequest = new RequestType<SetBaselineParams, BaselineInfo, void>('paletteProfile/setBaseline');

export interface BaselineCandidate {
  label: string;
  description: string;
  choice: BaselineChoice;
}
export const BaselineCandidatesRequest = new RequestType<BaselineParams, { candidates: BaselineCandidate[] }, void>('paletteProfile/baselineCandidates');

/** Sent when a document's baseline changes (picked, or a store or workspace file changed). */
export const BaselineChangedNotification = new NotificationType<BaselineInfo>('paletteProfile/baselineChanged');

/** The text of a document's baseline, for the client's read-only side of a diff. */
export interface BaselineTextResult {
  info: BaselineInfo;
  text?: string;
}
export const BaselineTextRequest = new RequestType<BaselineParams, BaselineTextResult, void>('paletteProfile/baselineText');

/** Commands a code lens or code action runs on the client. */
export const clientCommands = {
  reviewChanges: 'paletteProfileStudio.reviewChanges',
  chooseBaseline: 'paletteProfileStudio.chooseBaseline',
  convertToProfileYaml: 'paletteProfileStudio.convertToProfileYaml',
} as const;
