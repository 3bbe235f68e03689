// The Profiles view: profile name → published versions (with the clusters on each) → packs, "Update available" where the workspace has newer packs.
import * as vscode from 'vscode';
import type { ClusterInfo, VersionInfo } from '../../../server/src/backend/types';
import { newerInWorkspace } from './packFolders';
import { clustersOn, type PackRow, type StoreModel } from './model';

export type ProfileNode =
  | { kind: 'profile'; name: string; versions: VersionInfo[] }
  | { kind: 'version'; version: VersionInfo; usedBy: ClusterInfo[] }
  | { kind: 'pack'; version: VersionInfo; pack: PackRow; newer?: string; folder?: vscode.Uri }
  | { kind: 'message'; text: string };

export class ProfilesProvider implements vscode.TreeDataProvider<ProfileNode> {
  private readonly emitter = new vscode.EventEmitter<ProfileNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly model: StoreModel) {
    model.onDidChange(() => this.emitter.fire(undefined));
  }

  async getChildren(node?: ProfileNode): Promise<ProfileNode[]> {
    const snapshot = await this.model.snapshot();
    if (!node) {
      if (snapshot.error) return [{ kind: 'message', text: snapshot.error }];
      return snapshot.profiles.map((p) => ({ kind: 'profile', name: p.name, versions: p.versions }));
    }
    if (node.kind === 'profile') return node.versions.map((version) => ({ kind: 'version', version, usedBy: clustersOn(snapshot, version) }));
    if (node.kind === 'version') {
      try {
        const packs = await this.model.packsOf(node.version);
        return packs.map((pack) => {
          const folder = snapshot.packFolders.get(pack.name);
          return { kind: 'pack', version: node.version, pack, newer: newerInWorkspace(pack.tag, folder), folder: folder?.uri };
        });
      } catch (error) {
        return [{ kind: 'message', text: `Cannot read ${node.version.name} ${node.version.version}: ${(error as Error).message}` }];
      }
    }
    return [];
  }

  getTreeItem(node: ProfileNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('warning');
        item.tooltip = node.text;
        return item;
      }
      case 'profile': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `profile:${node.name}`;
        item.contextValue = 'profile';
        item.iconPath = new vscode.ThemeIcon('layers');
        item.description = `${node.versions.length} version${node.versions.length === 1 ? '' : 's'}`;
        return item;
      }
      case 'version': {
        const { version, usedBy } = node;
        const item = new vscode.TreeItem(version.version, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `version:${version.name}@${version.version}`;
        item.contextValue = usedBy.length ? 'version.used' : 'version';
        item.iconPath = new vscode.ThemeIcon('tag');
        const revision = version.revision > 1 ? ` · revision ${version.revision}` : '';
        item.description = (usedBy.length ? `used by ${usedBy.map((c) => c.name).join(', ')}` : 'not used') + revision;
        const tooltip = new vscode.MarkdownString(`**${version.name} ${version.version}**${revision}\n\n`);
        if (version.publishedAt) tooltip.appendMarkdown(`Published ${new Date(version.publishedAt).toLocaleString()}\n\n`);
        if (version.description) tooltip.appendText(`${version.description}\n\n`);
        if (version.tags?.length) tooltip.appendText(`Tags: ${version.tags.join(', ')}\n\n`);
        tooltip.appendText(usedBy.length ? `Clusters: ${usedBy.map((c) => `${c.name}${c.updatesAvailable ? ' (Updates Available)' : ''}`).join(', ')}` : 'No cluster uses this version.');
        item.tooltip = tooltip;
        item.command = { command: 'paletteProfileStudio.openVersion', title: 'Open', arguments: [{ name: version.name, version: version.version }] };
        return item;
      }
      case 'pack': {
        const { pack, newer } = node;
        const item = new vscode.TreeItem(pack.name);
        item.id = `pack:${node.version.name}@${node.version.version}/${pack.name}`;
        item.contextValue = newer ? 'pack.updateAvailable' : 'pack';
        item.iconPath = new vscode.ThemeIcon(newer ? 'arrow-circle-up' : 'package');
        item.description = [pack.layer, pack.tag, newer ? `Update available (${newer})` : undefined].filter(Boolean).join(' · ');
        item.tooltip = newer ? `${pack.name} ${pack.tag}: version ${newer} is in the workspace's pack folders (${node.folder?.fsPath ?? ''}).` : `${pack.name} ${pack.tag ?? ''} (${pack.layer ?? 'unknown layer'})`;
        return item;
      }
    }
  }
}
