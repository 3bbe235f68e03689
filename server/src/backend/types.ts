// The one interface the editor and the CLI publish and apply through: a local store folder or Palette's REST API.
import type { ClusterFile } from '../core/cluster/record';
import type { Impact } from '../core/plan/model';

export interface VersionRef {
  name: string;
  version: string;
  /** Palette's uid of this version; the local store has none. */
  uid?: string;
}

export interface VersionInfo extends VersionRef {
  /** ISO time the version was (last) published. */
  publishedAt?: string;
  /** Bumped by Update Version in Place; clusters that applied an older revision show Updates Available. */
  revision: number;
  description?: string;
  tags?: string[];
  /** What a publish met on its way and settled (an answer lost, a copy an interrupted publish left), one sentence each. */
  notes?: string[];
}

export interface ProfileSummary {
  name: string;
  /** Newest first (semver order). */
  versions: VersionInfo[];
}

export interface ApplyRecord {
  /** ISO time. */
  at: string;
  cluster: string;
  from?: VersionRef & { revision?: number };
  to: VersionRef & { revision: number };
  impact: Impact;
  repaveApproved: boolean;
  result: 'applied' | 'failed';
  message?: string;
}

export interface ClusterInfo extends ClusterFile {
  uid?: string;
  /** The revision of `profile` the cluster last applied. */
  appliedRevision?: number;
  /** The version it runs was updated in place after it was applied (Palette's "Updates Available"). */
  updatesAvailable: boolean;
  lastApply?: ApplyRecord;
}

export interface ApplyRequest {
  cluster: string;
  /** The version to apply (an older one rolls back). */
  to: VersionRef;
  /** Per pack name, the values the cluster will hold (its overrides carried over, conflicts resolved). */
  overrides: Record<string, string>;
  variables: Record<string, string>;
  /** The plan's impact, recorded in the history. */
  impact: Impact;
  /** The user approved a repave; a backend refuses a repaving apply without it. */
  repaveApproved: boolean;
}

export interface MetadataEdit {
  description?: string;
  tags?: string[];
}

/** The server's own prediction (Palette's `validate/repave`), shown beside ours. */
export interface RepavePrediction {
  repave: boolean;
  reasons: string[];
}

export interface Backend {
  readonly kind: 'local' | 'palette';
  /** For messages and the views: ".palette" or "api.spectrocloud.com (project …)". */
  readonly label: string;
  listProfiles(signal?: AbortSignal): Promise<ProfileSummary[]>;
  /** The version's profile YAML (Palette's import/export shape). */
  readVersion(ref: VersionRef, signal?: AbortSignal): Promise<string>;
  /** Publishes a new version (name and version from its metadata); a taken version fails with `conflict`, never overwrites. */
  publish(text: string, signal?: AbortSignal): Promise<VersionInfo>;
  /** Replaces a published version's content (not recommended; clusters using it show Updates Available). */
  updateInPlace(ref: VersionRef, text: string, signal?: AbortSignal): Promise<VersionInfo>;
  updateMetadata(ref: VersionRef, edit: MetadataEdit, signal?: AbortSignal): Promise<void>;
  listClusters(signal?: AbortSignal): Promise<ClusterInfo[]>;
  readCluster(name: string, signal?: AbortSignal): Promise<ClusterInfo>;
  /** The profile text the cluster runs: the revision it applied, even after an in-place update. */
  appliedText(cluster: string, signal?: AbortSignal): Promise<string>;
  /** Sets (or with `undefined` removes) the cluster's override of one pack's values. */
  setOverride(cluster: string, pack: string, values: string | undefined, signal?: AbortSignal): Promise<void>;
  apply(request: ApplyRequest, signal?: AbortSignal): Promise<ApplyRecord>;
  history(cluster: string, signal?: AbortSignal): Promise<ApplyRecord[]>;
  /** Only Palette predicts repaves itself. */
  validateRepave?(cluster: string, request: ApplyRequest, signal?: AbortSignal): Promise<RepavePrediction>;
}

export type BackendErrorCode = 'not-found' | 'conflict' | 'unauthorized' | 'forbidden' | 'refused' | 'invalid' | 'network' | 'timeout' | 'rate-limited' | 'server' | 'cancelled' | 'incomplete';

/** Every backend failure: a message a user can act on, never holding a secret. */
export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/**
 * An apply that changed the cluster and then stopped short (its repave not approved because a later call failed):
 * `record` is what holds now, as journaled; the message names the cluster's state and what finishes the apply.
 */
export class ApplyIncompleteError extends BackendError {
  constructor(
    message: string,
    readonly record: ApplyRecord,
    /** This run changed the cluster (journaled as `record`); false when it found the state as an earlier run left it. */
    readonly changed: boolean,
  ) {
    super('incomplete', message);
    this.name = 'ApplyIncompleteError';
  }
}

/** One line per backend call for the output channel: method, path, status, time. Never headers or bodies. */
export type BackendLog = (line: string) => void;
