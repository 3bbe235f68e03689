// Picks the backend the settings name (local store or Palette), keeps one API key per endpoint in SecretStorage, logs every call, gates on trust.
import * as vscode from 'vscode';
import { checkEndpoint } from '../../../server/src/backend/palette/endpoint';
import { LocalStoreBackend } from '../../../server/src/backend/local';
import { BackendError, type Backend } from '../../../server/src/backend/types';
import { askForApiKey } from './apiKey';
import { createBackend } from './factories';
import { gateBackend } from './gate';
import { endpointOf, readBackendSettings } from './settings';

export { readBackendSettings } from './settings';

/** Where one key for every endpoint was kept before keys were per endpoint; moved once to the endpoint configured then. */
export const legacyApiKeySecret = 'paletteProfileStudio.palette.apiKey';
const apiKeyPrefix = `${legacyApiKeySecret}:`;
/** The secret holding the key of one endpoint (base URL and project). */
export const apiKeySecret = (endpointId: string): string => apiKeyPrefix + endpointId;
const section = 'paletteProfileStudio';

export class BackendManager implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Settings, trust or the API key changed: what the views show may come from elsewhere now. */
  readonly onDidChange = this.emitter.event;
  private cached?: { key: string; backend: Backend };
  private readonly disposables: vscode.Disposable[] = [];
  /** The latest log lines, for the tests (the output channel cannot be read back). */
  readonly recentLog: string[] = [];
  private readonly migrated: Promise<void>;
  /** The prompt for a key that is open, so that callers at once share one. */
  private asking?: { id: string; answer: Promise<string | undefined> };
  /** The endpoint last seen, to tell the user when a change of settings leaves the new one without a key. */
  private lastEndpoint?: string;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly output: vscode.LogOutputChannel,
    /** Where Palette applies are journaled (Palette's API keeps no apply history); undefined keeps none. */
    private readonly historyDir?: string,
  ) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['backend', 'store.path', 'palette.baseUrl', 'palette.projectUid', 'palette.allowInsecureHttp'].some((key) => event.affectsConfiguration(`${section}.${key}`))) {
          this.changed();
          void this.noticeNewEndpoint();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed()),
      secrets.onDidChange((event) => event.key.startsWith(legacyApiKeySecret) && this.changed()),
    );
    this.migrated = this.migrate().catch((error) => this.output.error(`[backend] moving the stored API key to its endpoint failed: ${String(error)}`));
    this.lastEndpoint = this.endpoint().id;
  }

  /** The Palette endpoint the settings name (whether or not the backend is Palette). */
  endpoint(settings = readBackendSettings()): { id: string; label: string } {
    return endpointOf(settings);
  }

  /** A key stored when one key served every endpoint belongs to the endpoint configured now, and to no other. */
  private async migrate(): Promise<void> {
    const legacy = await this.secrets.get(legacyApiKeySecret);
    if (legacy === undefined) return;
    const endpoint = this.endpoint();
    if (legacy && !(await this.secrets.get(apiKeySecret(endpoint.id)))) await this.secrets.store(apiKeySecret(endpoint.id), legacy);
    await this.secrets.delete(legacyApiKeySecret);
    this.output.info(`[backend] the stored API key is now kept for ${endpoint.label} only; other endpoints ask for their own`);
  }

  /** After a change of settings to a Palette endpoint with no key of its own: say so and offer to set one (no other key is sent there). */
  private async noticeNewEndpoint(): Promise<void> {
    const settings = readBackendSettings();
    const endpoint = this.endpoint(settings);
    const previous = this.lastEndpoint;
    this.lastEndpoint = endpoint.id;
    if (settings.kind !== 'palette' || endpoint.id === previous || (await this.keyOf(endpoint.id))) return;
    const pick = await vscode.window.showWarningMessage(
      `Palette at ${endpoint.label} has no API key on this machine. Keys are kept per endpoint: no other endpoint's key is sent there.`,
      'Set API Key',
    );
    if (pick === 'Set API Key') void vscode.commands.executeCommand('paletteProfileStudio.setApiKey');
  }

  private async keyOf(endpointId: string): Promise<string | undefined> {
    await this.migrated;
    return (await this.secrets.get(apiKeySecret(endpointId))) || undefined;
  }

  trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** The local store folder (for the views' file watcher); undefined without a workspace folder or with a store path refused. */
  storeUri(settings = readBackendSettings()): vscode.Uri | undefined {
    return settings.storePath ? vscode.Uri.file(settings.storePath) : undefined;
  }

  /**
   * The backend to act through, gated on workspace trust; a clear BackendError when it cannot be made. With `ask`
   * (a command the user started), an endpoint with no key of its own asks for one before anything is sent.
   */
  async get(options: { ask?: boolean } = {}): Promise<Backend> {
    const settings = readBackendSettings();
    let apiKey: string | undefined;
    if (settings.kind === 'palette') {
      // Refused endpoints (plain http to another machine) are refused before a key is asked for.
      checkEndpoint(settings.baseUrl, settings.allowInsecureHttp);
      const endpoint = this.endpoint(settings);
      apiKey = await this.keyOf(endpoint.id);
      if (!apiKey && options.ask) apiKey = await this.askForKey(endpoint);
      if (!apiKey) {
        throw new BackendError(
          'unauthorized',
          `No Palette API key is set for ${endpoint.label}: run "Palette: Set API Key" (keys are kept per endpoint in VS Code's secret storage, never in settings, and never sent to another endpoint).`,
        );
      }
    }
    if (settings.kind === 'local' && settings.storeError) throw new BackendError('refused', settings.storeError);
    const store = this.storeUri(settings);
    if (settings.kind === 'local' && store?.scheme !== 'file') throw new BackendError('invalid', 'The local store needs a workspace folder on disk: open a folder, or set "paletteProfileStudio.backend" to "palette".');
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

  private askForKey(endpoint: { id: string; label: string }): Promise<string | undefined> {
    if (this.asking?.id !== endpoint.id) {
      const answer = askForApiKey(endpoint.label).then(async (key) => {
        if (key) await this.secrets.store(apiKeySecret(endpoint.id), key);
        return key;
      });
      const asking = { id: endpoint.id, answer };
      this.asking = asking;
      void answer.finally(() => this.asking === asking && (this.asking = undefined));
    }
    return this.asking!.answer;
  }

  /** Stores the key for the endpoint the settings name now. */
  async setApiKey(key: string): Promise<void> {
    await this.migrated;
    await this.secrets.store(apiKeySecret(this.endpoint().id), key.trim());
  }

  /** Removes the current endpoint's key; other endpoints keep theirs. */
  async clearApiKey(): Promise<boolean> {
    await this.migrated;
    const id = apiKeySecret(this.endpoint().id);
    const had = (await this.secrets.get(id)) !== undefined;
    await this.secrets.delete(id);
    return had;
  }

  async hasApiKey(): Promise<boolean> {
    return Boolean(await this.keyOf(this.endpoint().id));
  }

  private changed(): void {
    this.cached = undefined;
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
