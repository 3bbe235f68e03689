// Picks the backend the settings name (local store or Palette), keeps the API key in SecretStorage, logs every call, gates on trust.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { confineStorePath, LocalStoreBackend } from '../../../server/src/backend/local';
import { BackendError, type Backend } from '../../../server/src/backend/types';
import { createBackend, type BackendSettings } from './factories';
import { gateBackend } from './gate';

export const apiKeySecret = 'paletteProfileStudio.palette.apiKey';
const section = 'paletteProfileStudio';

export function readBackendSettings(): BackendSettings {
  const config = vscode.workspace.getConfiguration(section);
  const projectUid = config.get<string>('palette.projectUid', '').trim();
  return {
    kind: config.get<string>('backend', 'local') === 'palette' ? 'palette' : 'local',
    storePath: config.get<string>('store.path', '.palette') || '.palette',
    baseUrl: (config.get<string>('palette.baseUrl', '') || 'https://api.spectrocloud.com').trim(),
    projectUid: projectUid || undefined,
  };
}

/** An absolute store path the user set in their own settings, not one a workspace supplied. */
function storePathIsUsers(storePath: string): boolean {
  const inspected = vscode.workspace.getConfiguration(section).inspect<string>('store.path');
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  return path.isAbsolute(storePath) && fromWorkspace === undefined && inspected?.globalValue === storePath;
}

export class BackendManager implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Settings, trust or the API key changed: what the views show may come from elsewhere now. */
  readonly onDidChange = this.emitter.event;
  private cached?: { key: string; backend: Backend };
  private readonly disposables: vscode.Disposable[] = [];
  /** The latest log lines, for the tests (the output channel cannot be read back). */
  readonly recentLog: string[] = [];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly output: vscode.LogOutputChannel,
    /** Where Palette applies are journaled (Palette's API keeps no apply history); undefined keeps none. */
    private readonly historyDir?: string,
  ) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['backend', 'store.path', 'palette.baseUrl', 'palette.projectUid'].some((key) => event.affectsConfiguration(`${section}.${key}`))) this.changed();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed()),
      secrets.onDidChange((event) => event.key === apiKeySecret && this.changed()),
    );
  }

  trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** The local store folder (for the views' file watcher); undefined without a workspace folder. */
  storeUri(settings = readBackendSettings()): vscode.Uri | undefined {
    if (path.isAbsolute(settings.storePath)) return vscode.Uri.file(settings.storePath);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, ...settings.storePath.split(/[\\/]/).filter(Boolean));
  }

  /** The backend to act through, gated on workspace trust; a clear BackendError when it cannot be made. */
  async get(): Promise<Backend> {
    const settings = readBackendSettings();
    let apiKey: string | undefined;
    if (settings.kind === 'palette') {
      apiKey = await this.secrets.get(apiKeySecret);
      if (!apiKey) throw new BackendError('unauthorized', 'No Palette API key is set: run "Palette: Set API Key" (it is kept in VS Code\'s secret storage, never in settings).');
    }
    const store = this.storeUri(settings);
    if (settings.kind === 'local' && store?.scheme !== 'file') throw new BackendError('invalid', 'The local store needs a workspace folder on disk: open a folder, or set "paletteProfileStudio.backend" to "palette".');
    if (settings.kind === 'local' && store) confineStorePath(store.fsPath, { workspace: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(store.fsPath), explicit: storePathIsUsers(settings.storePath) });
    // The key is part of the identity so a new key makes a new client; it is never logged.
    const key = JSON.stringify([settings, store?.fsPath, apiKey]);
    if (this.cached?.key !== key) {
      const backend = createBackend(settings, { storeRoot: store?.fsPath ?? '', apiKey, log: (line) => this.log(line), historyDir: this.historyDir });
      // Finishing an interrupted apply on open is a write: not in an untrusted workspace.
      if (backend instanceof LocalStoreBackend) backend.mayWriteOnOpen = () => this.trusted();
      this.output.info(`[backend] using ${backend.kind === 'local' ? 'the local store' : 'Palette'} at ${backend.label}`);
      this.cached = { key, backend: gateBackend(backend, () => this.trusted()) };
    }
    return this.cached.backend;
  }

  private log(line: string): void {
    this.output.info(`[backend] ${line}`);
    this.recentLog.push(line);
    if (this.recentLog.length > 200) this.recentLog.splice(0, this.recentLog.length - 200);
  }

  async setApiKey(key: string): Promise<void> {
    await this.secrets.store(apiKeySecret, key.trim());
  }

  async clearApiKey(): Promise<boolean> {
    const had = (await this.secrets.get(apiKeySecret)) !== undefined;
    await this.secrets.delete(apiKeySecret);
    return had;
  }

  async hasApiKey(): Promise<boolean> {
    return Boolean(await this.secrets.get(apiKeySecret));
  }

  private changed(): void {
    this.cached = undefined;
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
