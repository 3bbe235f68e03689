// The Clusters view: status, distribution, tags, version, Updates Available and last apply of each cluster, with a tag filter.
import * as vscode from 'vscode';
import type { ClusterInfo } from '../../../server/src/backend/types';
import type { StoreModel } from './model';

export type ClusterNode =
  | { kind: 'cluster'; cluster: ClusterInfo }
  | { kind: 'detail'; cluster: ClusterInfo; label: string; value: string; icon: string }
  | { kind: 'override'; cluster: ClusterInfo; pack: string }
  | { kind: 'message'; text: string };

const statusIcons: Record<string, [string, string?]> = {
  running: ['pass-filled', 'testing.iconPassed'],
  provisioning: ['loading~spin', 'charts.yellow'],
  deleting: ['trash', 'charts.red'],
  error: ['error', 'errorForeground'],
};

export function hasTag(cluster: ClusterInfo, tag: string): boolean {
  return cluster.tags.includes(tag);
}

export class ClustersProvider implements vscode.TreeDataProvider<ClusterNode> {
  private readonly emitter = new vscode.EventEmitter<ClusterNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private view?: vscode.TreeView<ClusterNode>;
  private tag?: string;

  constructor(private readonly model: StoreModel) {
    model.onDidChange(() => this.emitter.fire(undefined));
  }

  attach(view: vscode.TreeView<ClusterNode>): void {
    this.view = view;
    void this.decorate();
  }

  filter(): string | undefined {
    return this.tag;
  }

  setFilter(tag: string | undefined): void {
    this.tag = tag || undefined;
    void vscode.commands.executeCommand('setContext', 'paletteProfileStudio.clusterFilter', Boolean(this.tag));
    this.emitter.fire(undefined);
  }

  async getChildren(node?: ClusterNode): Promise<ClusterNode[]> {
    if (!node) {
      const snapshot = await this.model.snapshot();
      void this.decorate();
      if (snapshot.error) return [{ kind: 'message', text: snapshot.error }];
      const tag = this.tag;
      return snapshot.clusters.filter((c) => !tag || hasTag(c, tag)).map((cluster) => ({ kind: 'cluster', cluster }));
    }
    if (node.kind !== 'cluster') return [];
    const c = node.cluster;
    const detail = (label: string, value: string, icon: string): ClusterNode => ({ kind: 'detail', cluster: c, label, value, icon });
    const rows: ClusterNode[] = [
      detail('Status', c.status ?? 'unknown', 'pulse'),
      detail('Distribution', [c.kubernetesDistribution, c.cloudType].filter(Boolean).join(' · ') || 'unknown', 'server-environment'),
      detail('Tags', c.tags.join(', ') || 'none', 'tag'),
      detail('Profile', c.profile ? `${c.profile.name} ${c.profile.version}${c.updatesAvailable ? ' · Updates Available' : ''}` : 'none attached', c.updatesAvailable ? 'arrow-circle-up' : 'layers'),
      detail('Last apply', lastApply(c), 'history'),
    ];
    for (const pack of Object.keys(c.overrides).sort()) rows.push({ kind: 'override', cluster: c, pack });
    return rows;
  }

  getTreeItem(node: ClusterNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'cluster': {
        const c = node.cluster;
        const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `cluster:${c.name}`;
        item.contextValue = c.updatesAvailable ? 'cluster.updatesAvailable' : 'cluster';
        const [icon, color] = statusIcons[(c.status ?? '').toLowerCase()] ?? ['circle-outline'];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.description = [c.profile ? `${c.profile.name} ${c.profile.version}` : 'no profile', c.status ?? 'unknown', c.updatesAvailable ? 'Updates Available' : undefined].filter(Boolean).join(' · ');
        const tooltip = new vscode.MarkdownString(`**${c.name}**${c.updatesAvailable ? ' — Updates Available' : ''}\n\n`);
        tooltip.appendText(`Status: ${c.status ?? 'unknown'}\nDistribution: ${c.kubernetesDistribution ?? 'unknown'} (${c.cloudType ?? 'unknown cloud'})\nTags: ${c.tags.join(', ') || 'none'}\nLast apply: ${lastApply(c)}`);
        item.tooltip = tooltip;
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.value;
        item.tooltip = `${node.label}: ${node.value}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = `clusterDetail.${node.label.toLowerCase().replace(/\s+/g, '')}`;
        return item;
      }
      case 'override': {
        const item = new vscode.TreeItem(node.pack);
        item.id = `override:${node.cluster.name}/${node.pack}`;
        item.description = 'override';
        item.tooltip = `${node.cluster.name} holds its own values for ${node.pack}. Edit them with Edit Cluster Overrides.`;
        item.iconPath = new vscode.ThemeIcon('symbol-property');
        item.contextValue = 'clusterPack';
        item.command = { command: 'paletteProfileStudio.editOverrides', title: 'Edit Overrides', arguments: [{ cluster: node.cluster.name, pack: node.pack }] };
        return item;
      }
    }
  }

  /** The badge counts clusters with Updates Available; the message names the active tag filter. */
  private async decorate(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const { clusters } = await this.model.snapshot();
    const updates = clusters.filter((c) => c.updatesAvailable).length;
    view.badge = updates ? { value: updates, tooltip: `${updates} cluster${updates === 1 ? '' : 's'} with Updates Available` } : undefined;
    const shown = this.tag ? clusters.filter((c) => hasTag(c, this.tag!)).length : clusters.length;
    view.message = this.tag ? `Tag ${this.tag}: ${shown} of ${clusters.length} clusters` : undefined;
  }
}

function lastApply(c: ClusterInfo): string {
  const last = c.lastApply;
  if (!last) return 'never';
  const from = last.from ? `${last.from.version} → ` : '';
  return `${from}${last.to.version} (${last.impact}) ${last.result} ${new Date(last.at).toLocaleString()}`;
}
