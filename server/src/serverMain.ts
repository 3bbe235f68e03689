// Wires the LSP connection to the core: document sync, settings, baselines and one handler per feature, each guarded.
import { DidChangeConfigurationNotification, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import {
  BaselineCandidatesRequest,
  BaselineChangedNotification,
  BaselineInfoRequest,
  BaselineTextRequest,
  DocumentKindRequest,
  SetBaselineRequest,
  type BaselineInfo,
  type InitializationOptions,
} from './protocol';
import { BaselineService } from './baseline';
import { ContextService } from './context';
import { DocumentStore } from './documents';
import { defaultSettings, readServerSettings, type ServerSettings } from './settings';
import { WorkspaceIndex } from './workspace';
import type { FeatureContext } from './features/context';
import { DiagnosticsScheduler } from './features/diagnostics';
import { hover } from './features/hover';
import { completion, completionTriggers } from './features/completion';
import { codeActions, codeActionKinds } from './features/codeActions';
import { inlayHints } from './features/inlayHints';
import { codeLenses } from './features/codeLens';
import { documentSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { definition } from './features/definition';
import { runSafe, runSafeAsync } from './runSafe';
import { warmUp } from './warmUp';

export function startServer(connection: Connection): void {
  // Node prints process warnings (the yaml library's among them) through console.error, which the
  // connection forwards as errors; they are warnings.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => connection.console.warn(`${warning.name}: ${warning.message}`));
  let settings: ServerSettings = defaultSettings;
  let initialSection: Record<string, unknown> = {};
  let roots: string[] = [];
  let canPullConfiguration = false;
  let canRefreshHints = false;
  let canRefreshLenses = false;
  const limits = () => ({ maxBytes: settings.maxFileSizeMB * 1024 * 1024, maxAliasCount: 100 });
  const store = new DocumentStore(limits);
  const workspace = new WorkspaceIndex(() => roots, () => settings.storePath);
  const baselines = new BaselineService(workspace, () => settings.baselineMode, limits);
  const contexts = new ContextService(store, baselines, () => settings);
  const features: FeatureContext = { store, contexts, baselines, workspace, settings: () => settings };
  const diagnostics = new DiagnosticsScheduler(connection, features, 20);

  const documentOf = (uri: string) => store.documents.get(uri);
  const profileSubject = (uri: string) => {
    const document = documentOf(uri);
    const profile = document && store.kindOf(document) === 'profile' ? store.analyze(document).profile : undefined;
    return { uri, name: profile?.name?.value, version: profile?.version?.value };
  };
  const baselineInfo = async (uri: string): Promise<BaselineInfo> => (await baselines.resolve(profileSubject(uri))).info;

  /** Everything derived from settings, the store or workspace files is recomputed and re-shown. */
  const refreshAll = async () => {
    store.setPackFolders(await workspace.packFolders().catch(() => new Map()));
    baselines.invalidate();
    contexts.clear();
    diagnostics.scheduleAll();
    if (canRefreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    for (const document of store.documents.all()) {
      if (store.kindOf(document) === 'profile') void baselineInfo(document.uri).then((info) => connection.sendNotification(BaselineChangedNotification, info));
    }
  };

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    const raw: unknown = await connection.workspace.getConfiguration('paletteProfileStudio').catch(() => undefined);
    // A client that omits a key (a test, another editor) keeps what it said at initialization.
    settings = readServerSettings({ ...initialSection, ...(raw && typeof raw === 'object' ? raw : {}) });
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    initialSection = { maxFileSizeMB: options.maxFileSizeMB, ...(options.paletteProfileStudio ?? {}), ...(options.settings ?? {}) };
    settings = readServerSettings(initialSection);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRefreshHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: completionTriggers, resolveProvider: false },
        codeActionProvider: { codeActionKinds },
        inlayHintProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
      },
      serverInfo: { name: 'palette-profile-studio' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'paletteProfileStudio' }).catch(() => undefined);
      await pullSettings();
    }
    await refreshAll();
    // After the settings (the size limit) and the workspace scan, before the first document, if it gives the time.
    setTimeout(() => {
      try {
        warmUp(limits());
      } catch (error) {
        connection.console.error(`warm-up failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }, 0);
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfiguration) await pullSettings();
    else settings = readServerSettings((change.settings as { paletteProfileStudio?: unknown } | undefined)?.paletteProfileStudio);
    workspace.invalidate();
    await refreshAll();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    // The client watches every YAML and JSON file; saving an unrelated one must not re-plan every profile.
    if (!params.changes.some((change) => workspace.reads(change.uri))) return;
    workspace.invalidate();
    await refreshAll();
  });

  store.documents.onDidOpen((event) => diagnostics.schedule(event.document));
  store.documents.onDidChangeContent((event) => diagnostics.schedule(event.document));
  store.documents.onDidClose((event) => {
    diagnostics.clear(event.document.uri);
    contexts.forget(event.document.uri);
    baselines.forget(event.document.uri);
  });

  connection.onHover((params, token) => runSafeAsync(connection, 'hover', null, token, async () => withDocument(params.textDocument.uri, null, (d) => hover(features, d, params))));
  connection.onCompletion((params, token) => runSafeAsync(connection, 'completion', null, token, async () => withDocument(params.textDocument.uri, null, (d) => completion(features, d, params))));
  connection.onCodeAction((params, token) => runSafeAsync(connection, 'codeAction', [], token, async () => withDocument(params.textDocument.uri, [], (d) => codeActions(features, d, params))));
  connection.languages.inlayHint.on((params, token) =>
    runSafeAsync(connection, 'inlayHint', [], token, async () => (settings.inlayHints ? withDocument(params.textDocument.uri, [], (d) => inlayHints(features, d, params)) : [])),
  );
  connection.onCodeLens((params, token) => runSafeAsync(connection, 'codeLens', [], token, async () => (settings.codeLens ? withDocument(params.textDocument.uri, [], (d) => codeLenses(features, d)) : [])));
  connection.onDocumentSymbol((params, token) => runSafe(connection, 'documentSymbol', [], token, () => withDocumentSync(params.textDocument.uri, [], (d) => documentSymbols(features, d))));
  connection.onFoldingRanges((params, token) =>
    runSafeAsync(connection, 'foldingRange', [], token, async () => {
      await diagnostics.firstChecked(params.textDocument.uri);
      return withDocumentSync(params.textDocument.uri, [], (d) => foldingRanges(features, d));
    }),
  );
  connection.onDefinition((params, token) => runSafe(connection, 'definition', null, token, () => withDocumentSync(params.textDocument.uri, null, (d) => definition(features, d, params))));

  connection.onRequest(DocumentKindRequest, (params, token) =>
    runSafe(connection, 'documentKind', { kind: 'unknown' }, token, () => {
      const document = documentOf(params.uri);
      return { kind: document ? store.kindOf(document) : 'unknown' };
    }),
  );
  connection.onRequest(BaselineInfoRequest, (params) => baselineInfo(params.uri));
  connection.onRequest(BaselineCandidatesRequest, async (params) => ({ candidates: await baselines.candidates(profileSubject(params.uri)) }));
  connection.onRequest(BaselineTextRequest, async (params) => {
    const resolved = await baselines.resolve(profileSubject(params.uri));
    return { info: resolved.info, text: resolved.text };
  });
  connection.onRequest(SetBaselineRequest, async (params) => {
    baselines.choose(params.uri, params.choice);
    contexts.forget(params.uri);
    const info = await baselineInfo(params.uri);
    const document = documentOf(params.uri);
    if (document) diagnostics.schedule(document);
    if (canRefreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    void connection.sendNotification(BaselineChangedNotification, info);
    return info;
  });

  // Clients send every JSON and YAML file (Neovim, Helix, VS Code's json/yaml); only Palette's get answers.
  const paletteDocument = (uri: string) => {
    const document = documentOf(uri);
    return document && store.kindOf(document) !== 'unknown' ? document : undefined;
  };
  function withDocumentSync<T>(uri: string, empty: T, work: (document: NonNullable<ReturnType<typeof documentOf>>) => T): T {
    const document = paletteDocument(uri);
    return document ? work(document) : empty;
  }
  async function withDocument<T>(uri: string, empty: T, work: (document: NonNullable<ReturnType<typeof documentOf>>) => T | Promise<T>): Promise<T> {
    const document = paletteDocument(uri);
    return document ? work(document) : empty;
  }

  store.documents.listen(connection);
  connection.listen();
}
