// The local store backend: a git-friendly folder of published profile versions, cluster records and apply history; no account, no network.
import { parseProfile } from '../../core/parse/profile';
import { parseSemver } from '../../core/plan/semver';
import { defaultSyntaxLimits } from '../../core/syntax';
import { AlreadyExistsError, createExclusive, writeFileAtomic } from '../atomic';
import { appendRecord } from '../history';
import { BackendError, type ApplyRecord, type ApplyRequest, type Backend, type MetadataEdit, type VersionInfo, type VersionRef } from '../types';
import { checkName, checkVersionName } from './layout';
import { checkAborted, LocalStoreReader, sameValues, type VersionMeta } from './read';
import { updateRecordText, type RecordUpdate } from './record';

export { StoreLayout, isValidName } from './layout';
export { LocalStoreReader, newestFirst, sameValues } from './read';

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
    return this.logged('publish', `${name}@${version}`, async () => {
      const file = this.layout.versionFile(name, version);
      try {
        await createExclusive(file, text);
      } catch (error) {
        if (error instanceof AlreadyExistsError) throw new BackendError('conflict', `Version ${version} of ${name} already exists in the store; a version number can be used once (publish a new version, or update this one in place).`);
        throw error;
      }
      // A meta file left by an earlier, since deleted, version of the same number starts over.
      await writeFileAtomic(this.layout.metaFile(name, version), JSON.stringify({ revision: 1, publishedAt: new Date().toISOString() }, null, 2) + '\n');
      return this.versionInfo(name, version, text);
    });
  }

  async updateInPlace(ref: VersionRef, text: string, signal?: AbortSignal): Promise<VersionInfo> {
    checkAborted(signal);
    const { name, version } = this.identify(text);
    if (name !== ref.name || version !== ref.version) throw new BackendError('invalid', `The new content is ${name} ${version}, not ${ref.name} ${ref.version}; an in-place update keeps the name and version.`);
    return this.logged('update', `${name}@${version}`, () =>
      this.serialized(this.layout.versionFile(name, version), async () => {
        const old = await this.readVersionFile(name, version);
        const meta = await this.readMeta(name, version);
        if (old === text) return this.versionInfo(name, version, text);
        // Old content first, then the revision, then the content: a crash in between leaves a cluster's
        // applied revision readable, and at worst an Updates Available with nothing new.
        try {
          await createExclusive(this.layout.revisionFile(name, version, meta.revision), old);
        } catch (error) {
          if (!(error instanceof AlreadyExistsError)) throw error;
        }
        await writeFileAtomic(this.layout.metaFile(name, version), JSON.stringify({ ...meta, revision: meta.revision + 1, publishedAt: new Date().toISOString() }, null, 2) + '\n');
        await writeFileAtomic(this.layout.versionFile(name, version), text);
        return this.versionInfo(name, version, text);
      }),
    );
  }

  async updateMetadata(ref: VersionRef, edit: MetadataEdit, signal?: AbortSignal): Promise<void> {
    checkAborted(signal);
    return this.logged('update-metadata', `${ref.name}@${ref.version}`, () =>
      this.serialized(this.layout.versionFile(ref.name, ref.version), async () => {
        await this.readVersionFile(ref.name, ref.version);
        const meta = await this.readMeta(ref.name, ref.version);
        const next: VersionMeta = { ...meta };
        if (edit.description !== undefined) next.description = edit.description;
        if (edit.tags !== undefined) next.tags = [...edit.tags];
        await writeFileAtomic(this.layout.metaFile(ref.name, ref.version), JSON.stringify(next, null, 2) + '\n');
      }),
    );
  }

  protected async rewriteCluster(name: string, update: (stored: Awaited<ReturnType<LocalStoreBackend['readStoredCluster']>>) => Promise<RecordUpdate>): Promise<void> {
    const stored = await this.readStoredCluster(name);
    const text = updateRecordText(stored.text, await update(stored));
    if (text !== stored.text) await writeFileAtomic(stored.file, text);
  }

  async setOverride(cluster: string, pack: string, values: string | undefined, signal?: AbortSignal): Promise<void> {
    checkAborted(signal);
    if (typeof pack !== 'string' || !pack.trim()) throw new BackendError('invalid', 'An override needs a pack name.');
    const file = this.layout.clusterFile(checkName(cluster, 'cluster name'));
    return this.logged('set-override', `${cluster} ${pack}`, () => this.serialized(file, () => this.rewriteCluster(cluster, async () => ({ override: { pack, values } }))));
  }

  /** Only the packs whose values differ from the version's: an override equal to the version holds nothing. */
  protected overridesFor(versionText: string, wanted: Record<string, string>): Record<string, string> {
    const model = parseProfile(versionText, defaultSyntaxLimits);
    const out: Record<string, string> = {};
    for (const [pack, values] of Object.entries(wanted)) {
      const inVersion = model.packs.find((p) => p.name?.value === pack);
      if (!inVersion) {
        this.log(`dropped override of ${pack}: not in ${model.name?.value ?? ''} ${model.version?.value ?? ''}`);
        continue;
      }
      if (!sameValues(inVersion.values?.text ?? '', values)) out[pack] = values;
    }
    return out;
  }

  async apply(request: ApplyRequest, signal?: AbortSignal): Promise<ApplyRecord> {
    checkAborted(signal);
    const file = this.layout.clusterFile(checkName(request.cluster, 'cluster name'));
    const { name, version } = request.to;
    return this.logged('apply', `${request.cluster} ${name}@${version}`, () =>
      this.serialized(file, async () => {
        const stored = await this.readStoredCluster(request.cluster);
        if (stored.cluster.status?.toLowerCase() === 'provisioning') throw new BackendError('refused', `Cluster ${request.cluster} is still Provisioning; it cannot be updated until provisioning finishes.`);
        if (request.impact === 'repave' && !request.repaveApproved) throw new BackendError('refused', `Applying ${name} ${version} repaves ${request.cluster}; approve the repave to apply it.`);
        const versionText = await this.readVersionFile(name, version);
        const revision = (await this.readMeta(name, version)).revision;
        const text = updateRecordText(stored.text, {
          profile: { name, version, revision },
          overrides: this.overridesFor(versionText, request.overrides),
          variables: request.variables,
          repaveApproved: request.impact === 'repave' && request.repaveApproved,
        });
        checkAborted(signal);
        if (text !== stored.text) await writeFileAtomic(stored.file, text);
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
        await appendRecord(this.layout.historyFile(request.cluster), record);
        return record;
      }),
    );
  }
}

const locks = new Map<string, Promise<unknown>>();

