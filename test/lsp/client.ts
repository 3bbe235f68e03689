// A real LSP client over stdio for the bundled server, with helpers to await what it publishes.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  InlayHintRefreshRequest,
  RegistrationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const serverPath = path.resolve(process.cwd(), 'dist', 'server.js');

export class TestServer {
  readonly connection: ProtocolConnection;
  private readonly reader: StreamMessageReader;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  /** The server's log messages with their type (1 error, 2 warning, 3 info, 4 log). */
  readonly logMessages: { type: number; message: string }[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult?: InitializeResult;

  private constructor(readonly child: ChildProcess) {
    this.reader = new StreamMessageReader(child.stdout!);
    this.connection = createProtocolConnection(this.reader, new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.push(params);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      this.logs.push(params.message);
      this.logMessages.push(params);
    });
    child.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'paletteProfileStudio' ? this.settings : null)));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(InlayHintRefreshRequest.type, () => {
      this.refreshes.inlayHints++;
    });
    this.connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.refreshes.codeLenses++;
    });
    this.connection.listen();
  }

  /** The `paletteProfileStudio` section the server pulls with `workspace/configuration`; change it, then call `settingsChanged`. */
  settings: Record<string, unknown> = {};
  /** How often the server asked the client to re-request inlay hints and code lenses. */
  refreshes = { inlayHints: 0, codeLenses: 0 };

  /** `command` starts the server another way than `node dist/server.js --stdio` from this node (an editor's command line). */
  static async start(initializationOptions: object | undefined = {}, options: { root?: string; settings?: Record<string, unknown>; command?: string[] } = {}): Promise<TestServer> {
    const [program, ...args] = options.command ?? [process.execPath, serverPath, '--stdio'];
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new TestServer(child);
    server.settings = options.settings ?? {};
    const rootUri = options.root ? pathToFileURL(options.root).toString() : null;
    server.initializeResult = await server.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: {
        textDocument: { publishDiagnostics: { versionSupport: true } },
        workspace: { configuration: true, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
      },
      initializationOptions,
    });
    await server.connection.sendNotification(InitializedNotification.type, {});
    return server;
  }

  /** Tells the server the settings changed; it pulls them again. */
  async settingsChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** A request by method name, for features without a typed helper here. */
  request<R>(method: string, params: object): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async open(uri: string, text: string, languageId = 'palette-profile'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Resolves with the first diagnostics published for `uri` (at `version`, when given). */
  async diagnosticsFor(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.diagnostics.find((d) => d.uri === uri && (version === undefined || d.version === version));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}@${version ?? 'any'}; logs:\n${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    // A message cut off by the exit arms vscode-jsonrpc's partial-message timer, which re-arms itself
    // forever and keeps mocha from exiting; with no timeout it fires once and stops.
    this.reader.partialMessageTimeout = 0;
    this.connection.dispose();
    this.child.kill();
  }
}

/** The 0-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in text`);
  return text.slice(0, index).split('\n').length - 1;
}

/** Polls `probe` (never sleeping a fixed time) until it gives a value. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
