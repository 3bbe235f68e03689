// The local store backend: a git-friendly folder of published profile versions, cluster records and apply history; no account, no network.
import { stat } from 'node:fs/promises';
import { parseProfile } from '../../core/parse/profile';
import { parseSemver } from '../../core/plan/semver';
import { defaultSyntaxLimits } from '../../core/syntax';
import { AlreadyExistsError, createExclusive, writeFileAtomic } from '../atomic';
import { appendRecord } from '../history';
import { BackendError, type ApplyRecord, type ApplyRequest, type Backend, type MetadataEdit, type VersionInfo, type VersionRef } from '../types';
import { digestOf } from './digest';
import { checkWritable, sweepTemps } from './guard';
import { checkName, checkVersionName } from './layout';
import { withLock } from './lock';
import { checkAborted, LocalStoreReader, sameValues, type VersionMeta } from './read';
import { updateRecordText, type RecordUpdate } from './record';
import { recoverApplies, storeHooks, type HistoryLine } from './transaction';

export { StoreLayout, isValidName } from './layout';
export { LocalStoreReader, newestFirst, sameValues } from './read';
export { confineStorePath } from './confine';
export { storeHooks } from './transaction';

export class LocalStoreBackend extends LocalStoreReader implements Backend {
  /** Runs `task` after every earlier task on the same key in this process: read-modify-write of one file never interleaves. */
  protected serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(() => undefined, () => undefined);
    locks.set(key, tail);
    void tail.then(() => locks.get(key) === tail && locks.delete(key));
    return run;
  }

  /**
   * Runs a write holding the store's lock (one writer per store across processes, and in this process
   * one after another), after finishing any apply a killed writer left half done and sweeping the temp
   * files killed writes left behind.
   */
  protected writing<T>(task: () => Promise<T>): Promise<T> {
    return this.serialized(this.root, () =>
      withLock(this.layout.lockFile(), async () => {
        for (const line of await recoverApplies(this.root, this.layout, (file, text) => this.put(file, text))) this.log(line);
        const swept = await sweepTemps(this.root);
        if (swept.length) this.log(`removed ${swept.length} temp file${swept.length === 1 ? '' : 's'} left by interrupted writes: ${swept.join(', ')}`);
        return task();
      }),
    );
  }

  private opened?: Promise<void>;
  /** Whether opening may write (finish an interrupted apply, sweep temp files); an untrusted workspace's editor says no. */
  mayWriteOnOpen: () => boolean = () => true;

  /**
   * On first use, an apply a killed writer left in the history only is finished (under the lock), so
   * reads agree with the history. A store that does not exist yet, or cannot be written, is read as is.
   */
  protected override open(): Promise<void> {
    if (!this.opened && !this.mayWriteOnOpen()) return Promise.resolve();
    this.opened ??= stat(this.root).then(
      () => this.writing(async () => undefined).catch((error: unknown) => this.log(`could not check the store for interrupted writes: ${(error as Error).message}`)),
      () => undefined,
    );
    return this.opened;
  }

  /** Writes only where the store may: never through a symbolic link that leads out of it. */
  protected async put(file: string, text: string): Promise<void> {
    await checkWritable(this.root, file);
    await writeFileAtomic(file, text);
  }

  protected async create(file: string, text: string): Promise<void> {
    await checkWritable(this.root, file);
    await createExclusive(file, text);
  }

  protected async writeMeta(name: string, version: string, meta: VersionMeta): Promise<void> {
    await this.put(this.layout.metaFile(name, version), JSON.stringify(meta, null, 2) + '\n');
  }

  /** A version stored before digests gets its digest on the first write that reads it, now that it has been checked. */
  protected async digestLegacy(name: string, version: string, text: string): Promise<void> {
    const meta = await this.readMeta(name, version);
    if (meta.digest === undefined) await this.writeMeta(name, version, { ...meta, digest: digestOf(text) });
  }

  /** Name and version from the profile's own metadata, checked: what publish and updateInPlace file it under. */
  protected identify(text: string): { name: string; version: string } {
    const model = parseProfile(text, defaultSyntaxLimits);
    const syntax = model.problems.find((p) => p.severity === 'error');
    if (syntax) throw new BackendError('invalid', `The profile cannot be read: ${syntax.message}`);
    const name = model.name?.value;
    const version = model.version?.value;
    if (!name) throw new BackendError('invalid', 'The profile has no metadata.name.');
    if (!version) throw new BackendError('invalid', `Profile ${name} has no spec.version.`);
    checkName(name, 'profile name');
    if (!parseSemver(version)) throw new BackendError('invalid', `Version "${version}" is not strict semver (like 1.2.3); Palette rejects it.`);
    checkVersionName(version);
    return { name, version };
  }

  async publish(text: string, signal?: AbortSignal): Promise<VersionInfo> {
    checkAborted(signal);
    const { name, version } = this.identify(text);
    return this.logged('publish', `${name}@${version}`, () =>
      this.writing(async () => {
        const file = this.layout.versionFile(name, version);
        await checkWritable(this.root, this.layout.metaFile(name, version));
        try {
          await this.create(file, text);
        } catch (error) {
          if (error instanceof AlreadyExistsError) throw new BackendError('conflict', `Version ${version} of ${name} already exists in the store; a version number can be used once (publish a new version, or update this one in place).`);
          throw error;
        }
        // A meta file left by an earlier, since deleted, version of the same number starts over. The
        // digest is what every later read checks the version's bytes against.
        await this.writeMeta(name, version, { revision: 1, publishedAt: new Date().toISOString(), digest: digestOf(text) });
        return this.versionInfo(name, version, text);
      }),
    );
  }

  async updateInPlace(ref: VersionRef, text: string, signal?: AbortSignal): Promise<VersionInfo> {
    checkAborted(signal);
    const { name, version } = this.identify(text);
    if (name !== ref.name || version !== ref.version) throw new BackendError('invalid', `The new content is ${name} ${version}, not ${ref.name} ${ref.version}; an in-place update keeps the name and version.`);
    return this.logged('update', `${name}@${version}`, () =>
      this.writing(async () => {
        const old = await this.readVersionFile(name, version);
        const meta = await this.readMeta(name, version);
        if (old === text) return this.versionInfo(name, version, text);
        // Old content first, then the revision, then the content: a crash in between leaves a cluster's
        // applied revision readable, and at worst an Updates Available with nothing new (the version file
        // then still holds the previous revision whole, which its digest in `revisions` vouches for).
        try {
          await this.create(this.layout.revisionFile(name, version, meta.revision), old);
        } catch (error) {
          if (!(error instanceof AlreadyExistsError)) throw error;
        }
        const revisions = { ...meta.revisions, [meta.revision]: digestOf(old) };
        await this.writeMeta(name, version, { ...meta, revision: meta.revision + 1, publishedAt: new Date().toISOString(), digest: digestOf(text), revisions });
        await this.put(this.layout.versionFile(name, version), text);
        return this.versionInfo(name, version, text);
      }),
    );
  }

  async updateMetadata(ref: VersionRef, edit: MetadataEdit, signal?: AbortSignal): Promise<void> {
    checkAborted(signal);
    return this.logged('update-metadata', `${ref.name}@${ref.version}`, () =>
      this.writing(async () => {
        const text = await this.readVersionFile(ref.name, ref.version);
        const meta = await this.readMeta(ref.name, ref.version);
        const next: VersionMeta = { ...meta, digest: meta.digest ?? digestOf(text) };
        if (edit.description !== undefined) next.description = edit.description;
        if (edit.tags !== undefined) next.tags = [...edit.tags];
        await this.writeMeta(ref.name, ref.version, next);
      }),
    );
  }

  protected async rewriteCluster(name: string, update: (stored: Awaited<ReturnType<LocalStoreBackend['readStoredCluster']>>) => Promise<RecordUpdate>): Promise<void> {
    const stored = await this.readStoredCluster(name);
    const text = updateRecordText(stored.text, await update(stored));
    if (text !== stored.text) await this.put(stored.file, text);
  }

  async setOverride(cluster: string, pack: string, values: string | undefined, signal?: AbortSignal): Promise<void> {
    checkAborted(signal);
    if (typeof pack !== 'string' || !pack.trim()) throw new BackendError('invalid', 'An override needs a pack name.');
    checkName(cluster, 'cluster name');
    return this.logged('set-override', `${cluster} ${pack}`, () => this.writing(() => this.rewriteCluster(cluster, async () => ({ override: { pack, values } }))));
  }

  /** Only the packs whose values differ from the version's: an override equal to the version holds nothing. */
  protected overridesFor(versionText: string, wanted: Record<string, string>, file: string): Record<string, string> {
    const model = parseProfile(versionText, defaultSyntaxLimits);
    const out: Record<string, string> = {};
    for (const [pack, values] of Object.entries(wanted)) {
      const inVersion = model.packs.find((p) => p.name?.value === pack);
      // Never dropped quietly: the flow has the user accept a dropped override before it asks for this.
      if (!inVersion) throw new BackendError('refused', `The apply carries an override of pack ${pack}, which ${model.name?.value ?? ''} ${model.version?.value ?? ''} (${file}) does not have; nothing was applied.`);
      if (!sameValues(inVersion.values?.text ?? '', values)) out[pack] = values;
    }
    return out;
  }

  async apply(request: ApplyRequest, signal?: AbortSignal): Promise<ApplyRecord> {
    checkAborted(signal);
    checkName(request.cluster, 'cluster name');
    const { name, version } = request.to;
    return this.logged('apply', `${request.cluster} ${name}@${version}`, () =>
      this.writing(async () => {
        const stored = await this.readStoredCluster(request.cluster);
        if (stored.cluster.status?.toLowerCase() === 'provisioning') throw new BackendError('refused', `Cluster ${request.cluster} is still Provisioning; it cannot be updated until provisioning finishes.`);
        if (request.impact === 'repave' && !request.repaveApproved) throw new BackendError('refused', `Applying ${name} ${version} repaves ${request.cluster}; approve the repave to apply it.`);
        const versionText = await this.readVersionFile(name, version);
        const revision = (await this.readMeta(name, version)).revision;
        const update: RecordUpdate = {
          profile: { name, version, revision },
          overrides: this.overridesFor(versionText, request.overrides, this.rel(this.layout.versionFile(name, version))),
          variables: request.variables,
          repaveApproved: request.impact === 'repave' && request.repaveApproved,
        };
        const text = updateRecordText(stored.text, update);
        checkAborted(signal);
        const historyFile = this.layout.historyFile(request.cluster);
        await checkWritable(this.root, historyFile);
        await checkWritable(this.root, stored.file);
        const previous = stored.cluster.profile;
        const record: ApplyRecord = {
          at: new Date().toISOString(),
          cluster: request.cluster,
          ...(previous ? { from: { name: previous.name, version: previous.version, revision: stored.appliedRevision } } : {}),
          to: { name, version, revision },
          impact: request.impact,
          repaveApproved: request.repaveApproved,
          result: 'applied',
        };
        // History first, holding the record change: a writer killed before the record is written has
        // its apply finished from this line on the store's next write (see recoverApplies).
        const line: HistoryLine = { ...record, change: { before: digestOf(stored.text), after: digestOf(text), update } };
        await appendRecord(historyFile, line);
        await storeHooks.afterHistory?.();
        if (text !== stored.text) await this.put(stored.file, text);
        await this.digestLegacy(name, version, versionText);
        return record;
      }),
    );
  }
}

const locks = new Map<string, Promise<unknown>>();
