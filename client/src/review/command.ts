// "Palette: Review Changes": picks what to compare (working file, two versions, a cluster and a pending version) and opens the diff beside the review panel.
import * as vscode from 'vscode';
import type { Backend, ClusterInfo, VersionInfo, VersionRef } from '../../../server/src/backend/types';
import { toUri } from '../baseline';
import { ReviewError, type ReviewRequest } from './sources';
import { ReviewSession, type ReviewDecision, type SessionDeps } from './session';

export interface OpenReviewOptions {
  /** The caller awaits the decision (the Apply flow): Apply and Publish resolve it rather than run their commands. */
  returnDecision?: boolean;
}

export interface ReviewHandle {
  session: ReviewSession;
  decision: Promise<ReviewDecision>;
}

/** Keeps one review per target; opening it again reveals and recomputes it. */
export class ReviewManager implements vscode.Disposable {
  /** The activated extension's manager, for `openReview` from other modules of the bundle. */
  static instance?: ReviewManager;
  private readonly sessions = new Map<string, ReviewSession>();
  /** The review opened last, for tests and the extension API. */
  last?: ReviewSession;

  constructor(private readonly deps: SessionDeps) {
    ReviewManager.instance = this;
  }

  async open(request: ReviewRequest, options: OpenReviewOptions = {}): Promise<ReviewHandle> {
    // One review per file, per cluster and per profile: another version of the same target replaces it.
    const key = request.kind === 'file' ? `file:${request.uri.toString()}` : request.kind === 'cluster' ? `cluster:${request.cluster}` : `versions:${request.profile}`;
    this.sessions.get(key)?.dispose();
    const session = new ReviewSession(request, this.deps, options.returnDecision ?? false);
    this.sessions.set(key, session);
    this.last = session;
    session.panel.panel.onDidDispose(() => {
      if (this.sessions.get(key) === session) this.sessions.delete(key);
    });
    try {
      await session.start();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ReviewError && request.kind === 'file' && message.startsWith('Nothing to compare with')) {
        session.dispose();
        const pick = await vscode.window.showWarningMessage(message, 'Compare With…');
        if (pick) await vscode.commands.executeCommand('paletteProfileStudio.chooseBaseline', request.uri);
      } else void vscode.window.showErrorMessage(`Review Changes: ${message}`);
    }
    return { session, decision: session.decision };
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    if (ReviewManager.instance === this) ReviewManager.instance = undefined;
  }
}

/** `target`: a file uri (code lens, editor title), `{ cluster, version }` (the Apply flow, the views), `{ profile, from, to }`, or nothing (asks). */
export function reviewChangesCommand(manager: ReviewManager, backend: () => Promise<Backend>) {
  return async (target?: unknown): Promise<void> => {
    const node = viewNodeOf(target);
    const request = requestOf(target) ?? (node ? await fromViewNode(node, backend) : await pickRequest(backend));
    if (request) await manager.open(request);
  };
}

/**
 * For other commands (the Apply flow): opens the review; `decision` resolves once the reviewer applies,
 * publishes or closes it, and Apply then does not run paletteProfileStudio.applyVersion itself.
 */
export function openReview(request: ReviewRequest | { cluster: string; version: VersionRef }, manager = ReviewManager.instance): Promise<ReviewHandle> {
  if (!manager) return Promise.reject(new Error('The Palette extension is not active.'));
  const resolved = 'kind' in request ? request : ({ kind: 'cluster', cluster: request.cluster, version: request.version } as const);
  return manager.open(resolved, { returnDecision: true });
}

export function requestOf(target: unknown): ReviewRequest | undefined {
  const uri = toUri(target);
  if (uri) return { kind: 'file', uri };
  if (!target || typeof target !== 'object') return undefined;
  const t = target as { cluster?: unknown; version?: { name?: unknown; version?: unknown }; profile?: unknown; from?: unknown; to?: unknown };
  if (typeof t.cluster === 'string' && t.version && typeof t.version.name === 'string' && typeof t.version.version === 'string') {
    return { kind: 'cluster', cluster: t.cluster, version: { name: t.version.name, version: t.version.version } };
  }
  if (typeof t.profile === 'string' && typeof t.from === 'string' && typeof t.to === 'string') return { kind: 'versions', profile: t.profile, from: t.from, to: t.to };
  return undefined;
}

type Item<T> = vscode.QuickPickItem & { value: T };

async function pick<T>(items: Item<T>[], title: string, placeHolder: string): Promise<T | undefined> {
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true }))?.value;
}

async function pickRequest(backend: () => Promise<Backend>): Promise<ReviewRequest | undefined> {
  const editor = vscode.window.activeTextEditor;
  const file = editor?.document.languageId === 'palette-profile' && editor.document.uri.scheme === 'file' ? editor.document.uri : undefined;
  const kinds: Item<'file' | 'versions' | 'cluster'>[] = [
    ...(file ? [{ label: 'Working file against its baseline', description: vscode.workspace.asRelativePath(file), value: 'file' as const }] : []),
    { label: 'A cluster against a pending version', description: 'what Apply would change, the cluster’s overrides carried over', value: 'cluster' },
    { label: 'A profile version against another', description: 'two published versions', value: 'versions' },
  ];
  const kind = await pick(kinds, 'Review Changes', 'What do you want to compare?');
  if (!kind) return undefined;
  if (kind === 'file' && file) return { kind: 'file', uri: file };
  try {
    const store = await backend();
    if (kind === 'cluster') return pickCluster(store);
    return pickVersions(store);
  } catch (error) {
    void vscode.window.showErrorMessage(`Review Changes: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function pickCluster(store: Backend): Promise<ReviewRequest | undefined> {
  const clusters = await store.listClusters();
  if (!clusters.length) throw new ReviewError(`No clusters in ${store.label}.`);
  const cluster = await pick(
    clusters.map((c) => ({ label: c.name, description: c.profile ? `runs ${c.profile.name} ${c.profile.version}` : 'no profile', detail: c.status, value: c })),
    'Review Changes: cluster',
    'Which cluster?',
  );
  return cluster ? pickVersionFor(store, cluster) : undefined;
}

/** The Clusters view's cluster rows and the Profiles view's version rows, as their providers build them. */
type ViewNode = { kind: 'cluster'; cluster: ClusterInfo } | { kind: 'version'; version: VersionInfo };

function viewNodeOf(target: unknown): ViewNode | undefined {
  const t = target as { kind?: unknown; cluster?: { name?: unknown }; version?: { name?: unknown; version?: unknown } } | undefined;
  if (t?.kind === 'cluster' && typeof t.cluster?.name === 'string') return target as ViewNode;
  if (t?.kind === 'version' && typeof t.version?.name === 'string' && typeof t.version.version === 'string') return target as ViewNode;
  return undefined;
}

/** From a view's context menu: a cluster picks the pending version; a version picks what to compare it with. */
async function fromViewNode(node: ViewNode, backend: () => Promise<Backend>): Promise<ReviewRequest | undefined> {
  try {
    const store = await backend();
    if (node.kind === 'cluster') return pickVersionFor(store, node.cluster);
    const profile = (await store.listProfiles()).find((p) => p.name === node.version.name);
    const others = (profile?.versions ?? []).filter((v) => v.version !== node.version.version);
    if (!others.length) throw new ReviewError(`${node.version.name} ${node.version.version} is its only published version.`);
    const items = others.map((v) => ({ label: v.version, description: v.description, value: v.version }));
    const from = await pick(items, `Review Changes: ${node.version.name} ${node.version.version}`, 'Compare it with');
    return from ? { kind: 'versions', profile: node.version.name, from, to: node.version.version } : undefined;
  } catch (error) {
    void vscode.window.showErrorMessage(`Review Changes: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function pickVersionFor(store: Backend, cluster: ClusterInfo): Promise<ReviewRequest | undefined> {
  if (!cluster.profile) throw new ReviewError(`${cluster.name} runs no profile.`);
  const profile = (await store.listProfiles()).find((p) => p.name === cluster.profile!.name);
  const versions = profile?.versions ?? [];
  if (!versions.length) throw new ReviewError(`No published versions of ${cluster.profile.name} in ${store.label}.`);
  // Newest first, so Enter takes the newest.
  const version = await pick(
    versions.map((v, i) => ({ label: v.version, description: [i === 0 ? 'newest' : '', v.version === cluster.profile!.version ? 'what it runs' : ''].filter(Boolean).join(' · '), detail: v.description, value: v })),
    `Review Changes: ${cluster.name}`,
    `Apply which version of ${cluster.profile.name}?`,
  );
  return version ? { kind: 'cluster', cluster: cluster.name, version: { name: version.name, version: version.version } } : undefined;
}

async function pickVersions(store: Backend): Promise<ReviewRequest | undefined> {
  const profiles = (await store.listProfiles()).filter((p) => p.versions.length > 0);
  if (!profiles.length) throw new ReviewError(`No published versions in ${store.label}.`);
  const profile = profiles.length === 1 ? profiles[0] : await pick(profiles.map((p) => ({ label: p.name, description: `${p.versions.length} versions`, value: p })), 'Review Changes: profile', 'Which profile?');
  if (!profile) return undefined;
  const items = profile.versions.map((v) => ({ label: v.version, description: v.description, value: v.version }));
  const to = await pick(items, `Review Changes: ${profile.name}`, 'The pending (newer) version');
  if (!to) return undefined;
  const from = await pick(items.filter((i) => i.value !== to), `Review Changes: ${profile.name} → ${to}`, 'Compare it with');
  return from ? { kind: 'versions', profile: profile.name, from, to } : undefined;
}
