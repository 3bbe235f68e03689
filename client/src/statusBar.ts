// A status bar item naming the active Palette document's kind and the outcome of its last check.
import * as vscode from 'vscode';
import type { ValidationTracker } from './validation';

const kindLabels: Record<string, string> = {
  'palette-profile': 'Palette profile',
  'palette-pack-json': 'Palette pack.json',
  'palette-pack-yaml': 'Palette pack file',
};

export function registerStatusBar(context: vscode.ExtensionContext, tracker: ValidationTracker): void {
  const item = vscode.window.createStatusBarItem('paletteProfileStudio.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Palette Profile Studio';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const label = kindLabels[document?.languageId ?? ''];
    if (!document || !label) return item.hide();
    const checked = tracker.validated(document.uri);
    const fresh = checked && checked.version === document.version;
    item.text = `$(layers) ${label}${fresh ? (checked.problems ? ` · ${checked.problems} problem${checked.problems === 1 ? '' : 's'}` : ' · $(check)') : ' · $(sync~spin)'}`;
    item.tooltip = fresh ? `Checked version ${checked.version} in ${checked.millis.toFixed(0)} ms. Click for the Problems view.` : 'Checking…';
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && update()),
    tracker.onDidValidate(update),
  );
  update();
}
