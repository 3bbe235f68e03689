// Wires the LSP connection to the core: document sync, diagnostics, hovers, custom requests.
import { TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { DocumentKindRequest, type InitializationOptions } from './protocol';
import { DocumentStore } from './documents';
import { DiagnosticsScheduler } from './features/diagnostics';
import { hover } from './features/hover';
import { runSafe } from './runSafe';
import { defaultSyntaxLimits, type SyntaxLimits } from './core/syntax';

export function startServer(connection: Connection): void {
  let limits: SyntaxLimits = defaultSyntaxLimits;
  const store = new DocumentStore(() => limits);
  const diagnostics = new DiagnosticsScheduler(connection, store, 20);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.maxFileSizeMB === 'number' && options.maxFileSizeMB > 0) {
      limits = { ...limits, maxBytes: options.maxFileSizeMB * 1024 * 1024 };
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
      serverInfo: { name: 'palette-profile-studio' },
    };
  });

  store.documents.onDidOpen((event) => diagnostics.schedule(event.document));
  store.documents.onDidChangeContent((event) => diagnostics.schedule(event.document));
  store.documents.onDidClose((event) => diagnostics.clear(event.document.uri));

  connection.onHover((params, token) =>
    runSafe(connection, 'hover', null, token, () => {
      const document = store.documents.get(params.textDocument.uri);
      return document ? hover(store, document, params) : null;
    }),
  );

  connection.onRequest(DocumentKindRequest, (params, token) =>
    runSafe(connection, 'documentKind', { kind: 'unknown' }, token, () => {
      const document = store.documents.get(params.uri);
      return { kind: document ? store.kindOf(document) : 'unknown' };
    }),
  );

  store.documents.listen(connection);
  connection.listen();
}
