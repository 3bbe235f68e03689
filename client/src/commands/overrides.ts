// "Edit Cluster Overrides": a cluster's values for one pack as an editable document; saving it stores the cluster's override.
import * as vscode from 'vscode';
import { profilePacks } from '../profilePacks';
import type { Backend } from '../../../server/src/backend/types';
import type { BackendManager } from '../backend/manager';
import { clusterArgs, pickClusters, reportError, trusted, type CommandEnv } from './common';

export const overrideScheme = 'palette-override';

/** `palette-override:/<cluster>/<pack>.values.yaml`: the title says which cluster and pack the values belong to. */
export function overrideUri(cluster: string, pack: string): vscode.Uri {
  return vscode.Uri.from({ scheme: overrideScheme, path: `/${cluster}/${pack}.values.yaml` });
}

function parts(uri: vscode.Uri): { cluster: string; pack: string } {
  const m = /^\/([^/]+)\/([^/]+)\.values\.yaml$/.exec(uri.path);
  if (!m) throw vscode.FileSystemError.FileNotFound(uri);
  return { cluster: m[1], pack: m[2] };
}

/** The pack's values in the profile text the cluster runs (what the cluster has when it overrides nothing). */
export function packValues(profileText: string, pack: string): string | undefined {
  return profilePacks(profileText).find((p) => p.name === pack)?.values;
}

async function valuesOf(backend: Backend, cluster: string, pack: string): Promise<string> {
  const info = await backend.readCluster(cluster);
  if (info.overrides[pack] !== undefined) return info.overrides[pack];
  const values = packValues(await backend.appliedText(cluster), pack);
  if (values === undefined) throw new Error(`${cluster}'s profile has no pack named ${pack}.`);
  return values;
}

/**
 * A file system over overrides: VS Code's own save, dirty state and "save before closing?" prompt apply,
 * and a failed save (untrusted, backend error) keeps the editor dirty, so nothing typed is lost.
 */
export class OverrideFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly written = new Map<string, number>();

  constructor(
    private readonly manager: BackendManager,
    private readonly saved: (cluster: string, pack: string) => void,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    parts(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: this.written.get(uri.toString()) ?? 0, size: 0 };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { cluster, pack } = parts(uri);
    return new TextEncoder().encode(await valuesOf(await this.manager.get(), cluster, pack));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { cluster, pack } = parts(uri);
    if (!vscode.workspace.isTrusted) throw vscode.FileSystemError.NoPermissions('Saving overrides is turned off in an untrusted workspace.');
    await (await this.manager.get()).setOverride(cluster, pack, new TextDecoder().decode(content));
    this.written.set(uri.toString(), Date.now());
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    this.saved(cluster, pack);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Overrides are files of one cluster and pack.');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Remove an override by saving the pack\'s profile values.');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Overrides cannot be renamed.');
  }
}

/** Arguments: `{cluster, pack}` (the Clusters view's override rows), a cluster node, or nothing (asks for both). */
export function editOverridesCommand(env: CommandEnv) {
  return async (arg?: unknown): Promise<vscode.TextEditor | undefined> => {
    if (!trusted('Editing cluster overrides')) return undefined;
    try {
      const backend = await env.manager.get({ ask: true });
      const cluster = clusterArgs(arg)?.[0] ?? (await pickClusters(backend, { title: 'Edit the overrides of cluster', many: false }))?.[0]?.name;
      if (!cluster) return undefined;
      let pack = typeof (arg as { pack?: unknown })?.pack === 'string' ? (arg as { pack: string }).pack : undefined;
      if (!pack) {
        const info = await backend.readCluster(cluster);
        const profile = await backend.appliedText(cluster);
        const picked = await vscode.window.showQuickPick(
          profilePacks(profile).map((p) => ({ label: p.name, description: [p.layer, info.overrides[p.name] !== undefined ? 'overridden' : undefined].filter(Boolean).join(' · ') })),
          { title: `${cluster}: edit the values of pack` },
        );
        pack = picked?.label;
      }
      if (!pack) return undefined;
      const document = await vscode.workspace.openTextDocument(overrideUri(cluster, pack));
      if ((await vscode.languages.getLanguages()).includes('yaml')) await vscode.languages.setTextDocumentLanguage(document, 'yaml');
      return await vscode.window.showTextDocument(document, { preview: false });
    } catch (error) {
      reportError(env, 'Edit Cluster Overrides', error);
      return undefined;
    }
  };
}
