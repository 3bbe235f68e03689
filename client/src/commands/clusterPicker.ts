// The cluster picker: Enter takes the highlighted cluster when none is checked, clusters that cannot be updated show why before anything else is asked.
import * as vscode from 'vscode';
import type { Backend, ClusterInfo } from '../../../server/src/backend/types';
import { updateBlockedReason } from '../../../server/src/core/cluster/updatable';

type Item = vscode.QuickPickItem & { cluster?: ClusterInfo; blocked?: string };

export interface PickClustersOptions {
  title: string;
  many: boolean;
  only?: (c: ClusterInfo) => boolean;
  /** Apply and review: a cluster Palette refuses to update is shown, disabled, with the reason. */
  forUpdate?: boolean;
}

function itemOf(c: ClusterInfo, blocked: string | undefined): Item {
  return {
    label: c.name,
    iconPath: blocked ? new vscode.ThemeIcon('circle-slash') : undefined,
    description: [c.profile ? `${c.profile.name} ${c.profile.version}` : 'no profile', c.status, c.updatesAvailable ? 'Updates Available' : undefined].filter(Boolean).join(' · '),
    // Tags stay in the detail, so a tag typed into the filter finds a disabled cluster too, with its reason.
    detail: [blocked ? `Cannot be updated: ${blocked}` : undefined, ...c.tags].filter(Boolean).join('  ') || undefined,
    cluster: c,
    blocked,
  };
}

/** The cluster rows a filter text shows: every word of it in the name, description or detail, as the pick matches them. */
function matching(items: readonly Item[], value: string): Item[] {
  const words = value.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return items.filter((i) => i.cluster && words.every((w) => [i.label, i.description, i.detail].some((t) => t?.toLowerCase().includes(w))));
}

/** Resolves with the chosen clusters; undefined when cancelled (silently) or when nothing could be taken (said why). */
export async function pickClusters(backend: Backend, options: PickClustersOptions): Promise<ClusterInfo[] | undefined> {
  const clusters = (await backend.listClusters()).filter(options.only ?? (() => true));
  if (clusters.length === 0) {
    void vscode.window.showInformationMessage(`No cluster in ${backend.label} to choose from.`);
    return undefined;
  }
  const blockedOf = (c: ClusterInfo) => (options.forUpdate ? updateBlockedReason(c.status) : undefined);
  const open = clusters.filter((c) => !blockedOf(c)).map((c) => itemOf(c, undefined));
  const blocked = clusters.filter((c) => blockedOf(c)).map((c) => itemOf(c, blockedOf(c)));
  const items: Item[] = blocked.length ? [...open, { label: 'Cannot be updated now', kind: vscode.QuickPickItemKind.Separator }, ...blocked] : open;

  const pick = vscode.window.createQuickPick<Item>();
  pick.title = options.title;
  pick.placeholder = options.many ? 'Type a name or a tag (service:…); Space checks several, Enter takes the checked or the highlighted one' : 'Type a name or a tag (service:…) to filter';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.canSelectMany = options.many;
  pick.items = items;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: ClusterInfo[] | undefined, why?: string) => {
      if (settled) return;
      settled = true;
      pick.hide();
      if (why) void vscode.window.showInformationMessage(why);
      resolve(value);
    };
    const refuse = (item: Item) => `${item.label} is ${item.blocked}.`;
    pick.onDidChangeSelection((selected) => {
      // A disabled row does not stay checked: the title says why.
      const refused = selected.filter((i) => i.blocked);
      if (!options.many || refused.length === 0) return;
      pick.selectedItems = selected.filter((i) => !i.blocked);
      pick.title = `${options.title} · ${refuse(refused[0])}`;
    });
    pick.onDidAccept(() => {
      const checked = options.many ? pick.selectedItems.filter((i) => i.cluster && !i.blocked) : [];
      if (checked.length) return finish(checked.map((i) => i.cluster!));
      // With several allowed, typing leaves no row highlighted: the one row the filter shows is the one meant.
      const shown = pick.activeItems.length ? pick.activeItems : matching(items, pick.value);
      const open = shown.filter((i) => !i.blocked);
      if (open.length === 1 || (!options.many && open.length)) return finish([open[0].cluster!]);
      if (open.length === 0 && shown.length) return finish(undefined, refuse(shown[0]));
      if (open.length > 1) return finish(undefined, `${open.length} clusters match '${pick.value}': check the ones you mean with Space, then press Enter.`);
      finish(undefined, pick.value ? `No cluster matches '${pick.value}'.` : 'No cluster chosen: check clusters with Space, or highlight one, then press Enter.');
    });
    pick.onDidHide(() => {
      finish(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
