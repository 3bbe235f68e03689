// Publishes diagnostics per document version; a newer edit supersedes work on older versions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ValidatedNotification } from '../protocol';
import type { Problem, Severity } from '../core/types';
import type { FeatureContext } from './context';
import { encodingProblemOf } from './encoding';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where each problem code is explained: the README shipped beside dist/ (vsce lower-cases its name). */
const readme = ['README.md', 'readme.md'].map((name) => join(__dirname, '..', name)).find((path) => existsSync(path)) ?? join(__dirname, '..', 'README.md');
export const codeDocsBase = pathToFileURL(readme).toString() + '#';

export function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
  return {
    range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
    severity: severities[problem.severity],
    code: problem.code,
    codeDescription: { href: codeDocsBase + problem.code },
    source: 'palette',
    message: problem.message,
  };
}

/** Lets messages already received (newer edits) be handled before work that they might make stale. */
function afterQueuedMessages(): Promise<void> {
  // The JSON-RPC reader dispatches one message per immediate; the second hop runs after the first of them.
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents checked at least once since they were opened; the first check is not delayed. */
  private readonly checked = new Set<string>();
  /** Documents whose diagnostics have been sent at least once since they were opened. */
  private readonly published = new Set<string>();
  private readonly preparing = new Set<string>();
  private readonly running = new Set<string>();
  /** Waiters for a document's first check, released when it is published (or the document closes). */
  private readonly firstCheck = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  constructor(
    private readonly connection: Connection,
    private readonly features: FeatureContext,
    private readonly delayMs: number,
  ) {}

  schedule(document: TextDocument): void {
    const previous = this.pending.get(document.uri);
    if (previous) clearTimeout(previous);
    const version = document.version;
    const delay = this.checked.has(document.uri) ? this.delayMs : 0;
    this.pending.set(document.uri, setTimeout(() => void this.run(document.uri, version), delay));
    // Typing: use the wait for the next keystroke to ready what this version's analysis reuses. Not
    // at once: a request right after the keystroke analyzes the new version itself, leaving nothing to do.
    if (delay > 0 && !this.preparing.has(document.uri)) {
      this.preparing.add(document.uri);
      setTimeout(() => {
        this.preparing.delete(document.uri);
        const { store, contexts } = this.features;
        const current = store.documents.get(document.uri);
        try {
          if (current && store.kindOf(current) === 'profile') store.prepareEdit(current, contexts.latest(document.uri)?.baseline.profile);
        } catch (error) {
          this.connection.console.error(`preparing ${document.uri} for an edit failed: ${error instanceof Error ? error.stack : String(error)}`);
        }
      }, delay / 2);
    }
  }

  /**
   * Resolves once the document's first diagnostics are out. Folding asks right after open and would
   * otherwise parse every pack's values before the first check, which reads only what it must.
   */
  firstChecked(uri: string): Promise<void> {
    // Not `checked`: that is set when a check starts, and a request during the check must wait too.
    const coming = this.pending.has(uri) || this.running.has(uri);
    if (!coming || this.published.has(uri)) return Promise.resolve();
    let waiter = this.firstCheck.get(uri);
    if (!waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.firstCheck.set(uri, (waiter = { promise, resolve }));
    }
    return waiter.promise;
  }

  private released(uri: string): void {
    this.firstCheck.get(uri)?.resolve();
    this.firstCheck.delete(uri);
  }

  /** Re-checks every open document (settings, baselines or workspace files changed). */
  scheduleAll(): void {
    for (const document of this.features.store.documents.all()) this.schedule(document);
  }

  clear(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous);
    this.pending.delete(uri);
    this.checked.delete(uri);
    this.published.delete(uri);
    this.released(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async run(uri: string, version: number): Promise<void> {
    this.pending.delete(uri);
    this.running.add(uri);
    try {
      await this.check(uri, version);
    } finally {
      this.running.delete(uri);
      // Also a superseded or failed run: the next one publishes, and folding must not wait on it forever.
      this.released(uri);
    }
  }

  private async check(uri: string, version: number): Promise<void> {
    const { store, contexts } = this.features;
    const current = () => {
      const document = store.documents.get(uri);
      // A newer version has arrived (and scheduled its own run) or the document closed.
      return document && document.version === version ? document : undefined;
    };
    let document = current();
    if (!document) return;
    this.checked.add(uri);
    await afterQueuedMessages();
    if (!(document = current())) return;
    const started = performance.now();
    try {
      if (store.kindOf(document) === 'unknown') {
        // A document edited until it no longer reads as a Palette file keeps no stale diagnostics.
        if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, version, diagnostics: [] });
        return;
      }
      await store.loadSiblings(document);
      if (!(document = current())) return;
      const analysis = store.analyze(document);
      const context = await contexts.get(document);
      if (!(document = current())) return;
      const problems = context ? [...analysis.problems, ...context.findings] : [...analysis.problems];
      const encoding = encodingProblemOf(document);
      if (encoding) problems.unshift(encoding);
      const diagnostics = problems.map((p) => toDiagnostic(document!, p));
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
      this.published.add(uri);
      void this.connection.sendNotification(ValidatedNotification, { uri, version, problems: diagnostics.length, millis: performance.now() - started });
    } catch (error) {
      this.connection.console.error(`validation of ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}
