// What every backend command shares: trust check, progress with cancellation, error messages, and reading its arguments.
import * as vscode from 'vscode';
import { BackendError, type Backend, type VersionInfo, type VersionRef } from '../../../server/src/backend/types';
import type { BackendManager } from '../backend/manager';
import { untrustedError } from '../backend/gate';
import type { Views } from '../views';
import { refOfVersionUri } from '../views/versionDocuments';

export interface CommandEnv {
  manager: BackendManager;
  views: Views;
  output: vscode.LogOutputChannel;
}

/** Writes and Palette calls need a trusted workspace; says so once and returns false otherwise. */
export function trusted(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(untrustedError(what).message, 'Manage Workspace Trust').then((pick) => pick && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

/** Runs a slow step under a cancellable notification; cancelling aborts the backend call. */
export function withProgress<T>(title: string, task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return task(controller.signal, progress).finally(() => subscription.dispose());
    }),
  );
}

export function isCancelled(error: unknown): boolean {
  return error instanceof BackendError ? error.code === 'cancelled' : (error as Error)?.name === 'AbortError';
}

/** A BackendError's message is written for users; anything else is a bug, logged with its stack. */
export function reportError(env: CommandEnv, what: string, error: unknown): void {
  if (isCancelled(error)) {
    void vscode.window.showInformationMessage(`${what}: cancelled.`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  env.output.error(`${what} failed: ${error instanceof BackendError ? `${error.code}${error.status ? ` (${error.status})` : ''}: ${message}` : (error as Error)?.stack ?? message}`);
  const actions = error instanceof BackendError && error.code === 'unauthorized' ? ['Set API Key', 'Show Output'] : ['Show Output'];
  // Not awaited: a notification waits for the user, and the command has finished.
  void vscode.window.showErrorMessage(`${what} failed: ${message}`, ...actions).then((pick) => {
    if (pick === 'Set API Key') void vscode.commands.executeCommand('paletteProfileStudio.setApiKey');
    if (pick === 'Show Output') env.output.show(true);
  });
}

function record(arg: unknown): Record<string, unknown> | undefined {
  return arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : undefined;
}

/** A version from a command argument: `{name, version}`, a Profiles view node, `{version: {name, version}}` or a version document. */
export function refArg(arg: unknown): VersionRef | undefined {
  if (arg instanceof vscode.Uri) return refOfVersionUri(arg);
  const r = record(arg);
  if (!r) return undefined;
  if (typeof r.name === 'string' && typeof r.version === 'string') return { name: r.name, version: r.version };
  // A Profiles view profile node: its newest version.
  if (r.kind === 'profile' && Array.isArray(r.versions) && r.versions.length) return refArg(r.versions[0]);
  const nested = record(r.version);
  if (nested && typeof nested.name === 'string' && typeof nested.version === 'string') return { name: nested.name, version: nested.version };
  return undefined;
}

/** Cluster names from an argument: a name, names, `{cluster}`, `{clusters}`, or Clusters view nodes (one, or the selection). */
export function clusterArgs(arg: unknown, selection?: unknown): string[] | undefined {
  const one = (x: unknown): string | undefined => {
    if (typeof x === 'string') return x;
    const r = record(x);
    if (typeof r?.cluster === 'string') return r.cluster;
    const info = record(r?.cluster);
    return typeof info?.name === 'string' ? info.name : undefined;
  };
  if (Array.isArray(selection) && selection.length > 1) return selection.map(one).filter((x): x is string => Boolean(x));
  if (Array.isArray(arg)) return arg.map(one).filter((x): x is string => Boolean(x));
  const r = record(arg);
  if (Array.isArray(r?.clusters)) return (r.clusters as unknown[]).map(one).filter((x): x is string => Boolean(x));
  const name = one(arg);
  return name ? [name] : undefined;
}

export { pickClusters } from './clusterPicker';

/** A published version; `name` limits it to one profile, newest first. */
export async function pickVersion(backend: Backend, options: { title: string; name?: string; describe?: (v: VersionInfo) => string | undefined }): Promise<VersionInfo | undefined> {
  const profiles = (await backend.listProfiles()).filter((p) => !options.name || p.name === options.name);
  const items = profiles.flatMap((p) => p.versions.map((v) => ({ label: `${v.name} ${v.version}`, description: options.describe?.(v) ?? (v.revision > 1 ? `revision ${v.revision}` : undefined), version: v })));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(options.name ? `${options.name} has no published version in ${backend.label}.` : `No published version in ${backend.label}.`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: options.title, matchOnDescription: true }))?.version;
}

/** Modal confirmation; true only when the given button was pressed. */
export async function confirmModal(message: string, detail: string, button: string, severity: 'info' | 'warning' = 'info'): Promise<boolean> {
  const show = severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return (await show(message, { modal: true, detail }, button)) === button;
}
