// Activates the extension: the language client, pack file detection, baselines, status bar and commands.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerPackFileDetection } from './packFiles';
import { registerExports } from './exports';
import { registerStatusBar } from './statusBar';
import { registerCommands } from './commands';
import { ValidationTracker } from './validation';
import { BaselineTracker, chooseBaselineCommand } from './baseline';
import { BaselineDocuments, baselineScheme } from './review/baselineDocuments';
import { ReviewManager, openReview, reviewChangesCommand, type ReviewHandle } from './review/command';
import { SnapshotDocuments, snapshotScheme } from './review/snapshots';
import type { ReviewSession } from './review/session';
import type { ReviewRequest } from './review/sources';
import type { Backend, VersionRef } from '../../server/src/backend/types';
import type { BaselineInfo } from '../../server/src/protocol';
import { BackendManager } from './backend/manager';
import { backendCommands } from './commands/index';
import { registerViews, type Views } from './views';
import { testExports } from './testExports';

export interface ExtensionApi {
  /** The running language client, for tests that speak to the server directly. */
  client(): LanguageClient | undefined;
  /** The last version of a document the server finished checking. */
  validatedVersion(uri: vscode.Uri): number | undefined;
  /** What the server last said a profile is compared with. */
  baseline(uri: vscode.Uri): BaselineInfo | undefined;
  /** Opens a review and resolves with the reviewer's decision (Apply, Publish or closed) once they make it. */
  openReview(request: ReviewRequest | { cluster: string; version: VersionRef }): Promise<ReviewHandle>;
  /** The review opened last: its model, revision and the revision its webview rendered, for tests. */
  review(): ReviewSession | undefined;
  /** The backend the settings name (gated on workspace trust), for tests that check what was written. */
  backend(): Promise<Backend>;
  /** The latest backend log lines (one per call) and whether an API key is in secret storage. */
  backendLog(): readonly string[];
  hasApiKey(): Promise<boolean>;
  /** The Profiles and Clusters views' providers and the store snapshot they show. */
  views: Views;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi | undefined> {
  const output = vscode.window.createOutputChannel('Palette Profile Studio', { log: true });
  const tracker = new ValidationTracker();
  const baselines = new BaselineTracker(() => client);
  const baselineDocuments = new BaselineDocuments(() => client);
  const snapshots = new SnapshotDocuments();
  context.subscriptions.push(
    output,
    tracker,
    baselines,
    baselineDocuments,
    snapshots,
    vscode.workspace.registerTextDocumentContentProvider(baselineScheme, baselineDocuments),
    vscode.workspace.registerTextDocumentContentProvider(snapshotScheme, snapshots),
  );
  // Where the backend keeps the store (a workspace's store.path only inside the workspace), not the raw setting.
  const storeDir = () => manager.storeUri();
  // Palette applies are journaled per Palette endpoint and project, not per workspace: the machine-wide storage keeps
  // one record of a cluster whichever folder is open, and writes nothing into the user's workspace.
  const historyDir = context.globalStorageUri.scheme === 'file' ? vscode.Uri.joinPath(context.globalStorageUri, 'palette-history').fsPath : undefined;
  const manager = new BackendManager(context.secrets, output, historyDir);
  context.subscriptions.push(manager);
  const views = registerViews(context, manager);
  // The review reads versions and clusters from whichever backend the settings name.
  const backend = (): Promise<Backend> => manager.get();
  const reviews = new ReviewManager({
    extensionUri: context.extensionUri,
    client: () => client,
    backend,
    storeDir,
    snapshots,
    baselines: baselineDocuments,
    compareWith: async (uri, label, text) => void (await baselines.choose(uri, { kind: 'snapshot', label, text })),
    watchPattern: () => {
      const store = storeDir();
      return store && new vscode.RelativePattern(store, '**');
    },
    onBaselineChanged: baselines.onDidChange,
    log: (line) => output.warn(line),
  });
  context.subscriptions.push(reviews);
  const start = async () => {
    client = createLanguageClient(context, output);
    context.subscriptions.push(tracker.attach(client), baselines.attach(client));
    await client.start();
  };
  const restart = async () => {
    const previous = client;
    client = undefined;
    if (previous) await previous.stop().catch((error) => output.error(`stopping the server failed: ${String(error)}`));
    await start();
  };
  registerCommands(context, {
    output,
    restart,
    chooseBaseline: chooseBaselineCommand(baselines),
    reviewChanges: reviewChangesCommand(reviews, backend),
    backendCommands: backendCommands(context, { manager, views, output }),
  });
  registerPackFileDetection(context);
  registerExports(context);
  registerStatusBar(context, tracker, baselines);
  await start();
  return testExports(context.extensionMode, () => ({
    client: () => client,
    validatedVersion: (uri) => tracker.validated(uri)?.version,
    baseline: (uri) => baselines.info(uri),
    openReview: (request) => openReview(request, reviews),
    review: () => reviews.last,
    backend: () => manager.get(),
    backendLog: () => manager.recentLog,
    hasApiKey: () => manager.hasApiKey(),
    views,
  }));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
