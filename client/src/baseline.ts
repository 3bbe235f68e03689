// Tracks what each open profile is compared with, and the command to pick another baseline.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaselineCandidatesRequest, BaselineChangedNotification, BaselineInfoRequest, SetBaselineRequest, type BaselineChoice, type BaselineInfo } from '../../server/src/protocol';

export class BaselineTracker implements vscode.Disposable {
  private readonly infos = new Map<string, BaselineInfo>();
  private readonly emitter = new vscode.EventEmitter<BaselineInfo>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  attach(client: LanguageClient): vscode.Disposable {
    return client.onNotification(BaselineChangedNotification, (info) => this.set(info));
  }

  info(uri: vscode.Uri): BaselineInfo | undefined {
    return this.infos.get(uri.toString());
  }

  /** Asks the server; the answer also updates the status bar. */
  async refresh(uri: vscode.Uri): Promise<BaselineInfo | undefined> {
    const client = this.client();
    if (!client?.isRunning()) return undefined;
    const info = await client.sendRequest(BaselineInfoRequest, { uri: uri.toString() });
    this.set(info);
    return info;
  }

  async choose(uri: vscode.Uri, choice: BaselineChoice): Promise<BaselineInfo | undefined> {
    const client = this.client();
    if (!client?.isRunning()) return undefined;
    const info = await client.sendRequest(SetBaselineRequest, { uri: uri.toString(), choice });
    this.set(info);
    return info;
  }

  async candidates(uri: vscode.Uri) {
    const client = this.client();
    if (!client?.isRunning()) return [];
    return (await client.sendRequest(BaselineCandidatesRequest, { uri: uri.toString() })).candidates;
  }

  private set(info: BaselineInfo): void {
    this.infos.set(info.uri, info);
    this.emitter.fire(info);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** "Palette: Compare With…": the store's versions, workspace files, clusters, git HEAD, or any file. */
export function chooseBaselineCommand(tracker: BaselineTracker) {
  return async (target?: unknown, given?: BaselineChoice): Promise<BaselineInfo | undefined> => {
    const uri = toUri(target) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showWarningMessage('Open a Palette profile to choose what it is compared with.');
      return undefined;
    }
    // Views and other commands pass the choice; the palette asks.
    if (given) return tracker.choose(uri, given);
    const current = tracker.info(uri);
    const candidates = await tracker.candidates(uri);
    type Item = vscode.QuickPickItem & { choice?: BaselineChoice; browse?: boolean };
    const items: Item[] = candidates.map((c) => ({ label: c.label, description: c.description, choice: c.choice, picked: JSON.stringify(c.choice) === JSON.stringify(current?.choice) }));
    items.splice(items.length - 1, 0, { label: 'Other file…', description: 'any profile file on disk', browse: true });
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Compare this profile with',
      placeHolder: current ? `Now: ${current.label}` : 'Pick a baseline for the impact predictions',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    let choice = picked.choice;
    if (picked.browse) {
      const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Palette profiles': ['yaml', 'yml'] }, openLabel: 'Compare with' });
      if (!files?.[0]) return undefined;
      choice = { kind: 'file', uri: files[0].toString() };
    }
    if (!choice) return undefined;
    const info = await tracker.choose(uri, choice);
    if (info?.problem) void vscode.window.showWarningMessage(`Baseline not usable: ${info.problem}`);
    return info;
  };
}

export function toUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string') return vscode.Uri.parse(target);
  return undefined;
}
