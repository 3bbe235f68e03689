// Reads profile versions from Palette: the dashboard list grouped by name, a version's uid, and a version as our profile text.
import { compareSemver, parseSemver } from '../../core/plan/semver';
import { BackendError, type ProfileSummary, type VersionInfo, type VersionRef } from '../types';
import type { PaletteHttp } from './http';
import { descriptionOf, labelsToTags, profileText, revisionOf } from './profileText';
import type { V1ClusterProfile, V1ClusterProfileSummary, V1ClusterProfileTemplate, V1PackManifestsList, V1Variable } from './shapes';

/** Newest first: semver order, versions that are not semver after, by text. */
export function compareVersionsDesc(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x && y) return compareSemver(y, x);
  if (x || y) return x ? -1 : 1;
  return b.localeCompare(a);
}

function versionInfo(item: V1ClusterProfileSummary): VersionInfo | undefined {
  const name = item.metadata?.name;
  const version = item.specSummary?.version;
  if (!name || !version) return undefined;
  const tags = labelsToTags(item.metadata?.labels);
  return {
    name,
    version,
    uid: item.metadata?.uid,
    revision: revisionOf(item.metadata),
    publishedAt: item.metadata?.lastModifiedTimestamp,
    description: descriptionOf(item.metadata),
    tags: tags.length ? tags : undefined,
  };
}

/** One dashboard item: a version of a profile, published or not (a draft, or a clone an interrupted publish left behind). */
export interface ProfileItem {
  uid: string;
  name: string;
  version: string;
  published: boolean;
}

async function dashboard(http: PaletteHttp, name: string | undefined, signal?: AbortSignal): Promise<V1ClusterProfileSummary[]> {
  const body = { filter: name ? { profileName: { eq: name, ignoreCase: false } } : {}, sort: [] };
  return http.list<V1ClusterProfileSummary>('POST', '/v1/dashboard/clusterprofiles', { body, signal });
}

/** Every item of the name at that version, published or not: what a publish reads to learn what exists. */
export async function profileItems(http: PaletteHttp, name: string, version: string, signal?: AbortSignal): Promise<ProfileItem[]> {
  const out: ProfileItem[] = [];
  for (const item of await dashboard(http, name, signal)) {
    const uid = item.metadata?.uid;
    if (uid && item.metadata?.name === name && item.specSummary?.version === version) out.push({ uid, name, version, published: item.status?.isPublished !== false });
  }
  return out;
}

/** Published versions from the dashboard list (every page), optionally of one name only. */
export async function listVersions(http: PaletteHttp, name: string | undefined, signal?: AbortSignal): Promise<VersionInfo[]> {
  const items = await dashboard(http, name, signal);
  // An unpublished item is a draft (or a clone a failed publish left behind): not a version anyone can apply, and
  // not one that takes its number when a sibling lists it among its versions.
  const unpublished = new Set(items.filter((i) => i.status?.isPublished === false).map((i) => i.metadata?.uid).filter(Boolean));
  const found = new Map<string, VersionInfo>();
  for (const item of items) {
    if (item.status?.isPublished === false) continue;
    const info = versionInfo(item);
    if (!info || (name && info.name !== name)) continue;
    found.set(`${info.name}\n${info.version}`, info);
    // Palette may list one item per name with its other versions in specSummary.versions.
    for (const other of item.specSummary?.versions ?? []) {
      const key = `${info.name}\n${other.version}`;
      if (other.version && !found.has(key) && !unpublished.has(other.uid)) found.set(key, { name: info.name, version: other.version, uid: other.uid, revision: 1 });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || compareVersionsDesc(a.version, b.version));
}

export async function listProfiles(http: PaletteHttp, signal?: AbortSignal): Promise<ProfileSummary[]> {
  const byName = new Map<string, VersionInfo[]>();
  for (const info of await listVersions(http, undefined, signal)) {
    const list = byName.get(info.name) ?? [];
    list.push(info);
    byName.set(info.name, list);
  }
  return [...byName].map(([name, versions]) => ({ name, versions }));
}

/** The uid of a version: the ref's own, else looked up by name and version. */
export async function versionUid(http: PaletteHttp, ref: VersionRef, signal?: AbortSignal): Promise<string> {
  if (ref.uid) return ref.uid;
  const match = (await listVersions(http, ref.name, signal)).find((v) => v.version === ref.version);
  if (!match?.uid) throw new BackendError('not-found', `Not found in Palette: cluster profile ${ref.name} ${ref.version}.`);
  return match.uid;
}

export async function getProfile(http: PaletteHttp, uid: string, what: string, signal?: AbortSignal): Promise<V1ClusterProfile> {
  return http.call<V1ClusterProfile>('GET', `/v1/clusterprofiles/${encodeURIComponent(uid)}`, { signal, what });
}

export async function profileVariables(http: PaletteHttp, uid: string, what: string, signal?: AbortSignal): Promise<V1Variable[]> {
  const result = await http.call<{ variables?: V1Variable[] } | undefined>('GET', `/v1/clusterprofiles/${encodeURIComponent(uid)}/variables`, { signal, what });
  return result?.variables ?? [];
}

/** The contents of the template's manifests (a profile holds only their names); undefined when its packs have none. */
export async function packManifests(http: PaletteHttp, uid: string, template: V1ClusterProfileTemplate, what: string, signal?: AbortSignal): Promise<V1PackManifestsList | undefined> {
  if (!(template.packs ?? []).some((p) => p.manifests?.length)) return undefined;
  return http.call<V1PackManifestsList>('GET', `/v1/clusterprofiles/${encodeURIComponent(uid)}/packs/manifests`, { signal, what });
}

/** A published version as our profile text: the profile, its variables and, when its packs have manifests, their contents. */
export async function readVersionText(http: PaletteHttp, uid: string, what: string, signal?: AbortSignal): Promise<string> {
  const profile = await getProfile(http, uid, what, signal);
  const template = profile.spec?.published ?? profile.spec?.draft;
  if (!template) throw new BackendError('not-found', `Not found in Palette: ${what} has no published content.`);
  const variables = await profileVariables(http, uid, what, signal);
  const manifests = await packManifests(http, uid, template, what, signal);
  return profileText(profile.metadata, profile.spec?.version ?? template.profileVersion ?? '', template, variables, manifests);
}
