// Applying a version to a Palette cluster: the profiles PATCH with replaceWithProfile, the server's repave check and approval (resumable step by step), override edits.
import { ApplyIncompleteError, BackendError, type ApplyRecord, type ApplyRequest, type RepavePrediction } from '../types';
import { clusterPath, clusterUid, mainTemplate } from './clusters';
import type { PaletteHttp } from './http';
import type { ApplyStep, PendingApply } from './pendingApply';
import { revisionOf } from './profileText';
import { getProfile, versionUid } from './profiles';
import type { V1ClusterProfileEntity, V1ClusterRepave, V1PackValues, V1RepaveValidation, V1SpectroCluster } from './shapes';

interface Prepared {
  uid: string;
  cluster: V1SpectroCluster;
  entity: V1ClusterProfileEntity;
  revision: number;
  from?: { name: string; version: string; uid?: string };
}

/** The cluster, and the profile entity Palette takes for both validate/repave and the apply PATCH. */
async function prepare(http: PaletteHttp, request: ApplyRequest, signal?: AbortSignal): Promise<Prepared> {
  const uid = await clusterUid(http, request.cluster, signal);
  const cluster = await http.call<V1SpectroCluster>('GET', clusterPath(uid), { signal, what: `cluster ${request.cluster}` });
  const current = mainTemplate(cluster);
  const toUid = await versionUid(http, request.to, signal);
  const label = `cluster profile ${request.to.name} ${request.to.version}`;
  const target = await getProfile(http, toUid, label, signal);
  const packs = target.spec?.published?.packs ?? [];
  const packValues: V1PackValues[] = Object.entries(request.overrides).map(([name, values]) => {
    const pack = packs.find((p) => p.name === name);
    if (!pack) throw new BackendError('invalid', `The override of pack ${name} has no pack to go to: ${request.to.name} ${request.to.version} has no pack ${name}.`);
    return { name, tag: pack.tag, type: pack.type, values };
  });
  const entity: V1ClusterProfileEntity = { uid: toUid, packValues, variables: Object.entries(request.variables).map(([name, value]) => ({ name, value })) };
  // Without replaceWithProfile Palette adds the version as a second profile instead of replacing the one the cluster runs.
  if (current?.uid && current.uid !== toUid) entity.replaceWithProfile = current.uid;
  const from = current?.name ? { name: current.name, version: current.profileVersion ?? '', uid: current.uid } : undefined;
  return { uid, cluster, entity, revision: revisionOf(target.metadata), from };
}

function prediction(result: V1RepaveValidation | undefined): RepavePrediction {
  const reasons = (result?.reasons ?? []).map((r) => {
    const pack = r.pack?.target?.name ?? r.pack?.current?.name;
    const keys = r.pack?.diffConfigKeys?.length ? ` (${r.pack.diffConfigKeys.join(', ')})` : '';
    const text = r.message || r.code || 'repave required';
    return pack ? `${pack}: ${text}${keys}` : `${text}${keys}`;
  });
  return { repave: result?.isRepaveRequired === true, reasons };
}

async function validate(http: PaletteHttp, prepared: Prepared, name: string, signal?: AbortSignal): Promise<RepavePrediction> {
  const result = await http.call<V1RepaveValidation>('POST', `${clusterPath(prepared.uid)}/validate/repave`, {
    body: { profiles: [prepared.entity] },
    signal,
    what: `cluster ${name}`,
    readOnly: true,
  });
  return prediction(result);
}

export async function validateRepave(http: PaletteHttp, cluster: string, request: ApplyRequest, signal?: AbortSignal): Promise<RepavePrediction> {
  return validate(http, await prepare(http, { ...request, cluster }, signal), cluster, signal);
}

/** How an apply records its steps (a pending-apply record beside the journal), and what an earlier run left there. */
export interface ApplySteps {
  earlier?: PendingApply;
  save(record: ApplyRecord, done: ApplyStep): Promise<void>;
  clear(): Promise<void>;
}

const noSteps: ApplySteps = { save: async () => undefined, clear: async () => undefined };

/** The uid of the profile the cluster runs now; undefined when Palette cannot be read. */
async function runningUid(http: PaletteHttp, uid: string, name: string): Promise<string | undefined> {
  try {
    const cluster = await http.call<V1SpectroCluster>('GET', clusterPath(uid), { what: `cluster ${name}` });
    return mainTemplate(cluster)?.uid ?? '';
  } catch {
    return undefined;
  }
}

/**
 * The profiles PATCH. An error may hide a PATCH that took effect (its answer lost, then a retry refused because the
 * profile it replaces is no longer attached), so the cluster is read back: on the version means switched.
 */
async function switchProfile(http: PaletteHttp, prepared: Prepared, name: string, label: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    await http.call('PATCH', `${clusterPath(prepared.uid)}/profiles`, { query: { resolveNotification: true }, body: { profiles: [prepared.entity] }, signal, what: `cluster ${name}` });
    return undefined;
  } catch (error) {
    if (!(error instanceof BackendError)) throw error;
    const was = prepared.from?.uid;
    // Read back even when cancelled: the PATCH may have gone out.
    const now = await runningUid(http, prepared.uid, name);
    if (now === undefined) {
      const unknown = new BackendError(error.code, `${error.message} Palette could not be read back, so whether ${name} now runs ${label} is unknown; run the same apply again to find out and finish it.`, error.status);
      throw Object.assign(unknown, { stateUnknown: true });
    }
    if (now !== prepared.entity.uid || was === prepared.entity.uid) throw error;
    return error.message;
  }
}

/** The version the cluster runs was updated in place since: then a PATCH is still due (it takes the update), not only the approval. */
async function updatePending(http: PaletteHttp, prepared: Prepared, name: string, signal?: AbortSignal): Promise<boolean> {
  const updates = await http.call<{ profiles?: { uid?: string }[] }>('GET', `${clusterPath(prepared.uid)}/profileUpdates`, { signal, what: `cluster ${name}` });
  return (updates?.profiles ?? []).some((p) => p.uid === prepared.entity.uid);
}

/** repave/status, then repave/approve when Pending; an approve whose answer was lost is read back. The state it leaves, or throws with the state known. */
async function approvePending(http: PaletteHttp, prepared: Prepared, name: string, signal?: AbortSignal): Promise<{ state: string; lost?: string }> {
  const status = () => http.call<V1ClusterRepave>('GET', `${clusterPath(prepared.uid)}/repave/status`, { signal, what: `repave of cluster ${name}` });
  const state = (await status())?.status?.state ?? 'none';
  if (state !== 'Pending') return { state };
  try {
    await http.call('PATCH', `${clusterPath(prepared.uid)}/repave/approve`, { signal, what: `repave of cluster ${name}` });
    return { state: 'Approved' };
  } catch (error) {
    const after = await status().catch(() => undefined);
    if (after?.status?.state === 'Approved') return { state: 'Approved', lost: (error as Error).message };
    throw Object.assign(error as Error, { repaveState: after?.status?.state ?? 'Pending' });
  }
}

/**
 * Applies in steps, each recorded (steps.save) before the next: the profiles PATCH, then (repave approved) the
 * repave's status and approval. A cluster that already runs the version with a repave pending is an apply that
 * stopped after its PATCH: it is finished (approved) without a second PATCH. Once the cluster was switched, a failed
 * approval is an ApplyIncompleteError whose record says so; before that, an error means nothing changed.
 */
export async function apply(http: PaletteHttp, request: ApplyRequest, signal?: AbortSignal, steps: ApplySteps = noSteps): Promise<ApplyRecord> {
  const name = request.cluster;
  const label = `${request.to.name} ${request.to.version}`;
  if (request.impact === 'repave' && !request.repaveApproved) {
    throw new BackendError('refused', `Applying ${label} repaves ${name}; it needs the repave approved.`);
  }
  const prepared = await prepare(http, request, signal);
  const toUid = prepared.entity.uid;
  const earlier = steps.earlier?.record.to.uid === toUid ? steps.earlier : undefined;
  const resuming = prepared.from?.uid === toUid && prepared.cluster.status?.repave?.state === 'Pending' && !(await updatePending(http, prepared, name, signal));
  let record: ApplyRecord = {
    at: new Date().toISOString(),
    cluster: name,
    from: resuming && earlier ? earlier.record.from : prepared.from,
    to: { ...request.to, uid: toUid, revision: prepared.revision },
    impact: resuming && earlier ? earlier.record.impact : request.impact,
    repaveApproved: request.repaveApproved,
    result: 'applied',
  };
  const since = earlier ? ` (switched by the apply of ${earlier.record.at})` : '';
  if (resuming && !request.repaveApproved) {
    throw new ApplyIncompleteError(`${name} already runs ${label}${since} and its repave is Pending approval in Palette; nothing was changed. Approve the repave to finish the apply.`, { ...record, repaveApproved: false }, false);
  }
  let lost: string | undefined;
  if (!resuming) {
    if (!request.repaveApproved) {
      // Palette's own prediction is the last word: it may see a repave our plan did not.
      const server = await validate(http, prepared, name, signal);
      if (server.repave) {
        throw new BackendError('refused', `Palette predicts that applying ${label} repaves ${name} (${server.reasons.join('; ') || 'no reason given'}); approve the repave to apply it.`);
      }
    }
    // The intent first: a run killed during the PATCH leaves "started", and the next run reads the cluster to see.
    await steps.save(record, 'started');
    try {
      lost = await switchProfile(http, prepared, name, label, signal);
    } catch (error) {
      // Known not switched: nothing to resume. When unknown the record stays for the next run.
      if (!(error as { stateUnknown?: boolean }).stateUnknown) await steps.clear().catch(() => undefined);
      throw error;
    }
    await steps.save(record, 'switched').catch(() => undefined);
  }
  const notes: string[] = [];
  if (lost) notes.push(`Palette's answer to the profiles PATCH was lost (${lost}); reading ${name} back shows it runs ${label}.`);
  if (resuming) notes.push(`${name} already ran ${label}${since} with its repave Pending; the apply was finished from there, without a second PATCH.`);
  if (request.repaveApproved) {
    try {
      const done = await approvePending(http, prepared, name, signal);
      if (done.lost) notes.push(`Palette's answer to the repave approval was lost (${done.lost}); repave/status shows it Approved.`);
      else if (resuming && done.state !== 'Approved') notes.push(`Its repave is ${done.state} now (no longer Pending), so there was nothing to approve.`);
    } catch (error) {
      const state = (error as { repaveState?: string }).repaveState;
      const where = state === 'Pending' ? 'Pending approval' : `in state ${state}`;
      const what = state ? `its repave is ${where} in Palette (the approval failed: ${(error as Error).message})` : `its repave is not approved: repave/status could not be read (${(error as Error).message})`;
      record = { ...record, repaveApproved: false, message: [...notes, `Switched to ${label}, but ${what}.`].join(' ') };
      throw new ApplyIncompleteError(`${name} was switched to ${label}, but ${what}. Run the same apply again with the repave approved to finish it.`, record, true);
    }
  }
  return notes.length ? { ...record, message: notes.join(' ') } : record;
}

/** Sets a pack's values on the cluster; `undefined` puts back the profile's own values (Palette has no "remove override"). */
export async function setOverride(http: PaletteHttp, cluster: string, pack: string, values: string | undefined, signal?: AbortSignal): Promise<void> {
  const uid = await clusterUid(http, cluster, signal);
  const spectro = await http.call<V1SpectroCluster>('GET', clusterPath(uid), { signal, what: `cluster ${cluster}` });
  const template = mainTemplate(spectro);
  const current = template?.packs?.find((p) => p.name === pack);
  if (!template?.uid || !current) throw new BackendError('not-found', `Not found in Palette: pack ${pack} of cluster ${cluster}.`);
  let next = values;
  if (next === undefined) {
    const profile = await getProfile(http, template.uid, `cluster profile ${template.name ?? template.uid}`, signal);
    next = profile.spec?.published?.packs?.find((p) => p.name === pack)?.values ?? '';
  }
  await http.call('PATCH', `${clusterPath(uid)}/profiles`, {
    body: { profiles: [{ uid: template.uid, packValues: [{ name: pack, tag: current.tag, type: current.type, values: next }] }] },
    signal,
    what: `cluster ${cluster}`,
  });
}
