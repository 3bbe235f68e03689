// What both views show, loaded once per refresh from the backend: profiles with their versions, clusters, pack folders.
import * as vscode from 'vscode';
import type { Backend, ClusterInfo, ProfileSummary, VersionInfo, VersionRef } from '../../../server/src/backend/types';
import type { BackendManager } from '../backend/manager';
import { profilePacks, type PackRow } from '../profilePacks';
import { scanPackFolders, type PackFolderVersion } from './packFolders';

export interface StoreSnapshot {
  label: string;
  profiles: ProfileSummary[];
  clusters: ClusterInfo[];
  packFolders: Map<string, PackFolderVersion>;
  /** Why nothing could be listed (no API key, unreadable store…); the views show it as their message. */
  error?: string;
}

export type { PackRow };

export function refKey(ref: VersionRef): string {
  return `${ref.name}@${ref.version}`;
}

/** Clusters that run this version (any revision of it). */
export function clustersOn(snapshot: StoreSnapshot, ref: VersionRef): ClusterInfo[] {
  return snapshot.clusters.filter((c) => c.profile?.name === ref.name && c.profile.version === ref.version);
}

export class StoreModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private loading?: Promise<StoreSnapshot>;
  private readonly packs = new Map<string, Promise<PackRow[]>>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private watcher?: vscode.Disposable;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly manager: BackendManager) {
    this.disposables.push(
      manager.onDidChange(() => {
        this.watch();
        this.refresh();
      }),
    );
    const packJson = vscode.workspace.createFileSystemWatcher('**/pack.json');
    this.disposables.push(packJson, packJson.onDidChange(() => this.soon()), packJson.onDidCreate(() => this.soon()), packJson.onDidDelete(() => this.soon()));
    this.watch();
  }

  snapshot(): Promise<StoreSnapshot> {
    return (this.loading ??= this.load());
  }

  refresh(): void {
    this.loading = undefined;
    this.packs.clear();
    this.emitter.fire();
  }

  /** The packs of one published version (read once per revision). */
  packsOf(version: VersionInfo): Promise<PackRow[]> {
    const key = `${refKey(version)}#${version.revision}`;
    let rows = this.packs.get(key);
    if (!rows) {
      rows = this.manager.get().then((backend) => backend.readVersion(version)).then(profilePacks);
      rows.catch(() => this.packs.delete(key));
      this.packs.set(key, rows);
    }
    return rows;
  }

  backend(): Promise<Backend> {
    return this.manager.get();
  }

  /** The local store changes under us (another window, git pull, our own writes): refresh shortly after. */
  private watch(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    const store = this.manager.storeUri();
    if (!store) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(store, '**/*'));
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(() => this.soon()), watcher.onDidCreate(() => this.soon()), watcher.onDidDelete(() => this.soon()));
  }

  private soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 150);
  }

  private async load(): Promise<StoreSnapshot> {
    const packFolders = await scanPackFolders(this.manager.storeUri()).catch(() => new Map<string, PackFolderVersion>());
    try {
      const backend = await this.manager.get();
      const [profiles, clusters] = await Promise.all([backend.listProfiles(), backend.listClusters()]);
      return { label: backend.label, profiles, clusters, packFolders };
    } catch (error) {
      return { label: '', profiles: [], clusters: [], packFolders, error: (error as Error).message };
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
