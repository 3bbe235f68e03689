// Reads Palette's clusters into ClusterInfo: state, tags, the profile version it runs, its per-pack overrides and variables, pending updates.
import { BackendError, type ClusterInfo } from '../types';
import type { PaletteHttp } from './http';
import { labelsToTags } from './profileText';
import type { V1ClusterProfileTemplate, V1ClusterVariables, V1PackConfigList, V1SpectroCluster, V1SpectroClusterSummary } from './shapes';

export const clusterPath = (uid: string) => `/v1/spectroclusters/${encodeURIComponent(uid)}`;

export interface ClusterRead {
  info: ClusterInfo;
  cluster: V1SpectroCluster;
  /** The profile we treat as "the cluster's profile": its infrastructure (type cluster) profile, else its first. */
  template?: V1ClusterProfileTemplate;
}

export async function searchClusters(http: PaletteHttp, signal?: AbortSignal): Promise<V1SpectroClusterSummary[]> {
  return http.list<V1SpectroClusterSummary>('POST', '/v1/dashboard/spectroclusters/search', { body: { filter: {}, sort: [] }, signal });
}

export async function clusterUid(http: PaletteHttp, name: string, signal?: AbortSignal): Promise<string> {
  const found = (await searchClusters(http, signal)).find((c) => c.metadata?.name === name);
  if (!found?.metadata?.uid) throw new BackendError('not-found', `Not found in Palette: cluster ${name}.`);
  return found.metadata.uid;
}

export function mainTemplate(cluster: V1SpectroCluster): V1ClusterProfileTemplate | undefined {
  const templates = cluster.spec?.clusterProfileTemplates ?? [];
  return templates.find((t) => t.type === 'cluster') ?? templates[0];
}

/** The Kubernetes distribution as the local store names it (k3s, rke2, …), from the k8s layer's pack. */
function distribution(template: V1ClusterProfileTemplate | undefined): string | undefined {
  const pack = template?.packs?.find((p) => p.layer === 'k8s')?.name;
  if (!pack) return undefined;
  const known = ['k3s', 'rke2', 'microk8s', 'eks', 'aks', 'gke', 'kubeadm'].find((d) => pack.includes(d));
  return known ?? pack.replace(/^edge-/, '');
}

/** Limits concurrent requests while reading many clusters (Palette allows about 50 requests/s for spectroclusters). */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function readCluster(http: PaletteHttp, uid: string, signal?: AbortSignal): Promise<ClusterRead> {
  const path = clusterPath(uid);
  const cluster = await http.call<V1SpectroCluster>('GET', path, { signal, what: `cluster ${uid}` });
  const name = cluster.metadata?.name ?? uid;
  const what = `cluster ${name}`;
  const template = mainTemplate(cluster);
  const overrides: Record<string, string> = {};
  const variables: Record<string, string> = {};
  let updatesAvailable = false;
  if (template?.uid) {
    const profileUid = template.uid;
    const configs = await mapLimited(template.packs ?? [], 4, (pack) =>
      http.call<V1PackConfigList>('GET', `${path}/profiles/${encodeURIComponent(profileUid)}/packs/${encodeURIComponent(pack.name)}/config`, { signal, what: `pack ${pack.name} of ${what}` }),
    );
    (template.packs ?? []).forEach((pack, i) => {
      const spec = configs[i]?.items?.[0]?.spec;
      if (spec?.isValuesOverridden) overrides[pack.name] = spec.values ?? '';
    });
    const sets = await http.call<V1ClusterVariables[]>('GET', `${path}/variables`, { signal, what });
    for (const v of (sets ?? []).find((s) => s.profileUid === profileUid)?.variables ?? []) if (v.value !== undefined) variables[v.name] = v.value;
    const updates = await http.call<{ profiles?: V1ClusterProfileTemplate[] }>('GET', `${path}/profileUpdates`, { signal, what });
    updatesAvailable = (updates?.profiles ?? []).some((p) => p.uid === profileUid || (!!p.name && p.name === template.name));
  }
  const repaveState = cluster.status?.repave?.state;
  const info: ClusterInfo = {
    name,
    uid,
    cloudType: cluster.spec?.cloudType,
    kubernetesDistribution: distribution(template),
    status: cluster.status?.state,
    tags: labelsToTags(cluster.metadata?.labels),
    profile: template?.name ? { name: template.name, version: template.profileVersion ?? '' } : undefined,
    overrides,
    variables,
    repave: repaveState ? { approved: repaveState === 'Approved', state: repaveState } : undefined,
    extra: {},
    updatesAvailable,
  };
  return { info, cluster, template };
}

export async function listClusters(http: PaletteHttp, signal?: AbortSignal): Promise<ClusterInfo[]> {
  const summaries = (await searchClusters(http, signal)).filter((c) => c.metadata?.uid);
  const reads = await mapLimited(summaries, 4, (c) => readCluster(http, c.metadata!.uid!, signal));
  return reads.map((r) => r.info);
}
