// Read-only documents of published versions (`palette-version:/<name>/<version>.profile.yaml`), opened from the Profiles view.
import * as vscode from 'vscode';
import type { VersionRef } from '../../../server/src/backend/types';
import type { BackendManager } from '../backend/manager';

export const versionScheme = 'palette-version';

export function versionUri(ref: VersionRef): vscode.Uri {
  return vscode.Uri.from({ scheme: versionScheme, path: `/${ref.name}/${ref.version}.profile.yaml` });
}

export function refOfVersionUri(uri: vscode.Uri): VersionRef | undefined {
  const m = /^\/([^/]+)\/(.+)\.profile\.yaml$/.exec(uri.path);
  return uri.scheme === versionScheme && m ? { name: m[1], version: m[2] } : undefined;
}

export class VersionDocuments implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly manager: BackendManager) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = refOfVersionUri(uri);
    if (!ref) return '# Not a published version.\n';
    try {
      return await (await this.manager.get()).readVersion(ref);
    } catch (error) {
      return `# ${ref.name} ${ref.version} cannot be read: ${(error as Error).message}\n`;
    }
  }

  /** After an in-place update an open version document shows the new content. */
  changed(ref: VersionRef): void {
    this.emitter.fire(versionUri(ref));
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
