// A status bar item naming what the active Palette document is and the server's last check.
import * as vscode from 'vscode';

const kindLabels: Record<string, string> = {
  'palette-profile': 'Palette profile',
  'palette-pack-json': 'Palette pack.json',
  'palette-pack-yaml': 'Palette pack file',
};

export function registerStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('paletteProfileStudio.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Palette Profile Studio';
  item.command = 'paletteProfileStudio.showOutput';
  const update = () => {
    const label = kindLabels[vscode.window.activeTextEditor?.document.languageId ?? ''];
    if (!label) return item.hide();
    item.text = `$(layers) ${label}`;
    item.tooltip = 'Palette Profile Studio: click to show the language server output';
    item.show();
  };
  context.subscriptions.push(item, vscode.window.onDidChangeActiveTextEditor(update), vscode.workspace.onDidOpenTextDocument(update));
  update();
}
