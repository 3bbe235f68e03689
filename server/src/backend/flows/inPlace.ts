// What updating a version in place will do to each cluster that runs it: the plan its pending update will carry, its overrides kept.
import { clusterView } from '../../core/cluster/view';
import { parseProfile } from '../../core/parse/profile';
import { planUpdate, summarizePlan, type PlanSummary } from '../../core/plan/plan';
import { defaultSyntaxLimits } from '../../core/syntax';
import type { Backend, VersionRef } from '../types';

export interface InPlaceClusterPlan {
  cluster: string;
  /** What the cluster runs now, as "1.0.0" or "1.0.0 (revision 2)". */
  runs: string;
  summary?: PlanSummary;
  /** Why it could not be planned (its applied content unreadable, say). */
  error?: string;
}

/** The label every view uses for a version: the revision only once there is more than one. */
export function versionLabel(version: string, revision: number | undefined): string {
  return revision && revision > 1 ? `${version} (revision ${revision})` : version;
}

export interface InPlacePreparation {
  /** The revision the update will create. */
  revision: number;
  clusters: InPlaceClusterPlan[];
}

export async function prepareInPlace(backend: Backend, ref: VersionRef, text: string, signal?: AbortSignal): Promise<InPlacePreparation> {
  const profile = (await backend.listProfiles(signal)).find((p) => p.name === ref.name);
  const current = profile?.versions.find((v) => v.version === ref.version);
  const pendingVersion = parseProfile(text, defaultSyntaxLimits);
  const using = (await backend.listClusters(signal)).filter((c) => c.profile?.name === ref.name && c.profile.version === ref.version);
  const clusters: InPlaceClusterPlan[] = [];
  for (const info of using) {
    const runs = versionLabel(ref.version, info.appliedRevision);
    try {
      const cluster = await backend.readCluster(info.name, signal);
      const currentVersion = parseProfile(await backend.appliedText(info.name, signal), defaultSyntaxLimits);
      const view = clusterView(currentVersion, pendingVersion, cluster, defaultSyntaxLimits, {});
      clusters.push({ cluster: info.name, runs, summary: summarizePlan(planUpdate(view.current, view.pending, { cluster })) });
    } catch (error) {
      clusters.push({ cluster: info.name, runs, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { revision: (current?.revision ?? 1) + 1, clusters };
}
