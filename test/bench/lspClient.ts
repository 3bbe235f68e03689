// A minimal LSP client over stdio for benchmarks: any server command, timed requests, published diagnostics and the server's peak RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface Published {
  uri: string;
  version?: number;
  count: number;
  /** The diagnostics themselves, for comparing two builds (bench:lsp --dump). */
  diagnostics: unknown[];
  /** performance.now() when the notification arrived. */
  at: number;
}

export interface StartOptions {
  command: string;
  args: string[];
  rootUri: string;
  /** Answers `workspace/configuration` by section name. */
  settings: Record<string, unknown>;
  /** The section whose first pull means the server has read its settings. */
  readySection: string;
  initializationOptions?: object;
}

export class BenchClient {
  readonly published: Published[] = [];
  readonly stderr: string[] = [];
  private readonly waiters: (() => void)[] = [];
  private pulled!: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** Spawns the server and initializes it; `initMs` runs from spawn to the initialize result. */
  static async start(options: StartOptions): Promise<{ client: BenchClient; initMs: number }> {
    const started = performance.now();
    const child = spawn(options.command, options.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new BenchClient(child, connection);
    child.stderr!.on('data', (d) => client.stderr.push(String(d)));
    let ready!: () => void;
    client.pulled = new Promise<void>((resolve) => (ready = resolve));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.published.push({ uri: params.uri, version: params.version, count: params.diagnostics.length, diagnostics: params.diagnostics, at: performance.now() });
      client.waiters.splice(0).forEach((w) => w());
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        if (item.section === options.readySection) setImmediate(ready);
        return options.settings[item.section ?? ''] ?? null;
      }),
    );
    // Registrations, refreshes, progress and the like: acknowledge and ignore.
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'workspace/diagnostic/refresh', 'window/showMessageRequest']) {
      connection.onRequest(method, () => null);
    }
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri,
      workspaceFolders: [{ uri: options.rootUri, name: 'bench' }],
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { didSave: false, dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          inlayHint: {},
        },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, inlayHint: { refreshSupport: false } },
      },
      initializationOptions: options.initializationOptions ?? {},
    });
    const initMs = performance.now() - started;
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, initMs };
  }

  /** Resolves once the server has pulled its settings. */
  settingsPulled(): Promise<void> {
    return this.pulled;
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async timed<R>(method: string, params: object): Promise<{ ms: number; result: R }> {
    const started = performance.now();
    const result = (await this.connection.sendRequest(method, params)) as R;
    return { ms: performance.now() - started, result };
  }

  /** The first publication at or after index `from` that satisfies `match`. */
  async waitFor(from: number, match: (p: Published) => boolean, timeoutMs = 60_000): Promise<Published> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.published.slice(from).find(match);
      if (found) return found;
      if (performance.now() > deadline) throw new Error(`no matching diagnostics within ${timeoutMs} ms; stderr:\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The server process's peak resident set (VmHWM), in MiB; Linux only. */
  peakRssMiB(): number | undefined {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => (this.child.exitCode !== null ? resolve(undefined) : this.child.once('exit', resolve)));
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.connection.dispose();
    this.child.kill();
  }
}
