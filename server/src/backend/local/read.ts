// The local store's read side: published versions with their revisions, cluster records with Updates Available, the text a cluster applied, apply history.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { parseProfile } from '../../core/parse/profile';
import { compareSemver, parseSemver } from '../../core/plan/semver';
import { defaultSyntaxLimits } from '../../core/syntax';
import { isTempFile } from '../atomic';
import { readJournal } from '../history';
import { BackendError, type ApplyRecord, type BackendLog, type ClusterInfo, type ProfileSummary, type VersionInfo, type VersionRef } from '../types';
import { checkVersionText, digestOf } from './digest';
import { describeFsError } from './guard';
import { checkName, checkVersionName, StoreLayout } from './layout';
import { readRecord } from './record';
import { withoutChange, type HistoryLine } from './transaction';

/** `meta/<name>/<version>.json`; a version without one is revision 1. */
export interface VersionMeta {
  revision: number;
  publishedAt?: string;
  description?: string;
  tags?: string[];
  /** `sha256:<hex>` of the version file, written at publish; absent in stores older than digests. */
  digest?: string;
  /** The digests of the earlier revisions kept under `revisions/`, by revision number. */
  revisions?: Record<string, string>;
  /** The meta file exists but does not parse: nothing it would vouch for can be trusted. */
  unreadable?: boolean;
}

export function notFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT' || (error as NodeJS.ErrnoException)?.code === 'ENOTDIR';
}

/** Node leaves the path out of some errors (EISDIR from readFile); the message needs it. */
function withPath(error: unknown, file: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string' && !e.path) e.path = file;
  return error;
}

function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: unknown) => Promise.reject(withPath(error, file)));
}

export function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new BackendError('cancelled', 'Cancelled.');
}

/** Newest first; versions that are not semver sort last, by name. */
export function newestFirst(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x && y) return compareSemver(y, x);
  if (x || y) return x ? -1 : 1;
  return a.localeCompare(b);
}

/** Palette shows a label without a value (`spectro__tag`) as a plain tag. */
function tagsOf(labels: Record<string, string> | undefined): string[] | undefined {
  if (!labels) return undefined;
  return Object.entries(labels).map(([k, v]) => (v === '' || v === 'spectro__tag' ? k : `${k}:${v}`));
}

/** Reads only; LocalStoreBackend adds the writes. */
export class LocalStoreReader {
  readonly kind = 'local' as const;
  readonly label: string;
  protected readonly layout: StoreLayout;

  constructor(
    readonly root: string,
    protected readonly log: BackendLog = () => undefined,
  ) {
    this.layout = new StoreLayout(root);
    this.label = basename(root) || root;
  }

  /** One log line per call: what, where (relative to the store), outcome, time. */
  protected async logged<T>(what: string, target: string, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      await this.open();
      const result = await run();
      this.log(`${what} ${target} ok ${Date.now() - started}ms`);
      return result;
    } catch (thrown) {
      const error = describeFsError(thrown, this.root);
      this.log(`${what} ${target} ${error instanceof BackendError ? error.code : 'error'} ${Date.now() - started}ms`);
      throw error;
    }
  }

  /** Runs before the first call; the writing backend finishes what a killed writer left there. */
  protected open(): Promise<void> {
    return Promise.resolve();
  }

  protected rel(path: string): string {
    return relative(this.root, path) || '.';
  }

  // ---- reading -------------------------------------------------------------------------------

  protected async readMeta(name: string, version: string): Promise<VersionMeta> {
    try {
      const meta = JSON.parse(await readText(this.layout.metaFile(name, version))) as Partial<VersionMeta>;
      return { ...meta, revision: Number.isInteger(meta.revision) && (meta.revision as number) > 0 ? (meta.revision as number) : 1 };
    } catch (error) {
      if (notFound(error)) return { revision: 1 };
      if (error instanceof SyntaxError) return { revision: 1, unreadable: true };
      throw error;
    }
  }

  protected async versionInfo(name: string, version: string, text?: string): Promise<VersionInfo> {
    const meta = await this.readMeta(name, version);
    let description = meta.description;
    let tags = meta.tags;
    if (description === undefined || tags === undefined) {
      const model = parseProfile(text ?? (await this.readRaw(name, version)), defaultSyntaxLimits);
      description ??= model.description?.value;
      tags ??= tagsOf(model.labels?.value);
    }
    return { name, version, revision: meta.revision, publishedAt: meta.publishedAt, description, tags };
  }

  /** The version file as it is, unchecked: for listing, where one broken version must not hide the others. */
  protected async readRaw(name: string, version: string): Promise<string> {
    const file = this.layout.versionFile(name, version);
    try {
      return await readText(file);
    } catch (error) {
      if (notFound(error)) throw new BackendError('not-found', `Version ${version} of profile ${name} is not in the store (${this.rel(file)}).`);
      throw error;
    }
  }

  private readonly warned = new Set<string>();

  /** Once per file per backend: a store older than digests is read, and told so. */
  protected warnOnce(file: string, message: string): void {
    if (this.warned.has(file)) return;
    this.warned.add(file);
    this.log(`warning: ${message}`);
  }

  /**
   * The version's text, checked to read back whole: against the digest written at publish, then as YAML
   * and as a profile of this name and version. Anything else is refused, naming the file, before any
   * apply or update is built on it.
   */
  protected async readVersionFile(name: string, version: string): Promise<string> {
    const text = await this.readRaw(name, version);
    const file = join(this.label, this.rel(this.layout.versionFile(name, version)));
    const meta = await this.readMeta(name, version);
    if (meta.unreadable) throw new BackendError('refused', `The stored version ${file} cannot be checked: its meta file ${this.rel(this.layout.metaFile(name, version))} does not parse. Restore both from version control.`);
    let digest = meta.digest;
    if (digest === undefined) this.warnOnce(file, `${file} has no digest (it was stored before versions carried one); it is checked as YAML only, and gets its digest on the next write that reads it.`);
    else if (digest !== digestOf(text) && meta.revisions?.[meta.revision - 1] === digestOf(text)) {
      // An in-place update was interrupted after its meta file: the file still holds the previous revision, whole.
      this.warnOnce(file, `${file} still holds revision ${meta.revision - 1}: an update in place was interrupted; update it again.`);
      digest = undefined;
    }
    checkVersionText(text, { name, version, digest }, file);
    return text;
  }

  protected async versionsOf(name: string): Promise<string[]> {
    const entries = await readdir(this.layout.profileDir(name), { withFileTypes: true }).catch((error) => {
      if (notFound(error)) return [];
      throw error;
    });
    return entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !isTempFile(e.name))
      .map((e) => e.name.replace(/\.ya?ml$/, ''))
      .sort(newestFirst);
  }

  async listProfiles(signal?: AbortSignal): Promise<ProfileSummary[]> {
    return this.logged('list', 'profiles', async () => {
      const entries = await readdir(this.layout.profilesDir(), { withFileTypes: true }).catch((error) => {
        if (notFound(error)) return [];
        throw error;
      });
      const out: ProfileSummary[] = [];
      for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
        checkAborted(signal);
        const versions: VersionInfo[] = [];
        for (const version of await this.versionsOf(entry.name)) versions.push(await this.versionInfo(entry.name, version));
        if (versions.length) out.push({ name: entry.name, versions });
      }
      return out;
    });
  }

  async readVersion(ref: VersionRef, signal?: AbortSignal): Promise<string> {
    checkAborted(signal);
    return this.logged('read', `${ref.name}@${ref.version}`, () => this.readVersionFile(ref.name, ref.version));
  }

  protected async readStoredCluster(name: string) {
    const file = this.layout.clusterFile(name);
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      if (notFound(error)) throw new BackendError('not-found', `There is no cluster ${name} in the store (${this.rel(file)}).`);
      throw error;
    }
    const stored = readRecord(text, this.rel(file));
    if (stored.cluster.name !== name) throw new BackendError('invalid', `The cluster record ${this.rel(file)} is named ${stored.cluster.name}; rename the file or the record so they match.`);
    return { ...stored, text, file };
  }

  protected async clusterInfo(name: string): Promise<ClusterInfo> {
    const { cluster, appliedRevision } = await this.readStoredCluster(name);
    let updatesAvailable = false;
    if (cluster.profile && appliedRevision !== undefined) {
      try {
        checkName(cluster.profile.name, 'profile name');
        checkVersionName(cluster.profile.version);
        const exists = await readFile(this.layout.versionFile(cluster.profile.name, cluster.profile.version)).then(() => true, () => false);
        updatesAvailable = exists && (await this.readMeta(cluster.profile.name, cluster.profile.version)).revision > appliedRevision;
      } catch {
        // A record naming an impossible profile shows as is; applying to it reports the problem.
      }
    }
    const history = await this.readHistory(name);
    return { ...cluster, appliedRevision, updatesAvailable, lastApply: history[history.length - 1] };
  }

  async listClusters(signal?: AbortSignal): Promise<ClusterInfo[]> {
    return this.logged('list', 'clusters', async () => {
      const entries = await readdir(this.layout.clustersDir(), { withFileTypes: true }).catch((error) => {
        if (notFound(error)) return [];
        throw error;
      });
      const out: ClusterInfo[] = [];
      for (const entry of entries.filter((e) => e.isFile() && /\.yaml$/.test(e.name) && !isTempFile(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
        checkAborted(signal);
        try {
          out.push(await this.clusterInfo(entry.name.replace(/\.yaml$/, '')));
        } catch (error) {
          // One broken record must not hide the others; readCluster reports it in full.
          if (!(error instanceof BackendError)) throw error;
          this.log(`skipped clusters/${entry.name}: ${error.message}`);
        }
      }
      return out;
    });
  }

  async readCluster(name: string, signal?: AbortSignal): Promise<ClusterInfo> {
    checkAborted(signal);
    return this.logged('read', `cluster ${name}`, () => this.clusterInfo(checkName(name, 'cluster name')));
  }

  async appliedText(cluster: string, signal?: AbortSignal): Promise<string> {
    checkAborted(signal);
    return this.logged('read', `applied ${cluster}`, async () => {
      const { cluster: record, appliedRevision = 1 } = await this.readStoredCluster(checkName(cluster, 'cluster name'));
      if (!record.profile) throw new BackendError('not-found', `Cluster ${cluster} has no profile applied yet.`);
      const { name, version } = record.profile;
      const meta = await this.readMeta(name, version);
      if (appliedRevision >= meta.revision) return this.readVersionFile(name, version);
      try {
        const file = this.layout.revisionFile(name, version, appliedRevision);
        const text = await readText(file);
        checkVersionText(text, { name, version, digest: meta.revisions?.[appliedRevision] }, this.rel(file));
        return text;
      } catch (error) {
        if (notFound(error)) throw new BackendError('not-found', `Revision ${appliedRevision} of ${name} ${version}, which ${cluster} applied, is not in the store (${this.rel(this.layout.revisionFile(name, version, appliedRevision))}).`);
        throw error;
      }
    });
  }

  protected async readHistory(cluster: string): Promise<ApplyRecord[]> {
    const file = this.layout.historyFile(cluster);
    return ((await readJournal(file).catch((error: unknown) => Promise.reject(withPath(error, file)))) as HistoryLine[]).map(withoutChange);
  }

  /** Oldest first, as appended. */
  async history(cluster: string, signal?: AbortSignal): Promise<ApplyRecord[]> {
    checkAborted(signal);
    return this.logged('read', `history ${cluster}`, () => this.readHistory(checkName(cluster, 'cluster name')));
  }
}

/** Same YAML data, whatever the formatting and comments; text equality when either side does not parse. */
export function sameValues(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return isDeepStrictEqual(parse(a) ?? null, parse(b) ?? null);
  } catch {
    return false;
  }
}

