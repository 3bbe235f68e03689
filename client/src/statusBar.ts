// Status bar items: the active Palette document's kind and last check, and what a profile is compared with.
import * as vscode from 'vscode';
import type { BaselineTracker } from './baseline';
import type { ValidationTracker } from './validation';

const kindLabels: Record<string, string> = {
  'palette-profile': 'Palette profile',
  'palette-pack-json': 'Palette pack.json',
  'palette-pack-yaml': 'Palette pack file',
};

export function registerStatusBar(context: vscode.ExtensionContext, tracker: ValidationTracker, baselines: BaselineTracker): void {
  const compared = vscode.window.createStatusBarItem('paletteProfileStudio.baseline', vscode.StatusBarAlignment.Right, 99);
  compared.name = 'Palette baseline';
  compared.command = 'paletteProfileStudio.chooseBaseline';
  const updateBaseline = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'palette-profile') return compared.hide();
    const info = baselines.info(document.uri);
    if (!info) {
      void baselines.refresh(document.uri).catch(() => undefined);
      return compared.hide();
    }
    compared.text = info.source === 'none' ? '$(git-compare) no baseline' : `$(git-compare) vs ${info.label}`;
    compared.tooltip = `Impact predictions compare this profile with: ${info.detail}${info.problem ? ` (${info.problem})` : ''}. Click to compare with something else.`;
    compared.show();
  };
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
    compared,
    vscode.window.onDidChangeActiveTextEditor(updateBaseline),
    baselines.onDidChange(updateBaseline),
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && update()),
    tracker.onDidValidate(update),
  );
  update();
  updateBaseline();
}
