// The review panel's script in the webview: renders the extension's ReviewView with DOM text nodes only, and sends the reviewer's actions back.
import type { Impact } from '../../../../server/src/core/plan/model';
import { filterReview } from '../../../../server/src/core/review/filter';
import type { ReviewChange, ReviewConflict, ReviewModel, ReviewOverride } from '../../../../server/src/core/review/model';
import type { FromWebview, ReviewView, ToWebview } from '../messages';
import { el, impactBadge, impactNames, impactOrderDesc, section, shorten } from './dom';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface State {
  view?: ReviewView;
  /** Impacts the reviewer hid with the filters. */
  hidden: Impact[];
}

const vscode = acquireVsCodeApi();
const state: State = vscode.getState() ?? { hidden: [] };
let stale: string | undefined;
let failure: string | undefined;
let notice: string | undefined;
const root = document.getElementById('root') as HTMLElement;

const post = (message: FromWebview) => vscode.postMessage(message);

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'plan':
      state.view = message.view;
      stale = undefined;
      failure = undefined;
      vscode.setState(state);
      render();
      post({ type: 'rendered', revision: message.view.revision });
      return;
    case 'stale':
      stale = message.reason;
      render();
      return;
    case 'failed':
      failure = message.message;
      stale = undefined;
      render();
      return;
    case 'notice':
      notice = message.message;
      render();
      return;
    case 'probe':
      post({
        type: 'probed',
        id: message.id,
        text: root.textContent ?? '',
        scripts: document.querySelectorAll('script').length,
        styles: document.querySelectorAll('style').length,
        theme: document.body.className,
        applyDisabled: (root.querySelector('[data-key="action-apply"]') as HTMLButtonElement | null)?.disabled,
      });
      return;
  }
});

function render(): void {
  const focused = document.activeElement?.getAttribute('data-key');
  root.replaceChildren(...content());
  // Re-rendering replaces nodes; keep the keyboard where the reviewer was.
  if (focused) (root.querySelector(`[data-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
}

function content(): Node[] {
  const view = state.view;
  if (!view) return [el('p', { class: 'muted' }, failure ?? 'Computing the review…')];
  const { model } = view;
  const out: Node[] = [];
  if (view.outcome) return outcome(view, view.outcome);
  out.push(el('header', { class: 'head' }, el('h1', {}, view.title), el('p', { class: 'sides' }, `${view.left} → ${view.right}`)));
  if (stale) out.push(el('p', { class: 'banner stale', role: 'status' }, `Changed — recomputing (${stale})`));
  if (failure) out.push(el('p', { class: 'banner error', role: 'alert' }, failure));
  out.push(el('div', { class: `headline impact-${model.impact}` }, impactBadge(model.impact, model.certainty), el('p', {}, model.headline)));
  out.push(actions(view));
  if (notice) out.push(el('p', { class: 'banner notice', role: 'status' }, notice));
  out.push(filters(model));
  if (model.findings.length) out.push(findings(model));
  if (model.conflicts.length) out.push(conflicts(model.conflicts));
  out.push(changes(model));
  if (model.kept.length) out.push(overrides('Overrides kept', 'kept', model.kept, 'The cluster keeps these values; the new version did not change them.'));
  if (model.dropped.length) out.push(overrides('Overrides dropped', 'dropped', model.dropped, 'The new version removed their key or pack: these values will not be carried.'));
  if (model.leftBehind.length) {
    out.push(section('Left behind on the cluster', 'left-behind', el('ul', {}, ...model.leftBehind.map((l) => el('li', {}, el('code', {}, `${l.pack}: ${l.resource}`), ` — ${l.reason}`)))));
  }
  return out;
}

/** The action is done: say what is true now, and the next step if there is one; no plan, no Apply. */
function outcome(view: ReviewView, done: NonNullable<ReviewView['outcome']>): Node[] {
  const out: Node[] = [el('header', { class: 'head' }, el('h1', {}, view.title))];
  if (stale) out.push(el('p', { class: 'banner stale', role: 'status' }, `Changed — recomputing (${stale})`));
  out.push(el('p', { class: 'banner done', role: 'status', 'data-role': 'outcome' }, done.message));
  if (done.next) {
    const bar = el('div', { class: 'actions' });
    const next = el('button', { class: 'primary', 'data-key': 'next' }, done.next);
    next.addEventListener('click', () => post({ type: 'next' }));
    bar.append(next);
    out.push(bar);
  }
  if (notice) out.push(el('p', { class: 'banner notice', role: 'status' }, notice));
  return out;
}

function actions(view: ReviewView): HTMLElement {
  const bar = el('div', { class: 'actions' });
  if (view.action) {
    const { kind, enabled, why } = view.action;
    const button = el('button', { class: 'primary', 'data-key': `action-${kind}`, title: why ?? '' }, kind === 'apply' ? 'Apply…' : 'Publish…') as HTMLButtonElement;
    button.disabled = !enabled || stale !== undefined;
    button.addEventListener('click', () => post({ type: kind, revision: view.revision }));
    bar.append(button);
    if (button.disabled) bar.append(el('span', { class: 'muted why', 'data-role': 'why' }, stale ? 'Wait for the review to catch up.' : why ?? ''));
  }
  const copy = el('button', { class: 'secondary', 'data-key': 'copy' }, 'Copy as Markdown');
  copy.addEventListener('click', () => post({ type: 'copyMarkdown' }));
  bar.append(copy);
  return bar;
}

function filters(model: ReviewModel): HTMLElement {
  const bar = el('div', { class: 'filters', role: 'group', 'aria-label': 'Show impacts' });
  for (const impact of impactOrderDesc) {
    const count = model.counts[impact] ?? 0;
    if (!count) continue;
    const shown = !state.hidden.includes(impact);
    const chip = el('button', { class: `chip impact-${impact}`, 'aria-pressed': String(shown), 'data-key': `filter-${impact}` }, `${impactNames[impact]} ${count}`);
    chip.addEventListener('click', () => {
      state.hidden = shown ? [...state.hidden, impact] : state.hidden.filter((i) => i !== impact);
      vscode.setState(state);
      render();
    });
    bar.append(chip);
  }
  return bar;
}

function findings(model: ReviewModel): HTMLElement {
  const list = el('ul', { class: 'findings' });
  for (const [i, f] of model.findings.entries()) {
    const item = el('li', { class: `finding ${f.severity}` }, el('span', { class: 'severity' }, f.severity === 'error' ? '⛔ error' : f.severity === 'warning' ? '⚠ warning' : 'ℹ info'), ' ', f.message);
    if (f.span) item.append(' ', revealLink(f.side, f.span.start, f.span.end, `finding-${i}`));
    list.append(item);
  }
  const note = model.blocked ? el('p', { class: 'muted' }, 'Errors block Apply and Publish until they are fixed.') : undefined;
  return section('Findings', 'findings', ...(note ? [note] : []), list);
}

function conflicts(items: ReviewConflict[]): HTMLElement {
  const list = el('ul', { class: 'conflicts' });
  for (const c of items) {
    const item = el('li', { class: `conflict${c.resolved ? ' resolved' : ''}`, 'data-conflict': c.id });
    item.append(el('div', { class: 'where' }, el('code', {}, `${c.pack}: ${c.path}`), ' ', el('span', { class: 'state' }, c.resolved ? `✓ resolved (${c.resolved === 'mine' ? 'kept mine' : c.resolved === 'theirs' ? 'took new' : 'edited'})` : '✗ unresolved')));
    item.append(el('dl', {}, el('dt', {}, 'was'), el('dd', {}, shorten(c.base)), el('dt', {}, 'mine (cluster)'), el('dd', {}, shorten(c.mine)), el('dt', {}, 'new version'), el('dd', {}, shorten(c.theirs))));
    const buttons = el('div', { class: 'buttons' });
    for (const [choice, label] of [['mine', 'Keep mine'], ['theirs', 'Take new'], ['edit', 'Edit']] as const) {
      const b = el('button', { class: 'secondary', 'data-key': `resolve-${c.id}-${choice}` }, label);
      b.addEventListener('click', () => post({ type: 'resolve', conflict: c.id, choice }));
      buttons.append(b);
    }
    item.append(buttons);
    list.append(item);
  }
  const open = items.filter((c) => !c.resolved).length;
  return section(`Conflicts (${open ? `${open} unresolved` : 'all resolved'})`, 'conflicts', el('p', { class: 'muted' }, 'The new version changed a value this cluster overrides.'), list);
}

function changes(model: ReviewModel): HTMLElement {
  const body: Node[] = [];
  const wanted = impactOrderDesc.filter((i) => !state.hidden.includes(i));
  const packs = wanted.length ? filterReview(model, wanted).packs : [];
  for (const pack of packs) {
    const shown = pack.changes;
    const summary = el('summary', {}, impactBadge(pack.impact), ' ', el('strong', {}, pack.pack || 'profile'), el('span', { class: 'muted' }, ` ${pack.layer} · ${shown.length} change${shown.length === 1 ? '' : 's'}`));
    const details = el('details', { open: '' }, summary, el('ul', { class: 'change-list' }, ...shown.map(change)));
    body.push(details);
  }
  if (!body.length) body.push(el('p', { class: 'muted' }, model.packs.length ? 'Every change is hidden by the filters.' : 'No change: both sides mean the same.'));
  return section('Changes', 'changes', ...body);
}

function change(c: ReviewChange): HTMLElement {
  const item = el('li', { class: 'change', 'data-change': c.id });
  const values = c.change === 'added' ? `+ ${shorten(c.after)}` : c.change === 'removed' ? `− ${shorten(c.before)}` : `${shorten(c.before)} → ${shorten(c.after)}`;
  item.append(el('div', { class: 'line' }, impactBadge(c.impact, c.certainty), ' ', el('code', {}, c.path), ' ', el('span', { class: 'values' }, values)));
  const why = el('div', { class: 'reason' }, c.reason, ' ');
  if (/^https?:\/\//.test(c.source)) {
    const link = el('a', { href: '#', 'data-key': `source-${c.id}`, title: c.source }, 'source');
    link.addEventListener('click', (e) => {
      e.preventDefault();
      post({ type: 'openSource', url: c.source });
    });
    why.append(link, ' · ');
  } else if (c.source) why.append(el('span', { class: 'muted' }, `(${c.source}) `));
  if (c.span) why.append(revealLink(c.side, c.span.start, c.span.end, `reveal-${c.id}`));
  item.append(why);
  return item;
}

function overrides(title: string, key: string, items: ReviewOverride[], note: string): HTMLElement {
  return section(`${title} (${items.length})`, key, el('p', { class: 'muted' }, note), el('ul', {}, ...items.map((o) => el('li', {}, el('code', {}, `${o.pack}: ${o.path}`), o.value !== undefined ? ` = ${shorten(o.value)}` : '', o.note ? el('span', { class: 'muted' }, ` — ${o.note}`) : ''))));
}

function revealLink(side: 'current' | 'pending', start: number, end: number, key: string): HTMLElement {
  const link = el('a', { href: '#', class: 'reveal', 'data-key': key, title: `Reveal in the ${side === 'pending' ? 'right (pending)' : 'left (current)'} side` }, side === 'pending' ? 'reveal →' : '← reveal');
  link.addEventListener('click', (e) => {
    e.preventDefault();
    post({ type: 'reveal', side, start, end });
  });
  return link;
}

if (state.view) render();
else root.replaceChildren(el('p', { class: 'muted' }, 'Computing the review…'));
post({ type: 'ready' });
