// The review as Markdown for a pull request: headline, a table per pack, findings, conflicts, overrides; every piece of document text escaped.
import { impactOrder } from '../plan/model';
import { impactPhrases } from '../plan/labels';
import type { ReviewModel, ReviewPack } from './model';

/** Text that renders as itself in GitHub Markdown, also inside a table cell: no markup, no HTML, no cell breaks. */
export function mdText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1');
}

/** A code span whose fence is longer than any backtick run inside; in a table `|` is escaped (GFM removes the backslash there, and only there). */
export function mdCode(text: string, inTable = true): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function change(before: string | undefined, after: string | undefined, kind: string): string {
  if (kind === 'added') return after === undefined ? 'added' : `added ${mdCode(after)}`;
  if (kind === 'removed') return before === undefined ? 'removed' : `removed ${mdCode(before)}`;
  return `${before === undefined ? 'unset' : mdCode(before)} → ${after === undefined ? 'unset' : mdCode(after)}`;
}

function packTable(pack: ReviewPack): string[] {
  const title = pack.pack ? `${mdCode(pack.pack, false)} (${mdText(pack.layer)})` : 'Profile';
  const lines = [`### ${title}: ${impactPhrases[pack.impact]}`, '', '| Path | Change | Impact | Reason |', '| --- | --- | --- | --- |'];
  for (const c of pack.changes) {
    const impact = `${impactPhrases[c.impact]}${c.certainty === 'possible' ? ' (possible)' : ''}`;
    lines.push(`| ${c.path ? mdCode(c.path) : 'whole pack'} | ${change(c.before, c.after, c.change)} | ${impact} | ${mdText(c.reason)} |`);
  }
  return [...lines, ''];
}

export function reviewMarkdown(model: ReviewModel): string {
  const t = model.target;
  const versions = [t.fromVersion, t.toVersion].filter(Boolean).map((v) => mdText(v as string)).join(' → ');
  const out = [`## Review: ${mdText(t.profile)}${versions ? ` ${versions}` : ''}${t.cluster ? ` on ${mdText(t.cluster)}` : ''} (${mdText(t.clusterKind)})`, '', `**${mdText(model.headline)}**`, ''];
  const errors = model.findings.filter((f) => f.severity === 'error').length;
  if (model.blocked) out.push(`> **Blocked:** ${errors} error${errors === 1 ? '' : 's'} must be fixed first.`, '');
  const counts = impactOrder.filter((i) => model.counts[i] > 0).reverse().map((i) => `${model.counts[i]} ${impactPhrases[i]}`);
  out.push(counts.length ? `Changes: ${counts.join(', ')}.` : 'No changes.', '');
  if (model.findings.length) {
    out.push('### Findings', '');
    for (const f of model.findings) out.push(`- **${f.severity}** ${mdCode(f.code, false)}: ${mdText(f.message)}`);
    out.push('');
  }
  for (const pack of model.packs) out.push(...packTable(pack));
  if (model.conflicts.length) {
    out.push('### Conflicts with the cluster\'s overrides', '', '| Pack | Path | Was | Cluster | New version | Resolution |', '| --- | --- | --- | --- | --- | --- |');
    const cell = (v: string | undefined) => (v === undefined ? 'unset' : mdCode(v));
    for (const c of model.conflicts) out.push(`| ${mdCode(c.pack)} | ${mdCode(c.path)} | ${cell(c.base)} | ${cell(c.mine)} | ${cell(c.theirs)} | ${c.resolved ? resolutions[c.resolved] : '**unresolved**'} |`);
    out.push('');
  }
  const overrides = (title: string, items: ReviewModel['kept']) => {
    if (!items.length) return;
    out.push(`### ${title}`, '');
    for (const o of items) out.push(`- ${mdCode(o.pack, false)} ${mdCode(o.path, false)}${o.value === undefined ? ' (deleted)' : `: ${mdCode(o.value, false)}`}${o.note ? `: ${mdText(o.note)}` : ''}`);
    out.push('');
  };
  overrides('Overrides kept', model.kept);
  overrides('Overrides dropped', model.dropped);
  if (model.leftBehind.length) {
    out.push('### Left behind on the cluster', '');
    for (const l of model.leftBehind) out.push(`- ${mdCode(l.resource, false)} (${mdText(l.pack)}): ${mdText(l.reason)}`);
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

const resolutions = { mine: "kept the cluster's value", theirs: "took the new version's value", edited: 'edited' } as const;
