// `palette-baseline:` documents: the baseline a working file is compared with, the read-only left side of its review.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaselineTextRequest } from '../../../server/src/protocol';
import { valuesAsBlocks } from '../../../server/src/core/merge/profileText';

export const baselineScheme = 'palette-baseline';

/** Serves the baseline text of the profile named in the query, as the review last computed it, else as the server has it. */
export class BaselineDocuments implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly texts = new Map<string, string>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  static uriFor(profile: vscode.Uri, label: string): vscode.Uri {
    const name = `${label.replace(/[\\/:*?"<>|]/g, '_')}.profile.yaml`;
    return vscode.Uri.from({ scheme: baselineScheme, path: `/${name}`, query: profile.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const client = this.client();
    if (!client?.isRunning()) return '# The Palette language server is not running.\n';
    const result = await client.sendRequest(BaselineTextRequest, { uri: uri.query });
    return result.text !== undefined ? valuesAsBlocks(result.text) : `# No baseline: ${result.info.problem ?? result.info.detail}\n`;
  }

  /** The left side for a review of `profile`: exactly the text the review's spans refer to. */
  leftFor(profile: vscode.Uri, label: string, text: string): vscode.Uri {
    const uri = BaselineDocuments.uriFor(profile, label);
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
    return uri;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
