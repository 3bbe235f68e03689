// The Backend over Palette's REST API (SaaS or self-hosted), scoped to a project when given one.
import { ApplyJournal, paletteScope } from '../history';
import { ApplyIncompleteError, BackendError, type ApplyRecord, type ApplyRequest, type Backend, type ClusterInfo, type MetadataEdit, type ProfileSummary, type RepavePrediction, type VersionInfo, type VersionRef } from '../types';
import * as applying from './apply';
import * as clusters from './clusters';
import { PaletteHttp, type PaletteHttpOptions } from './http';
import { PendingApplies } from './pendingApply';
import { descriptionOf, paletteMetadata, profileText, revisionOf, tagsToLabels } from './profileText';
import { getProfile, listProfiles, packManifests, profileVariables, readVersionText, versionUid } from './profiles';
import { publish, updateInPlace } from './publish';

export interface PaletteApiOptions extends PaletteHttpOptions {
  /**
   * A folder on this machine where the applies made through this backend are journaled (per endpoint and project),
   * since Palette's API subset has no apply history to read back; without it there is no history, as before.
   */
  historyDir?: string;
}

export class PaletteApiBackend implements Backend {
  readonly kind = 'palette' as const;
  readonly label: string;
  private readonly http: PaletteHttp;
  private readonly journal?: ApplyJournal;
  private readonly pending?: PendingApplies;
  private readonly log: (line: string) => void;

  constructor(options: PaletteApiOptions) {
    this.http = new PaletteHttp(options);
    const host = this.http.baseUrl.replace(/^https?:\/\//, '');
    this.label = this.http.projectUid ? `${host} (project ${this.http.projectUid})` : `${host} (tenant)`;
    this.log = options.log ?? (() => undefined);
    if (options.historyDir) {
      this.journal = new ApplyJournal(options.historyDir, paletteScope(this.http.baseUrl, this.http.projectUid));
      this.pending = new PendingApplies(this.journal.folder);
    }
  }

  listProfiles(signal?: AbortSignal): Promise<ProfileSummary[]> {
    return listProfiles(this.http, signal);
  }

  async readVersion(ref: VersionRef, signal?: AbortSignal): Promise<string> {
    const uid = await versionUid(this.http, ref, signal);
    return readVersionText(this.http, uid, `cluster profile ${ref.name} ${ref.version}`, signal);
  }

  publish(text: string, signal?: AbortSignal): Promise<VersionInfo> {
    return publish(this.http, text, signal);
  }

  updateInPlace(ref: VersionRef, text: string, signal?: AbortSignal): Promise<VersionInfo> {
    return updateInPlace(this.http, ref, text, signal);
  }

  async updateMetadata(ref: VersionRef, edit: MetadataEdit, signal?: AbortSignal): Promise<void> {
    const uid = await versionUid(this.http, ref, signal);
    const what = `cluster profile ${ref.name} ${ref.version}`;
    const profile = await getProfile(this.http, uid, what, signal);
    const description = edit.description ?? descriptionOf(profile.metadata);
    const labels = edit.tags ? tagsToLabels(edit.tags) : (profile.metadata?.labels ?? {});
    const metadata = paletteMetadata({ name: ref.name, description, labels }, revisionOf(profile.metadata));
    await this.http.call('PATCH', `/v1/clusterprofiles/${encodeURIComponent(uid)}/metadata`, { body: { metadata, spec: { version: ref.version } }, signal, what });
  }

  async listClusters(signal?: AbortSignal): Promise<ClusterInfo[]> {
    return Promise.all((await clusters.listClusters(this.http, signal)).map((info) => this.withLastApply(info)));
  }

  async readCluster(name: string, signal?: AbortSignal): Promise<ClusterInfo> {
    const uid = await clusters.clusterUid(this.http, name, signal);
    return this.withLastApply((await clusters.readCluster(this.http, uid, signal)).info);
  }

  /** The journal's newest record, as the local store fills it; an unreadable journal shows no last apply rather than hiding the cluster. */
  private async withLastApply(info: ClusterInfo): Promise<ClusterInfo> {
    if (!this.journal) return info;
    try {
      const records = await this.journal.read(info.name);
      return records.length ? { ...info, lastApply: records[records.length - 1] } : info;
    } catch (error) {
      this.log(`history of ${info.name} not read: ${(error as Error).message}`);
      return info;
    }
  }

  /**
   * The profile as the cluster holds it (spec.clusterProfileTemplates), which stays the applied content after an
   * in-place update. Palette keeps the cluster's values there; for overridden packs the profile's own values are
   * put back, as the Backend contract (and the local store) has it: the flows lay the overrides over this text, and
   * with the override already in it they would see no override to carry and drop it.
   * Limit: the API subset has no read of an applied revision's own values, so after an in-place update the base
   * values of overridden packs (and manifest contents) come from the profile's newest revision.
   */
  async appliedText(cluster: string, signal?: AbortSignal): Promise<string> {
    const uid = await clusters.clusterUid(this.http, cluster, signal);
    const read = await clusters.readCluster(this.http, uid, signal);
    let template = read.template;
    if (!template?.uid) throw new BackendError('not-found', `Not found in Palette: the profile cluster ${cluster} runs.`);
    const profileUid = template.uid;
    const what = `cluster profile ${template.name ?? profileUid}`;
    const overridden = read.info.overrides;
    if (Object.keys(overridden).length) {
      const profile = await getProfile(this.http, profileUid, what, signal);
      const own = new Map((profile.spec?.published ?? profile.spec?.draft)?.packs?.map((p) => [p.name, p.values ?? ''] as const) ?? []);
      template = { ...template, packs: (template.packs ?? []).map((p) => (overridden[p.name] !== undefined && own.has(p.name) ? { ...p, values: own.get(p.name) } : p)) };
    }
    const variables = await profileVariables(this.http, profileUid, what, signal);
    const manifests = await packManifests(this.http, profileUid, template, what, signal);
    return profileText({ name: template.name }, template.profileVersion ?? '', template, variables, manifests);
  }

  setOverride(cluster: string, pack: string, values: string | undefined, signal?: AbortSignal): Promise<void> {
    return applying.setOverride(this.http, cluster, pack, values, signal);
  }

  /**
   * Journaled only once Palette accepted it (applying.apply resolved): a refused or failed apply leaves no line, an
   * apply that switched the cluster and stopped before its repave was approved leaves one saying so. Each step is
   * recorded beside the journal (`<cluster>.pending.json`) before the next, and that record goes once the apply is
   * journaled. A journal that cannot be written does not turn the apply, which Palette made, into a failure; it is logged.
   */
  async apply(request: ApplyRequest, signal?: AbortSignal): Promise<ApplyRecord> {
    const steps = await this.steps(request.cluster);
    try {
      const record = await applying.apply(this.http, request, signal, steps);
      await this.journalize(record);
      await steps.clear().catch((error: Error) => this.log(`pending apply of ${request.cluster} not cleared: ${error.message}`));
      return record;
    } catch (error) {
      if (error instanceof ApplyIncompleteError && error.changed) await this.journalize(error.record);
      throw error;
    }
  }

  private async steps(cluster: string): Promise<applying.ApplySteps> {
    const pending = this.pending;
    if (!pending) return { save: async () => undefined, clear: async () => undefined };
    const earlier = await pending.read(cluster).catch((error: Error) => void this.log(`pending apply of ${cluster} not read: ${error.message}`));
    return { earlier: earlier ?? undefined, save: (record, done) => pending.write(record, done), clear: () => pending.clear(cluster) };
  }

  private async journalize(record: ApplyRecord): Promise<void> {
    if (!this.journal) return;
    try {
      await this.journal.append(record);
    } catch (error) {
      this.log(`apply of ${record.cluster} not recorded in the history: ${(error as Error).message}`);
    }
  }

  /**
   * Palette's API subset has no per-cluster apply history (its audit and event APIs are outside it): this is the
   * journal of the applies made from this machine through this endpoint and project, oldest first; none without historyDir.
   */
  async history(cluster: string, _signal?: AbortSignal): Promise<ApplyRecord[]> {
    return this.journal ? this.journal.read(cluster) : [];
  }

  validateRepave(cluster: string, request: ApplyRequest, signal?: AbortSignal): Promise<RepavePrediction> {
    return applying.validateRepave(this.http, cluster, request, signal);
  }
}
