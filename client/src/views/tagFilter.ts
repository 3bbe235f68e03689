// "Filter Clusters by Tag": a quick pick of the tags the clusters carry (e.g. service:hello-universe-frontend).
import * as vscode from 'vscode';
import type { ClustersProvider } from './clustersView';
import type { StoreModel } from './model';

export function filterClustersCommand(model: StoreModel, clusters: ClustersProvider) {
  return async (given?: unknown): Promise<string | undefined> => {
    if (typeof given === 'string' || given === null) {
      clusters.setFilter(given ?? undefined);
      return clusters.filter();
    }
    const snapshot = await model.snapshot();
    const counts = new Map<string, number>();
    for (const c of snapshot.clusters) for (const tag of c.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    type Item = vscode.QuickPickItem & { tag?: string };
    const items: Item[] = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, n]) => ({ label: tag, description: `${n} cluster${n === 1 ? '' : 's'}`, tag, picked: tag === clusters.filter() }));
    if (clusters.filter()) items.push({ label: '$(clear-all) Show all clusters' });
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No cluster has a tag to filter by.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Show clusters with the tag', placeHolder: clusters.filter() ? `Now: ${clusters.filter()}` : 'service:…, env:…' });
    if (!picked) return clusters.filter();
    clusters.setFilter(picked.tag);
    return clusters.filter();
  };
}
