// "Review Changes": the baseline (read-only, virtual) beside the working file in VS Code's diff editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaselineTextRequest } from '../../server/src/protocol';
import { toUri } from './baseline';

export const baselineScheme = 'palette-baseline';

/** Serves `palette-baseline:` documents: the baseline text of the profile named in the query. */
export class BaselineDocuments implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  static uriFor(profile: vscode.Uri, label: string): vscode.Uri {
    const name = `${label.replace(/[\\/:*?"<>|]/g, '_')}.profile.yaml`;
    return vscode.Uri.from({ scheme: baselineScheme, path: `/${name}`, query: profile.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.client();
    if (!client?.isRunning()) return '# The Palette language server is not running.\n';
    const result = await client.sendRequest(BaselineTextRequest, { uri: uri.query });
    return result.text ?? `# No baseline: ${result.info.problem ?? result.info.detail}\n`;
  }

  changed(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export function reviewChangesCommand(client: () => LanguageClient | undefined, documents: BaselineDocuments) {
  return async (target?: unknown): Promise<void> => {
    const uri = toUri(target) ?? vscode.window.activeTextEditor?.document.uri;
    const running = client();
    if (!uri || !running?.isRunning()) {
      void vscode.window.showWarningMessage('Open a Palette profile to review its changes.');
      return;
    }
    const { info } = await running.sendRequest(BaselineTextRequest, { uri: uri.toString() });
    if (info.source === 'none') {
      const pick = await vscode.window.showWarningMessage(`Nothing to compare with: ${info.problem ?? info.detail}`, 'Compare With…');
      if (pick) await vscode.commands.executeCommand('paletteProfileStudio.chooseBaseline', uri);
      return;
    }
    const left = BaselineDocuments.uriFor(uri, info.label);
    documents.changed(left);
    const name = uri.path.split('/').pop() ?? 'profile';
    await vscode.commands.executeCommand('vscode.diff', left, uri, `${info.label} ↔ ${name}`, { preview: false });
  };
}
