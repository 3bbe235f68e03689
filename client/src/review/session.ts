// One open review: the diff's two sides, the panel, recomputing when either side changes, and Apply gated on the plan the webview last rendered.
import * as vscode from 'vscode';
import type { ReviewModel } from '../../../server/src/core/review/model';
import { reviewMarkdown } from '../../../server/src/core/review/markdown';
import type { FromWebview, ReviewView } from './messages';
import { ReviewPanel } from './panel';
import { ReviewError, loadSides, type LoadedSides, type ReviewRequest, type SourceDeps } from './sources';
import { SnapshotDocuments } from './snapshots';
import { resolveConflict } from './resolve';
import type { BaselineDocuments } from './baselineDocuments';

export type ReviewDecision =
  | { action: 'apply'; cluster: string; version: { name: string; version: string }; pendingUri: vscode.Uri }
  | { action: 'publish'; uri: vscode.Uri }
  | { action: 'closed' };

export interface SessionDeps extends SourceDeps {
  extensionUri: vscode.Uri;
  snapshots: SnapshotDocuments;
  baselines: BaselineDocuments;
  /** Tells the server what the right side is compared with, so its hints and hovers predict against the left side. */
  compareWith(uri: vscode.Uri, label: string, text: string): Promise<void>;
  /** Files whose change makes the review stale (the store's versions and cluster records). */
  watchPattern(): vscode.GlobPattern | undefined;
  /** The server picked another baseline for a document (Compare With…, or its files changed). */
  onBaselineChanged: vscode.Event<{ uri: string; label: string }>;
  log(line: string): void;
}

const recomputeDelayMs = 250;

export class ReviewSession implements vscode.Disposable {
  readonly panel: ReviewPanel;
  sides?: LoadedSides;
  left?: vscode.Uri;
  model?: ReviewModel;
  revision = 0;
  /** The newest revision the webview said it rendered. */
  rendered = -1;
  stale?: string;
  readonly decision: Promise<ReviewDecision>;
  private decide!: (d: ReviewDecision) => void;
  private readonly takenNew = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer?: NodeJS.Timeout;
  private reloadNeeded = false;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    readonly request: ReviewRequest,
    private readonly deps: SessionDeps,
    /** Set when a caller awaits the decision: Apply and Publish then resolve it instead of running their commands. */
    private readonly returnDecision: boolean,
  ) {
    this.decision = new Promise((resolve) => (this.decide = resolve));
    this.panel = new ReviewPanel(deps.extensionUri, 'Review', vscode.ViewColumn.Beside, (m) => void this.handle(m));
    this.disposables.push(
      this.panel.panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.sides && e.document.uri.toString() === this.sides.right.toString() && e.contentChanges.length) this.changed('the pending side was edited', false);
      }),
    );
    this.disposables.push(
      deps.onBaselineChanged((info) => {
        const sides = this.sides;
        if (sides?.kind === 'file' && info.uri === sides.right.toString() && info.label !== sides.leftLabel) this.changed('the baseline changed', true);
      }),
    );
    const pattern = deps.watchPattern();
    if (pattern) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const onStore = (uri: vscode.Uri) => {
        if (!uri.path.includes('/pending/')) this.changed('the store changed on disk', true);
      };
      this.disposables.push(watcher, watcher.onDidChange(onStore), watcher.onDidCreate(onStore), watcher.onDidDelete(onStore));
    }
  }

  /** Loads both sides, opens the diff and renders the first plan. */
  async start(): Promise<void> {
    await this.reload();
    if (!this.sides || !this.left) return;
    if (this.sides.kind === 'cluster' && this.sides.outcome) {
      this.panel.panel.reveal(undefined, true);
      return;
    }
    await vscode.commands.executeCommand('vscode.diff', this.left, this.sides.right, `${this.sides.leftLabel} ↔ ${this.sides.rightLabel}`, { preview: false, viewColumn: vscode.ViewColumn.One });
    this.panel.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  private async reload(): Promise<void> {
    try {
      const sides = await loadSides(this.request, this.deps);
      this.sides = sides;
      this.panel.panel.title = `Review: ${sides.title}`;
      if (sides.kind === 'file') {
        this.left = this.deps.baselines.leftFor(sides.right, sides.leftLabel, sides.leftText);
      } else {
        this.left = SnapshotDocuments.uriFor(`${sides.kind}-${sides.title}`, sides.leftLabel);
        this.deps.snapshots.set(this.left, sides.leftText);
        if (sides.rightSnapshot !== undefined) this.deps.snapshots.set(sides.right, sides.rightSnapshot);
      }
      if (sides.kind === 'cluster' && !sides.readOnly && !sides.outcome) await this.deps.compareWith(sides.right, sides.leftLabel, sides.leftText);
      await this.recompute();
      // Applied: the diff of a move that is done would contradict the panel, so it goes, and so does the applied draft.
      if (sides.kind === 'cluster' && sides.outcome) {
        await this.closeDiff();
        await this.removeAppliedDraft(sides.right);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ReviewError)) this.deps.log(`review failed: ${error instanceof Error ? error.stack : message}`);
      this.stale = undefined;
      void this.panel.post({ type: 'failed', message: `The review could not be computed: ${message}` });
      throw error;
    }
  }

  private async recompute(): Promise<void> {
    const sides = this.sides;
    if (!sides) return;
    const text = await this.rightText(sides);
    this.model = sides.build(text, [...this.takenNew]);
    this.revision++;
    this.stale = undefined;
    void this.panel.post({ type: 'plan', view: this.view() });
  }

  private async rightText(sides: LoadedSides): Promise<string> {
    if (sides.rightSnapshot !== undefined) return this.deps.snapshots.text(sides.right) ?? sides.rightSnapshot;
    return (await vscode.workspace.openTextDocument(sides.right)).getText();
  }

  view(): ReviewView {
    const sides = this.sides!;
    const model = this.model!;
    if (sides.outcome) {
      const { message, next } = sides.outcome;
      return { revision: this.revision, kind: sides.kind, title: sides.title, left: sides.leftLabel, right: sides.rightLabel, model, outcome: { message, ...(next ? { next: next.label } : {}) } };
    }
    const open = model.conflicts.filter((c) => !c.resolved).length;
    const why = sides.readOnly ?? (model.blocked ? 'Errors in the findings block it.' : open ? `${open} conflict${open === 1 ? '' : 's'} to resolve first.` : undefined);
    const action = sides.kind === 'cluster' ? { kind: 'apply' as const, enabled: !why, ...(why ? { why } : {}) } : sides.kind === 'file' ? { kind: 'publish' as const, enabled: !model.blocked, ...(model.blocked ? { why: 'Errors in the findings block it.' } : {}) } : undefined;
    return { revision: this.revision, kind: sides.kind, title: sides.title, left: sides.leftLabel, right: sides.rightLabel, model, ...(action ? { action } : {}) };
  }

  /** Apply needs the newest plan rendered by the webview, nothing stale, no error and every conflict resolved. */
  applyEnabled(): boolean {
    const action = this.model && this.sides ? this.view().action : undefined;
    return !!action && action.kind === 'apply' && action.enabled && !this.stale && this.rendered === this.revision;
  }

  private changed(reason: string, reload: boolean): void {
    this.stale = reason;
    this.reloadNeeded ||= reload;
    void this.panel.post({ type: 'stale', reason });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const full = this.reloadNeeded;
      this.reloadNeeded = false;
      this.busy = this.busy.then(() => (full ? this.reload() : this.recompute())).catch((error) => this.deps.log(`review recompute failed: ${String(error)}`));
    }, recomputeDelayMs);
  }

  async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.model) void this.panel.post({ type: 'plan', view: this.view() });
        return;
      case 'rendered':
        this.rendered = Math.max(this.rendered, message.revision);
        return;
      case 'reveal':
        await this.reveal(message.side, message.start, message.end);
        return;
      case 'resolve':
        return this.resolve(message.conflict, message.choice);
      case 'apply':
        return this.apply(message.revision);
      case 'publish':
        return this.publish();
      case 'copyMarkdown':
        if (!this.model) return;
        await vscode.env.clipboard.writeText(reviewMarkdown(this.model));
        void this.panel.post({ type: 'notice', message: 'Copied the review as Markdown.' });
        return;
      case 'openSource':
        if (/^https?:\/\//.test(message.url)) await vscode.env.openExternal(vscode.Uri.parse(message.url));
        return;
      case 'next': {
        const next = this.sides?.outcome?.next;
        if (next) await runIfPresent(next.command, next.arg, next.label);
        return;
      }
      case 'probed':
        return;
    }
  }

  /** Selects the span in the diff's side; reopens the diff when it was closed. */
  async reveal(side: 'current' | 'pending', start: number, end: number): Promise<vscode.TextEditor | undefined> {
    const uri = side === 'pending' ? this.sides?.right : this.left;
    if (!uri || !this.sides || !this.left) return undefined;
    const find = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (!find()) await vscode.commands.executeCommand('vscode.diff', this.left, this.sides.right, `${this.sides.leftLabel} ↔ ${this.sides.rightLabel}`, { preview: false, viewColumn: vscode.ViewColumn.One });
    const editor = find();
    if (!editor) return undefined;
    const from = editor.document.positionAt(start);
    // The cursor at the start, so a long value does not scroll the side sideways.
    editor.selection = new vscode.Selection(editor.document.positionAt(end), from);
    editor.revealRange(new vscode.Range(from, from), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async resolve(id: string, choice: 'mine' | 'theirs' | 'edit'): Promise<void> {
    const sides = this.sides;
    const conflict = sides?.conflicts.get(id);
    const shown = this.model?.conflicts.find((c) => c.id === id);
    if (!sides || !conflict) return;
    if (choice === 'edit') {
      if (shown?.span) await this.reveal('pending', shown.span.start, shown.span.end);
      return;
    }
    if (sides.readOnly) {
      void vscode.window.showInformationMessage(sides.readOnly);
      return;
    }
    if (choice === 'theirs') this.takenNew.add(id);
    else this.takenNew.delete(id);
    const document = await vscode.workspace.openTextDocument(sides.right);
    const changed = await resolveConflict(document, conflict, choice === 'mine' ? conflict.mine : conflict.theirs);
    // Taking the new value often leaves the text as it is: recompute for the resolution alone.
    if (!changed) this.changed('a conflict was resolved', false);
  }

  private async apply(revision: number): Promise<void> {
    const sides = this.sides;
    const version = this.request.kind === 'cluster' ? this.request.version : undefined;
    if (!sides?.cluster || !version) return;
    if (revision !== this.revision || !this.applyEnabled()) {
      void this.panel.post({ type: 'notice', message: 'The review changed: look at the newest plan before applying.' });
      return;
    }
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sides.right.toString());
    if (document?.isDirty) await document.save();
    const decision = { action: 'apply' as const, cluster: sides.cluster.name, version: { name: version.name, version: version.version }, pendingUri: sides.right };
    if (this.returnDecision) return this.decide(decision);
    await runIfPresent('paletteProfileStudio.applyVersion', { cluster: decision.cluster, version: decision.version, pendingUri: decision.pendingUri, reviewed: true }, 'Apply');
  }

  private async publish(): Promise<void> {
    const sides = this.sides;
    if (!sides || sides.kind !== 'file' || this.model?.blocked) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sides.right.toString());
    if (document?.isDirty) await document.save();
    if (this.returnDecision) return this.decide({ action: 'publish', uri: sides.right });
    await runIfPresent('paletteProfileStudio.publishVersion', sides.right, 'Publish');
  }

  /** The diff tabs showing this review's two sides. */
  private diffTabs(): vscode.Tab[] {
    const left = this.left?.toString();
    const right = this.sides?.right.toString();
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && (t.input.original.toString() === left || t.input.modified.toString() === right));
  }

  async closeDiff(): Promise<void> {
    const tabs = this.diffTabs();
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  /** The draft in the store's pending/ was applied: nothing is pending, so no pending file either (unless it holds unsaved edits). */
  private async removeAppliedDraft(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file' || !uri.path.includes('/pending/')) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) return;
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.decide({ action: 'closed' });
    for (const d of this.disposables.splice(0)) d.dispose();
    // A replaced or closed review takes its diff along, so reviews do not pile up tabs.
    void this.closeDiff();
    this.panel.dispose();
  }
}

async function runIfPresent(command: string, arg: unknown, what: string): Promise<void> {
  if (!(await vscode.commands.getCommands(true)).includes(command)) {
    void vscode.window.showWarningMessage(`${what} is not available in this build of Palette Profile Studio (no ${command} command).`);
    return;
  }
  await vscode.commands.executeCommand(command, arg);
}
