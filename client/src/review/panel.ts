// The review panel's webview: strict CSP with a fresh nonce per render, scripts and styles from media/ only, typed messages both ways.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from './messages';

export const reviewViewType = 'paletteProfileStudio.review';

export class ReviewPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private probes = 0;
  private readonly waiting = new Map<number, (reply: Extract<FromWebview, { type: 'probed' }>) => void>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    title: string,
    column: vscode.ViewColumn,
    private readonly onMessage: (message: FromWebview) => void,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(reviewViewType, title, { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
      // The panel holds the reviewer's filters and scroll; the script also keeps its state with setState.
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'review', 'icon.svg');
    this.disposables.push(this.panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)));
    this.render();
  }

  /** Sets the HTML afresh, with a new nonce; the script asks for the plan again when it starts. */
  render(): void {
    const webview = this.panel.webview;
    const nonce = randomBytes(18).toString('base64');
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'review', name));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${asset('review.css')}">
<title>Review</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
  }

  post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  /** What the webview's DOM shows as text, and how many script and style elements it holds. */
  probe(): Promise<Extract<FromWebview, { type: 'probed' }>> {
    const id = ++this.probes;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      void this.post({ type: 'probe', id });
    });
  }

  private receive(message: FromWebview): void {
    if (message.type === 'probed') {
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
      return;
    }
    this.onMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
