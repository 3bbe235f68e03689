// Applying a version to a Palette cluster: the profiles PATCH with replaceWithProfile, the server's repave check and approval, override edits.
import { BackendError, type ApplyRecord, type ApplyRequest, type RepavePrediction } from '../types';
import { clusterPath, clusterUid, mainTemplate } from './clusters';
import type { PaletteHttp } from './http';
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
  });
  return prediction(result);
}

export async function validateRepave(http: PaletteHttp, cluster: string, request: ApplyRequest, signal?: AbortSignal): Promise<RepavePrediction> {
  return validate(http, await prepare(http, { ...request, cluster }, signal), cluster, signal);
}

export async function apply(http: PaletteHttp, request: ApplyRequest, signal?: AbortSignal): Promise<ApplyRecord> {
  const name = request.cluster;
  if (request.impact === 'repave' && !request.repaveApproved) {
    throw new BackendError('refused', `Applying ${request.to.name} ${request.to.version} repaves ${name}; it needs the repave approved.`);
  }
  const prepared = await prepare(http, request, signal);
  if (!request.repaveApproved) {
    // Palette's own prediction is the last word: it may see a repave our plan did not.
    const server = await validate(http, prepared, name, signal);
    if (server.repave) {
      throw new BackendError('refused', `Palette predicts that applying ${request.to.name} ${request.to.version} repaves ${name} (${server.reasons.join('; ') || 'no reason given'}); approve the repave to apply it.`);
    }
  }
  await http.call('PATCH', `${clusterPath(prepared.uid)}/profiles`, {
    query: { resolveNotification: true },
    body: { profiles: [prepared.entity] },
    signal,
    what: `cluster ${name}`,
  });
  if (request.repaveApproved) {
    const repave = await http.call<V1ClusterRepave>('GET', `${clusterPath(prepared.uid)}/repave/status`, { signal, what: `repave of cluster ${name}` });
    if (repave?.status?.state === 'Pending') {
      await http.call('PATCH', `${clusterPath(prepared.uid)}/repave/approve`, { signal, what: `repave of cluster ${name}` });
    }
  }
  return {
    at: new Date().toISOString(),
    cluster: name,
    from: prepared.from,
    to: { ...request.to, uid: prepared.entity.uid, revision: prepared.revision },
    impact: request.impact,
    repaveApproved: request.repaveApproved,
    result: 'applied',
  };
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
