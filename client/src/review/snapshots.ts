// Serves `palette-review:` documents: read-only texts the review computed (a cluster's current configuration, a published version).
import * as vscode from 'vscode';

export const snapshotScheme = 'palette-review';

export class SnapshotDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  /** `key` keeps two reviews apart; the file name ends in .profile.yaml so the side gets the profile language. */
  static uriFor(key: string, label: string): vscode.Uri {
    const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');
    return vscode.Uri.from({ scheme: snapshotScheme, path: `/${safe(key)}/${safe(label)}.profile.yaml` });
  }

  set(uri: vscode.Uri, text: string): void {
    if (this.texts.get(uri.toString()) === text) return;
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
  }

  text(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# This review snapshot is gone: run Palette: Review Changes again.\n';
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
