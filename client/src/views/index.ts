// Registers the activity-bar views (Profiles, Clusters), their refresh and filter commands, and read-only version documents.
import * as vscode from 'vscode';
import type { BackendManager } from '../backend/manager';
import { ClustersProvider } from './clustersView';
import { StoreModel } from './model';
import { ProfilesProvider } from './profilesView';
import { filterClustersCommand } from './tagFilter';
import { VersionDocuments, versionScheme } from './versionDocuments';

export interface Views {
  model: StoreModel;
  profiles: ProfilesProvider;
  clusters: ClustersProvider;
  versions: VersionDocuments;
  filterClusters(tag?: unknown): Promise<string | undefined>;
}

export function registerViews(context: vscode.ExtensionContext, manager: BackendManager): Views {
  const model = new StoreModel(manager);
  const profiles = new ProfilesProvider(model);
  const clusters = new ClustersProvider(model);
  const versions = new VersionDocuments(manager);
  const profilesView = vscode.window.createTreeView('paletteProfileStudio.profiles', { treeDataProvider: profiles, showCollapseAll: true });
  const clustersView = vscode.window.createTreeView('paletteProfileStudio.clusters', { treeDataProvider: clusters, canSelectMany: true });
  clusters.attach(clustersView);
  context.subscriptions.push(model, versions, profilesView, clustersView, vscode.workspace.registerTextDocumentContentProvider(versionScheme, versions));
  return { model, profiles, clusters, versions, filterClusters: filterClustersCommand(model, clusters) };
}
