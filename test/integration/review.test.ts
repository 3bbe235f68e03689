// The review before Apply Changes in a real VS Code: the diff's sides, the panel's plan as the webview rendered it, conflicts, gating, Markdown, escaping.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import type { ReviewSession } from '../../client/src/review/session';
import { closeAllEditors, extensionId, openInEditor, waitFor, workspaceUri } from './util';

const pending = { name: 'edge-retail', version: '1.1.0' };
const conflict = 'conflict:hello-universe:manifests.hello-universe.replicas';

async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
  const exports = await extension.activate();
  await waitFor('a running language client', () => exports.client()?.isRunning());
  return exports;
}

/** Publishes the working file (1.1.0, hello-universe replicas 2) into the test store: store-042 overrides replicas to 3. */
async function publishPending(): Promise<void> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('edge-retail', 'edge-retail.profile.yaml')));
  await vscode.workspace.fs.writeFile(workspaceUri('.palette', 'profiles', 'edge-retail', '1.1.0.yaml'), new TextEncoder().encode(text));
}

/** Puts the draft back as it was and saves it, for the next test. */
async function restore(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await document.save();
}

async function draftText(): Promise<string> {
  return (await vscode.workspace.openTextDocument(workspaceUri('.palette', 'pending', 'store-042.profile.yaml'))).getText();
}

/** The session once its webview has rendered the newest plan and `ready` holds. */
async function settled(session: ReviewSession, what: string, ready: (s: ReviewSession) => boolean = () => true): Promise<ReviewSession> {
  try {
    return await waitFor(what, () => (session.model && !session.stale && session.rendered === session.revision && ready(session) ? session : undefined), 45_000);
  } catch (error) {
    const state = { model: !!session.model, stale: session.stale, revision: session.revision, rendered: session.rendered };
    throw new Error(`${(error as Error).message} (${JSON.stringify(state)})`);
  }
}

describe('Review before Apply', () => {
  before(publishPending);
  afterEach(closeAllEditors);
  after(async () => {
    await vscode.workspace.fs.delete(workspaceUri('.palette', 'pending'), { recursive: true }).then(undefined, () => undefined);
    // Later suites publish their own 1.1.0.
    await vscode.workspace.fs.delete(workspaceUri('.palette', 'profiles', 'edge-retail', '1.1.0.yaml')).then(undefined, () => undefined);
  });

  it('opens the cluster now (read-only) beside a pending draft with its overrides carried, and the server compares the draft with it', async () => {
    const exports = await api();
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { cluster: 'store-042', version: pending });
    const tab = await waitFor('a diff tab', () => {
      const input = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff)?.input;
      return input as vscode.TabInputTextDiff | undefined;
    });
    assert.equal(tab.original.scheme, 'palette-review');
    assert.equal(tab.modified.toString(), workspaceUri('.palette', 'pending', 'store-042.profile.yaml').toString());
    const left = (await vscode.workspace.openTextDocument(tab.original)).getText();
    assert.match(left, /^ {2}version: 1\.0\.0$/m);
    assert.match(left, /^ +replicas: 3$/m, 'the left side shows what store-042 runs: its override');
    const right = await draftText();
    assert.match(right, /^ {2}version: 1\.1\.0$/m);
    assert.match(right, /- max-pods=150$/m, 'the kept override of edge-k3s is carried into the draft');
    const session = await settled(exports.review()!, 'the first plan rendered by the webview');
    assert.equal(session.view().kind, 'cluster');
    assert.deepEqual(session.model!.conflicts.map((c) => [c.id, c.mine, c.theirs, c.resolved]), [[conflict, '3', '2', undefined]]);
    assert.equal(session.model!.impact, 'repave');
    const info = await waitFor('the snapshot baseline', () => (exports.baseline(tab.modified)?.source === 'snapshot' ? exports.baseline(tab.modified) : undefined));
    assert.match(info.label, /store-042/);
    // The server predicts against what the cluster runs: the registry change repaves.
    const hints = await waitFor('inlay hints on the draft', async () => {
      const all = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', tab.modified, new vscode.Range(0, 0, 400, 0));
      return all?.length ? all : undefined;
    });
    assert.ok(hints.some((h) => String(typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).includes('repave')));
  });

  it('renders the plan in the webview, and Keep mine writes the cluster value into the draft and resolves the conflict', async () => {
    const exports = await api();
    const handle = await exports.openReview({ cluster: 'store-042', version: pending });
    let session = await settled(handle.session, 'the plan rendered');
    const before = await session.panel.probe();
    assert.match(before.text, /Applying 1\.1\.0 to store-042 will repave/);
    assert.match(before.text, /✗ unresolved/);
    assert.equal(before.applyDisabled, true, 'the webview shows Apply disabled');
    assert.equal(session.applyEnabled(), false, 'Apply is gated while the conflict is open');
    // Edit selects the overridden key in the draft, for the reviewer to type another value.
    const span = session.model!.conflicts[0].span!;
    await session.handle({ type: 'resolve', conflict, choice: 'edit' });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === session.sides!.right.toString());
    assert.equal(editor && editor.document.offsetAt(editor.selection.start), span.start);
    assert.equal(editor!.document.getText(editor!.selection), 'replicas');
    await session.handle({ type: 'resolve', conflict, choice: 'mine' });
    await waitFor('replicas 3 in the draft', async () => /^ {14}replicas: 3$/m.test(await draftText()) || undefined);
    session = await settled(session, 'the resolved plan', (s) => s.model!.conflicts[0].resolved === 'mine');
    const after = await session.panel.probe();
    assert.match(after.text, /✓ resolved \(kept mine\)/);
    assert.equal(after.applyDisabled, false);
    assert.equal(session.applyEnabled(), true);
    // An edit makes the review stale: Apply waits for the webview to render the recomputed plan.
    const document = await vscode.workspace.openTextDocument(session.sides!.right);
    const at = document.getText().indexOf('timeout: 120');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 'timeout: 120'.length)), 'timeout: 90');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the review to go stale', () => session.applyEnabled() === false || undefined);
    await settled(session, 'the recomputed plan', (s) => s.model!.packs.some((p) => p.changes.some((c) => c.path.endsWith('drain.timeout') && c.after === '90')));
    assert.equal(session.applyEnabled(), true);
    await session.handle({ type: 'apply', revision: session.revision });
    const decision = await handle.decision;
    assert.equal(decision.action, 'apply');
    assert.ok(decision.action === 'apply' && decision.pendingUri.path.endsWith('/.palette/pending/store-042.profile.yaml'));
    assert.equal(document.isDirty, false, 'Apply saves the draft first');
  });

  it('keeps Apply disabled while a value does not parse (an error blocks)', async () => {
    const exports = await api();
    const { session } = await exports.openReview({ cluster: 'store-042', version: pending });
    await settled(session, 'the plan');
    const document = await vscode.workspace.openTextDocument(session.sides!.right);
    const original = document.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(original.indexOf('          manifests:\n            hello-universe:')), '          broken: [unclosed\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await settled(session, 'a blocked plan', (s) => s.model!.blocked);
    assert.equal(session.applyEnabled(), false);
    assert.equal((await session.panel.probe()).applyDisabled, true);
    assert.ok(session.model!.findings.some((f) => f.severity === 'error'));
    await restore(document, original);
  });

  it('Take new marks the conflict resolved without changing the draft, and a changed cluster record makes the review recompute', async () => {
    const exports = await api();
    const { session } = await exports.openReview({ cluster: 'store-042', version: pending });
    await settled(session, 'the plan');
    const document = await vscode.workspace.openTextDocument(session.sides!.right);
    const original = document.getText();
    await restore(document, original.replace(/^( {14}replicas:) 3$/m, '$1 2'));
    await settled(session, 'the conflict open again', (s) => !s.model!.conflicts[0].resolved);
    await session.handle({ type: 'resolve', conflict, choice: 'theirs' });
    await settled(session, 'the conflict taken from the new version', (s) => s.model!.conflicts[0].resolved === 'theirs');
    assert.equal(document.getText(), original.replace(/^( {14}replicas:) 3$/m, '$1 2'));
    // The store changes under the review: store-042 now overrides replicas to 4.
    const record = workspaceUri('.palette', 'clusters', 'store-042.yaml');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(record));
    const revision = session.revision;
    await vscode.workspace.fs.writeFile(record, new TextEncoder().encode(text.replace('replicas: 3', 'replicas: 4')));
    try {
      await settled(session, 'the plan after the store changed', (s) => s.revision > revision && s.model!.conflicts[0]?.mine === '4');
      const left = (await vscode.workspace.openTextDocument(session.left!)).getText();
      assert.match(left, /^ +replicas: 4$/m, 'the left side follows the cluster record');
    } finally {
      await vscode.workspace.fs.writeFile(record, new TextEncoder().encode(text));
    }
  });

  it('compares two published versions, both sides read-only, without Apply or Publish', async () => {
    const exports = await api();
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { profile: 'edge-retail', from: '1.0.0', to: '1.1.0' });
    const session = await settled(await waitFor('the versions review', () => (exports.review()?.request.kind === 'versions' ? exports.review() : undefined)), 'the plan');
    const tab = await waitFor('a diff tab', () => {
      const input = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff)?.input;
      return input as vscode.TabInputTextDiff | undefined;
    });
    assert.deepEqual([tab.original.scheme, tab.modified.scheme], ['palette-review', 'palette-review']);
    assert.match((await vscode.workspace.openTextDocument(tab.modified)).getText(), /^ {2}version: 1\.1\.0$/m);
    assert.equal(session.view().action, undefined);
    assert.equal(session.model!.impact, 'repave');
  });

  it('asks what to compare from the command palette: a cluster, then its newest version by default', async () => {
    const exports = await api();
    await closeAllEditors();
    const before = exports.review();
    const running = vscode.commands.executeCommand('paletteProfileStudio.reviewChanges');
    // Enter on each quick pick: "A cluster against a pending version", store-042 (first), the newest version.
    const session = await waitFor('the review picked', async () => {
      const now = exports.review();
      if (now && now !== before) return now;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return undefined;
    });
    await running;
    assert.deepEqual(session.request, { kind: 'cluster', cluster: 'store-042', version: pending });
  });

  it('opens from the views: a cluster row asks for the version, a version row for what to compare it with', async () => {
    const exports = await api();
    await closeAllEditors();
    const backend = await exports.backend();
    const cluster = await backend.readCluster('store-042');
    let before = exports.review();
    const fromCluster = vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { kind: 'cluster', cluster });
    const clusterSession = await waitFor('the review of the cluster row', async () => {
      const now = exports.review();
      if (now && now !== before) return now;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return undefined;
    });
    await fromCluster;
    assert.deepEqual(clusterSession.request, { kind: 'cluster', cluster: 'store-042', version: pending });
    await closeAllEditors();
    before = exports.review();
    const version = (await backend.listProfiles()).find((p) => p.name === 'edge-retail')!.versions.find((v) => v.version === '1.1.0')!;
    const fromVersion = vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { kind: 'version', version, usedBy: [] });
    const versionSession = await waitFor('the review of the version row', async () => {
      const now = exports.review();
      if (now && now !== before) return now;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return undefined;
    });
    await fromVersion;
    assert.deepEqual(versionSession.request, { kind: 'versions', profile: 'edge-retail', from: '1.0.0', to: '1.1.0' });
  });

  it('copies the review as Markdown to the clipboard', async () => {
    const exports = await api();
    const { session } = await exports.openReview({ cluster: 'store-042', version: pending });
    await settled(session, 'the plan');
    await vscode.env.clipboard.writeText('');
    await session.handle({ type: 'copyMarkdown' });
    const markdown = await vscode.env.clipboard.readText();
    assert.match(markdown, /store-042/);
    assert.match(markdown, /repave/);
    assert.match(markdown, /\|.*\|/, 'the changes are a table');
  });

  it('renders a value holding <script> and </style> as text', async () => {
    const exports = await api();
    const { session } = await exports.openReview({ cluster: 'store-042', version: pending });
    await settled(session, 'the plan');
    const clean = await session.panel.probe();
    const document = await vscode.workspace.openTextDocument(session.sides!.right);
    const original = document.getText();
    const hostile = '<script>document.title="owned"</script></style><b>bold</b>';
    const anchor = '              siteId:';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().indexOf(anchor)), `              banner: '${hostile}'\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await settled(session, 'the plan with the banner', (s) => s.model!.packs.some((p) => p.changes.some((c) => c.after?.includes('<script>'))));
    const probe = await session.panel.probe();
    assert.ok(probe.text.includes(hostile), 'the DOM text holds the value literally');
    assert.equal(probe.scripts, clean.scripts, 'no script element was added');
    assert.equal(probe.styles, clean.styles, 'no style element was added');
    await restore(document, original);
  });

  it('reviews the working file against its baseline, with Publish instead of Apply', async () => {
    // Not yet published: a working file equal to a stored version is reviewed as published (review-after suite).
    await vscode.workspace.fs.delete(workspaceUri('.palette', 'profiles', 'edge-retail', '1.1.0.yaml'));
    try {
      await reviewWorkingFile();
    } finally {
      await publishPending();
    }
  });

  async function reviewWorkingFile(): Promise<void> {
    const exports = await api();
    const editor = await openInEditor(workspaceUri('edge-retail', 'edge-retail.profile.yaml'));
    await waitFor('the baseline', () => exports.baseline(editor.document.uri));
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', editor.document.uri);
    const tab = await waitFor('a diff tab', () => {
      const input = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff)?.input;
      return input as vscode.TabInputTextDiff | undefined;
    });
    assert.equal(tab.original.scheme, 'palette-baseline');
    assert.equal(tab.modified.toString(), editor.document.uri.toString());
    const session = await settled(exports.review()!, 'the file plan');
    assert.equal(session.view().action?.kind, 'publish');
    assert.ok(session.model!.packs.length > 0);
    // The reveal link selects the change's span in the diff's right side.
    const change = session.model!.packs.flatMap((p) => p.changes).find((c) => c.side === 'pending' && c.span)!;
    const revealed = await session.reveal('pending', change.span!.start, change.span!.end);
    assert.equal(revealed?.document.uri.toString(), editor.document.uri.toString());
    assert.equal(revealed?.document.offsetAt(revealed.selection.start), change.span!.start);
    assert.equal(revealed?.document.offsetAt(revealed.selection.end), change.span!.end);
    // Another baseline picked while the review is open: the review follows it.
    const label = session.sides!.leftLabel;
    const other = workspaceUri('edge-retail', 'edge-retail-1.0.0.profile.yaml');
    await vscode.commands.executeCommand('paletteProfileStudio.chooseBaseline', editor.document.uri, { kind: 'file', uri: other.toString() });
    try {
      await settled(session, 'the review against the other baseline', (s) => s.sides!.leftLabel !== label);
      assert.match((await vscode.workspace.openTextDocument(session.left!)).getText(), /^# edge-retail 1\.0\.0: the published/);
    } finally {
      await vscode.commands.executeCommand('paletteProfileStudio.chooseBaseline', editor.document.uri, { kind: 'auto' });
    }
  }
});
