// The workspace's pack folders (each `pack.json` with a name and version), newest version per pack: "Update available" compares with them.
import * as vscode from 'vscode';
import { compareTags } from '../../../server/src/core/plan/semver';

export interface PackFolderVersion {
  name: string;
  version: string;
  uri: vscode.Uri;
}

const exclude = '{**/node_modules/**,**/.git/**,**/out/**,**/dist/**,**/.vscode-test/**}';

/** Pack name → the newest version among the workspace's pack folders. */
export async function scanPackFolders(store?: vscode.Uri): Promise<Map<string, PackFolderVersion>> {
  const newest = new Map<string, PackFolderVersion>();
  const files = await vscode.workspace.findFiles('**/pack.json', exclude, 2000);
  for (const uri of files) {
    // A store holds published profiles only, but a pack.json copied there is not a workspace pack folder.
    if (store && uri.toString().startsWith(store.toString() + '/')) continue;
    let pack: { name?: unknown; version?: unknown };
    try {
      pack = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as typeof pack;
    } catch {
      continue;
    }
    if (typeof pack?.name !== 'string' || typeof pack.version !== 'string') continue;
    const seen = newest.get(pack.name);
    if (!seen || (compareTags(pack.version, seen.version) ?? 0) > 0) newest.set(pack.name, { name: pack.name, version: pack.version, uri: vscode.Uri.joinPath(uri, '..') });
  }
  return newest;
}

/** The newer folder version when a profile's pack tag is older than it; floating or unreadable tags never are. */
export function newerInWorkspace(tag: string | undefined, folder: PackFolderVersion | undefined): string | undefined {
  if (!tag || !folder) return undefined;
  const order = compareTags(tag, folder.version);
  return order !== undefined && order < 0 ? folder.version : undefined;
}
