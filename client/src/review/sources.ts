// Loads the two sides of a review: a working file and its baseline, two published versions, or a cluster's current configuration and a pending draft.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Backend, ClusterInfo, VersionRef } from '../../../server/src/backend/types';
import { buildReview, reviewSides } from '../../../server/src/core/review/build';
import type { ReviewModel } from '../../../server/src/core/review/model';
import { conflictId } from '../../../server/src/core/review/overrides';
import { parseProfile, type ProfileModel } from '../../../server/src/core/parse/profile';
import { defaultSyntaxLimits } from '../../../server/src/core/syntax';
import { BaselineTextRequest } from '../../../server/src/protocol';
import { valuesAsBlocks } from '../../../server/src/core/merge/profileText';
import { versionLabel } from '../../../server/src/backend/flows/inPlace';
import { planUpdate } from '../../../server/src/core/plan/plan';
import type { ReviewKind } from './messages';
import { SnapshotDocuments } from './snapshots';

export type ReviewRequest =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'versions'; profile: string; from: string; to: string }
  | { kind: 'cluster'; cluster: string; version: VersionRef };

/** A conflict's two values as the merge has them (the model only holds masked displays). */
export interface RawConflict {
  pack: string;
  layer?: string;
  path: string;
  mine: unknown;
  theirs: unknown;
}

export interface LoadedSides {
  kind: ReviewKind;
  title: string;
  leftLabel: string;
  rightLabel: string;
  leftText: string;
  /** The right side's document: the working file, the cluster's draft, or (versions) a snapshot with this text. */
  right: vscode.Uri;
  rightSnapshot?: string;
  /** The review of the right side's text as it is now. */
  build(rightText: string, takenNew: readonly string[]): ReviewModel;
  conflicts: Map<string, RawConflict>;
  cluster?: ClusterInfo;
  /** Why the pending side cannot be edited or applied (Restricted Mode); the review is then read-only. */
  readOnly?: string;
  /** The review's action is done already: the cluster runs the version with nothing pending, or the file is the published version. */
  outcome?: { message: string; next?: { label: string; command: string; arg: unknown } };
}

export interface SourceDeps {
  client(): LanguageClient | undefined;
  backend(): Promise<Backend>;
  /** The local store folder of the first workspace folder: drafts live in its `pending/`. */
  storeDir(): vscode.Uri | undefined;
}

export class ReviewError extends Error {}

const parse = (text: string): ProfileModel => parseProfile(text, { ...defaultSyntaxLimits, maxBytes: Math.max(defaultSyntaxLimits.maxBytes, text.length + 1) });

export function draftUri(storeDir: vscode.Uri, cluster: string): vscode.Uri {
  return vscode.Uri.joinPath(storeDir, 'pending', `${cluster}.profile.yaml`);
}

export async function loadSides(request: ReviewRequest, deps: SourceDeps): Promise<LoadedSides> {
  switch (request.kind) {
    case 'file':
      return loadFile(request.uri, deps);
    case 'versions':
      return loadVersions(request, deps);
    case 'cluster':
      return loadCluster(request, deps);
  }
}

async function loadFile(uri: vscode.Uri, deps: SourceDeps): Promise<LoadedSides> {
  const client = deps.client();
  if (!client?.isRunning()) throw new ReviewError('The Palette language server is not running.');
  const { info, text } = await client.sendRequest(BaselineTextRequest, { uri: uri.toString() });
  if (info.source === 'none' || text === undefined) throw new ReviewError(`Nothing to compare with: ${info.problem ?? info.detail}`);
  const leftText = valuesAsBlocks(text);
  const current = parse(leftText);
  const published = await deps.backend().then(
    (b) => b.listProfiles().then((all) => all.find((p) => p.name === current.name?.value)?.versions.map((v) => v.version) ?? []),
    () => [] as string[],
  );
  const name = uri.path.split('/').pop() ?? 'profile';
  const outcome = await publishedOutcome(uri, deps);
  return {
    ...(outcome ? { outcome } : {}),
    kind: 'file',
    title: `${name} against ${info.label}`,
    leftLabel: info.label,
    rightLabel: name,
    leftText,
    right: uri,
    build: (rightText) => buildReview({ current, pending: parse(rightText), existingVersions: published }),
    conflicts: new Map(),
  };
}

async function loadVersions(request: Extract<ReviewRequest, { kind: 'versions' }>, deps: SourceDeps): Promise<LoadedSides> {
  const backend = await deps.backend();
  const [from, to] = await Promise.all([request.from, request.to].map((version) => backend.readVersion({ name: request.profile, version })));
  const leftText = valuesAsBlocks(from);
  const rightText = valuesAsBlocks(to);
  const current = parse(leftText);
  return {
    kind: 'versions',
    title: `${request.profile} ${request.from} → ${request.to}`,
    leftLabel: `${request.profile} ${request.from}`,
    rightLabel: `${request.profile} ${request.to}`,
    leftText,
    right: SnapshotDocuments.uriFor(`versions-${request.profile}-${request.from}`, `${request.profile} ${request.to}`),
    rightSnapshot: rightText,
    build: (text) => buildReview({ current, pending: parse(text) }),
    conflicts: new Map(),
  };
}

async function loadCluster(request: Extract<ReviewRequest, { kind: 'cluster' }>, deps: SourceDeps): Promise<LoadedSides> {
  const store = deps.storeDir();
  if (!store) throw new ReviewError('Open a workspace folder: the pending configuration is written into its store folder.');
  const backend = await deps.backend();
  const cluster = await backend.readCluster(request.cluster);
  if (!cluster.profile) throw new ReviewError(`Cluster ${cluster.name} has no profile attached.`);
  // Both versions as blocks before the merge, so the texts the diff shows are the ones the review's spans refer to.
  const currentVersion = parse(valuesAsBlocks(await backend.appliedText(cluster.name)));
  const pendingVersion = parse(valuesAsBlocks(await backend.readVersion(request.version)));
  const sides = reviewSides({ currentVersion, pendingVersion, cluster });
  const target = (await backend.listProfiles()).find((p) => p.name === request.version.name)?.versions.find((v) => v.version === request.version.version);
  const from = `${cluster.profile.name} ${versionLabel(cluster.profile.version, cluster.appliedRevision)}`;
  const to = versionLabel(request.version.version, target?.revision);
  const rightLabel = `${cluster.name} pending (${request.version.name} ${to})`;
  const runsIt = cluster.profile.name === request.version.name && cluster.profile.version === request.version.version && !cluster.updatesAvailable;
  const outcome = runsIt ? { message: `${cluster.name} runs ${from}. Nothing is pending: there is nothing to apply.` } : undefined;
  // Restricted Mode writes nothing into the workspace, not even the draft: the pending side is a read-only snapshot.
  const readOnly = vscode.workspace.isTrusted ? undefined : 'Restricted Mode: trust this workspace to edit the pending side and apply.';
  const right = readOnly ? SnapshotDocuments.uriFor(`cluster-${cluster.name}-pending`, rightLabel) : draftUri(store, cluster.name);
  if (!readOnly) await ensureDraft(right, sides.pending.text, request.version);
  const conflicts = new Map<string, RawConflict>();
  for (const c of sides.view?.merge.conflicts ?? []) conflicts.set(conflictId(c.pack, c.path), { pack: c.pack, layer: c.layer, path: c.path, mine: c.mine, theirs: c.theirs });
  return {
    ...(outcome ? { outcome } : {}),
    kind: 'cluster',
    title: outcome ? `${cluster.name}: ${from}` : `${cluster.name}: ${from} → ${to}`,
    leftLabel: `${cluster.name} now (${from})`,
    rightLabel,
    leftText: sides.current.text,
    right,
    ...(readOnly ? { rightSnapshot: sides.pending.text, readOnly } : {}),
    build: (text, takenNew) => buildReview({ currentVersion, pendingVersion, cluster, draft: parse(text), takenNew }),
    conflicts,
    cluster,
  };
}

/** A draft for the same version is the reviewer's work in progress and stays; any other is replaced. */
async function ensureDraft(uri: vscode.Uri, text: string, version: VersionRef): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const existing = open?.getText() ?? (await vscode.workspace.fs.readFile(uri).then((b) => new TextDecoder().decode(b), () => undefined));
  if (existing !== undefined) {
    const draft = parse(existing);
    if (draft.name?.value === version.name && draft.version?.value === version.version) return;
  }
  if (open) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    await open.save();
    return;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * The working file is a published version when the store holds its name and version with the same content
 * (no change between them): the review then says so and offers the clusters on older versions.
 */
async function publishedOutcome(uri: vscode.Uri, deps: SourceDeps): Promise<LoadedSides['outcome']> {
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  const working = parse(text);
  const name = working.name?.value;
  const version = working.version?.value;
  if (typeof name !== 'string' || typeof version !== 'string') return undefined;
  const backend = await deps.backend().catch(() => undefined);
  const stored = backend && (await backend.readVersion({ name, version }).catch(() => undefined));
  if (stored === undefined || planUpdate(parse(valuesAsBlocks(stored)), working, {}).changes.length > 0) return undefined;
  const older = (await backend!.listClusters().catch(() => [])).filter((c) => c.profile?.name === name && c.profile.version !== version).map((c) => `${c.name} (${c.profile!.version})`);
  const message = `Published ${name} ${version} to ${backend!.label}.${older.length ? ` Clusters on other versions: ${older.join(', ')}.` : ''}`;
  return { message, ...(older.length ? { next: { label: `Apply ${version} to clusters…`, command: 'paletteProfileStudio.applyVersion', arg: { version: { name, version } } } } : {}) };
}
