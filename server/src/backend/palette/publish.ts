// Publishing through Palette: a new name is created published; a new version clones the newest one, rewrites and publishes the clone; each write made once.
import { BackendError, type VersionInfo, type VersionRef } from '../types';
import { isAmbiguous, type PaletteHttp } from './http';
import { labelsToTags, paletteMetadata, profileParts, revisionOf, type ProfileParts } from './profileText';
import { getProfile, listVersions, profileItems, versionUid, type ProfileItem } from './profiles';

const uidPath = (uid: string) => `/v1/clusterprofiles/${encodeURIComponent(uid)}`;

function info(parts: ProfileParts, uid: string, revision: number, notes: string[]): VersionInfo {
  const tags = labelsToTags(parts.labels);
  return { name: parts.name, version: parts.version, uid, revision, publishedAt: new Date().toISOString(), description: parts.description, tags: tags.length ? tags : undefined, ...(notes.length ? { notes } : {}) };
}

/** The last step, publish: a PATCH whose answer was lost (or whose retry found nothing left to publish) is read back. */
async function publishStep(http: PaletteHttp, uid: string, what: string, notes: string[], signal?: AbortSignal): Promise<void> {
  try {
    await http.call('PATCH', `${uidPath(uid)}/publish`, { signal, what });
  } catch (error) {
    if (!(error instanceof BackendError) || error.code === 'cancelled' || error.code === 'unauthorized' || error.code === 'forbidden') throw error;
    // Published and no draft left over: the PATCH took effect though its answer did not say so.
    const profile = await getProfile(http, uid, what, signal).catch(() => undefined);
    if (!profile?.spec?.published || profile.spec.draft) throw error;
    notes.push(`Palette's answer to the publish was lost (${error.message}); reading ${what} back shows it published.`);
  }
}

/** PUT of a profile's content (and its variables when the text has them), then publish: shared by new versions and in-place updates. */
async function writeAndPublish(http: PaletteHttp, uid: string, parts: ProfileParts, revision: number, step: (name: string) => void, notes: string[], signal?: AbortSignal) {
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
  await publishStep(http, uid, what, notes, signal);
}

/**
 * A create or clone, sent once: after an answer that may have been lost (5xx, reset, timeout) or a 409 that follows
 * one, what Palette holds for the name and version decides. What that write makes (`made`: a published profile for
 * a create, an unpublished clone for a clone) is taken as this publish's own; nothing there means nothing was made,
 * so the write goes once more; anything else is reported as it is.
 */
async function writeOnce(http: PaletteHttp, parts: ProfileParts, write: () => Promise<{ uid: string }>, made: 'published' | 'unpublished', notes: string[], signal?: AbortSignal): Promise<string> {
  const label = `${parts.name} ${parts.version}`;
  let lost: BackendError | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return (await write()).uid;
    } catch (error) {
      if (!isAmbiguous(error) && !(lost && error instanceof BackendError && error.code === 'conflict')) throw error;
      lost ??= error as BackendError;
    }
    const items = await profileItems(http, parts.name, parts.version, signal).catch((error: Error) => {
      throw new BackendError(lost!.code, `Publishing ${label}: Palette's answer was lost (${lost!.message}) and Palette could not be read back (${error.message}), so whether Palette made ${label} is unknown: look for it in Palette, or publish again (an unpublished copy left behind is then deleted and made anew; a published one shows as taken).`, lost!.status);
    });
    const ours = items.find((i) => i.published === (made === 'published'));
    if (ours) {
      notes.push(`Palette's answer to the ${made === 'published' ? 'create' : 'clone'} of ${label} was lost (${lost.message}); Palette had made it (uid ${ours.uid}), so it was used, not made again.`);
      return ours.uid;
    }
    if (items.length) {
      throw new BackendError('conflict', `Publishing ${label}: Palette's answer was lost (${lost.message}), and Palette now holds ${label} ${describe(items)}, which this publish did not make; nothing was published.`);
    }
  }
  throw new BackendError(lost!.code, `Publishing ${label} failed: ${lost!.message}; Palette holds no ${label}, so nothing was published.`, lost!.status);
}

function describe(items: ProfileItem[]): string {
  return items.map((i) => `${i.published ? 'published' : 'unpublished'} (uid ${i.uid})`).join(', ');
}

/**
 * Palette says the name and version exist. A published one is taken. An unpublished one, of a name that has
 * published versions, is the clone an interrupted publish left (a publish clones, then publishes): it is deleted,
 * so it does not take the number for good. An unpublished one of a name with nothing published is someone's draft.
 */
async function clearOrphan(http: PaletteHttp, parts: ProfileParts, taken: BackendError, notes: string[], signal?: AbortSignal): Promise<void> {
  const label = `${parts.name} ${parts.version}`;
  const items = await profileItems(http, parts.name, parts.version, signal);
  if (!items.length || items.some((i) => i.published)) throw new BackendError('conflict', `Version ${parts.version} of ${parts.name} is taken in Palette: ${taken.message}`, taken.status);
  if (!(await listVersions(http, parts.name, signal)).length) {
    throw new BackendError('conflict', `${label} exists in Palette as an unpublished draft (uid ${items.map((i) => i.uid).join(', ')}), and ${parts.name} has no published version, so it is not a copy left by an interrupted publish; publish or delete it in Palette first.`);
  }
  for (const item of items) {
    await http.call('DELETE', uidPath(item.uid), { signal, what: `the unpublished copy ${label}` }).catch((error: unknown) => {
      // Gone already (another run cleaned it up) is what was wanted.
      if (!(error instanceof BackendError && error.code === 'not-found')) throw error;
    });
    notes.push(`An unpublished copy of ${label} (uid ${item.uid}) that an interrupted publish left in Palette was deleted.`);
  }
}

export async function publish(http: PaletteHttp, text: string, signal?: AbortSignal): Promise<VersionInfo> {
  const parts = profileParts(text);
  const label = `${parts.name} ${parts.version}`;
  const notes: string[] = [];
  try {
    await http.call('GET', '/v1/clusterprofiles/validate/name', { query: { name: parts.name, version: parts.version }, signal, what: `cluster profile ${label}` });
  } catch (error) {
    if (!(error instanceof BackendError && error.code === 'conflict')) throw error;
    await clearOrphan(http, parts, error, notes, signal);
  }
  const existing = await listVersions(http, parts.name, signal);
  if (existing.some((v) => v.version === parts.version)) throw new BackendError('conflict', `Version ${parts.version} of ${parts.name} is already published in Palette.`);
  const newest = existing.find((v) => v.uid);
  if (!newest?.uid) {
    const body = {
      metadata: paletteMetadata(parts, 1),
      spec: { version: parts.version, template: { cloudType: parts.cloudType, type: parts.type, packs: parts.packs }, variables: parts.variables },
    };
    const create = () => http.call<{ uid: string }>('POST', '/v1/clusterprofiles', { query: { publish: true }, body, signal, what: `cluster profile ${label}` });
    return info(parts, await writeOnce(http, parts, create, 'published', notes, signal), 1, notes);
  }
  // A clone keeps the source's cloud type (the update body has none), so a change of it cannot go through this flow.
  const source = await getProfile(http, newest.uid, `cluster profile ${parts.name} ${newest.version}`, signal);
  const sourceCloud = source.spec?.published?.cloudType;
  if (parts.cloudType && sourceCloud && parts.cloudType !== sourceCloud) {
    throw new BackendError('invalid', `${label} has cloud type ${parts.cloudType} but ${parts.name} ${newest.version} has ${sourceCloud}; Palette cannot change it in a new version. Use a new profile name.`);
  }
  const target = http.projectUid ? { scope: 'project', projectUid: http.projectUid } : { scope: 'tenant' };
  const clone = () =>
    http.call<{ uid: string }>('POST', `${uidPath(newest.uid!)}/clone`, {
      body: { metadata: { name: parts.name, version: parts.version, target } },
      signal,
      what: `cluster profile ${parts.name} ${newest.version}`,
    });
  const uid = await writeOnce(http, parts, clone, 'unpublished', notes, signal);
  let current = `POST ${uidPath(newest.uid)}/clone`;
  try {
    await writeAndPublish(http, uid, parts, 1, (step) => (current = step), notes, signal);
  } catch (error) {
    const failure = error instanceof BackendError ? error : new BackendError('server', (error as Error).message);
    // Cleanup runs even when the caller cancelled: it must not be aborted with the rest. A 404 means it is gone already.
    const cleanup = await http.call('DELETE', uidPath(uid), { what: `the partial copy ${label}` }).then(
      () => 'the partial copy was deleted',
      (e: Error) => (e instanceof BackendError && e.code === 'not-found' ? 'the partial copy was deleted' : `the partial copy (uid ${uid}) could not be deleted (the next publish of ${label} deletes it): ${e.message}`),
    );
    throw new BackendError(failure.code, `Publishing ${label} failed at ${current}: ${failure.message}; ${cleanup}.`, failure.status);
  }
  return info(parts, uid, 1, notes);
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
  const notes: string[] = [];
  await writeAndPublish(http, uid, parts, revision, () => undefined, notes, signal);
  return info(parts, uid, revision, notes);
}
