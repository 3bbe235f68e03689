// Publishing through Palette: a new name is created published; a new version clones the newest one, rewrites and publishes the clone.
import { BackendError, type VersionInfo, type VersionRef } from '../types';
import type { PaletteHttp } from './http';
import { labelsToTags, paletteMetadata, profileParts, revisionOf, type ProfileParts } from './profileText';
import { getProfile, listVersions, versionUid } from './profiles';

const uidPath = (uid: string) => `/v1/clusterprofiles/${encodeURIComponent(uid)}`;

function info(parts: ProfileParts, uid: string, revision: number): VersionInfo {
  const tags = labelsToTags(parts.labels);
  return { name: parts.name, version: parts.version, uid, revision, publishedAt: new Date().toISOString(), description: parts.description, tags: tags.length ? tags : undefined };
}

/** PUT of a profile's content (and its variables when the text has them), then publish: shared by new versions and in-place updates. */
async function writeAndPublish(http: PaletteHttp, uid: string, parts: ProfileParts, revision: number, step: (name: string) => void, signal?: AbortSignal) {
  const what = `cluster profile ${parts.name} ${parts.version}`;
  step(`PUT ${uidPath(uid)}`);
  await http.call('PUT', uidPath(uid), {
    signal,
    what,
    body: { metadata: paletteMetadata(parts, revision), spec: { version: parts.version, template: { type: parts.type, packs: parts.packs } } },
  });
  if (parts.variables) {
    step(`PUT ${uidPath(uid)}/variables`);
    await http.call('PUT', `${uidPath(uid)}/variables`, { signal, what, body: { variables: parts.variables } });
  }
  step(`PATCH ${uidPath(uid)}/publish`);
  await http.call('PATCH', `${uidPath(uid)}/publish`, { signal, what });
}

export async function publish(http: PaletteHttp, text: string, signal?: AbortSignal): Promise<VersionInfo> {
  const parts = profileParts(text);
  const label = `${parts.name} ${parts.version}`;
  try {
    await http.call('GET', '/v1/clusterprofiles/validate/name', { query: { name: parts.name, version: parts.version }, signal, what: `cluster profile ${label}` });
  } catch (error) {
    if (error instanceof BackendError && error.code === 'conflict') {
      throw new BackendError('conflict', `Version ${parts.version} of ${parts.name} is taken in Palette: ${error.message}`, error.status);
    }
    throw error;
  }
  const existing = await listVersions(http, parts.name, signal);
  if (existing.some((v) => v.version === parts.version)) throw new BackendError('conflict', `Version ${parts.version} of ${parts.name} is already published in Palette.`);
  const newest = existing.find((v) => v.uid);
  if (!newest?.uid) {
    const body = {
      metadata: paletteMetadata(parts, 1),
      spec: { version: parts.version, template: { cloudType: parts.cloudType, type: parts.type, packs: parts.packs }, variables: parts.variables },
    };
    const created = await http.call<{ uid: string }>('POST', '/v1/clusterprofiles', { query: { publish: true }, body, signal, what: `cluster profile ${label}` });
    return info(parts, created.uid, 1);
  }
  // A clone keeps the source's cloud type (the update body has none), so a change of it cannot go through this flow.
  const source = await getProfile(http, newest.uid, `cluster profile ${parts.name} ${newest.version}`, signal);
  const sourceCloud = source.spec?.published?.cloudType;
  if (parts.cloudType && sourceCloud && parts.cloudType !== sourceCloud) {
    throw new BackendError('invalid', `${label} has cloud type ${parts.cloudType} but ${parts.name} ${newest.version} has ${sourceCloud}; Palette cannot change it in a new version. Use a new profile name.`);
  }
  const target = http.projectUid ? { scope: 'project', projectUid: http.projectUid } : { scope: 'tenant' };
  const clone = await http.call<{ uid: string }>('POST', `${uidPath(newest.uid)}/clone`, {
    body: { metadata: { name: parts.name, version: parts.version, target } },
    signal,
    what: `cluster profile ${parts.name} ${newest.version}`,
  });
  let current = `POST ${uidPath(newest.uid)}/clone`;
  try {
    await writeAndPublish(http, clone.uid, parts, 1, (step) => (current = step), signal);
  } catch (error) {
    const failure = error instanceof BackendError ? error : new BackendError('server', (error as Error).message);
    // Cleanup runs even when the caller cancelled: it must not be aborted with the rest.
    const cleanup = await http.call('DELETE', uidPath(clone.uid), { what: `the partial copy ${label}` }).then(
      () => 'the partial copy was deleted',
      (e: Error) => `the partial copy (uid ${clone.uid}) could not be deleted, delete it in Palette: ${e.message}`,
    );
    throw new BackendError(failure.code, `Publishing ${label} failed at ${current}: ${failure.message}; ${cleanup}.`, failure.status);
  }
  return info(parts, clone.uid, 1);
}

/** Rewrites a published version (Palette then shows its clusters "Updates Available"); the text must keep its name and version. */
export async function updateInPlace(http: PaletteHttp, ref: VersionRef, text: string, signal?: AbortSignal): Promise<VersionInfo> {
  const parts = profileParts(text);
  if (parts.name !== ref.name || parts.version !== ref.version) {
    throw new BackendError('invalid', `The text is ${parts.name} ${parts.version}, not ${ref.name} ${ref.version}; an in-place update cannot rename or re-version.`);
  }
  const uid = await versionUid(http, ref, signal);
  const profile = await getProfile(http, uid, `cluster profile ${ref.name} ${ref.version}`, signal);
  const revision = revisionOf(profile.metadata) + 1;
  await writeAndPublish(http, uid, parts, revision, () => undefined, signal);
  return info(parts, uid, revision);
}
