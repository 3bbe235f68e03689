// Inlay hints: the predicted impact at the end of each changed line, with the reason and the rule's source.
import { InlayHintKind, type InlayHint, type InlayHintParams, MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { impactLabels, uriRules } from '../core/plan/labels';
import { impactRank, type ImpactedChange } from '../core/plan/model';
import type { FeatureContext } from './context';

export async function inlayHints(features: FeatureContext, document: TextDocument, params: InlayHintParams): Promise<InlayHint[]> {
  const context = await features.contexts.get(document);
  const changes = context?.plan?.changes;
  if (!changes || changes.length === 0) return [];
  const from = document.offsetAt(params.range.start);
  const to = document.offsetAt(params.range.end);
  // Several changes can end on one line (a key and its removed siblings); one hint says the worst and lists all.
  const byLine = new Map<number, ImpactedChange[]>();
  for (const change of changes) {
    const span = change.pendingSpan;
    if (!span || span.start < from || span.start > to) continue;
    const line = document.positionAt(span.start).line;
    const list = byLine.get(line);
    if (list) list.push(change);
    else byLine.set(line, [change]);
  }
  const text = document.getText();
  const hints: InlayHint[] = [];
  for (const [line, list] of [...byLine].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => impactRank(b.impact) - impactRank(a.impact));
    const worst = list[0];
    const through = list.find((c) => c.via)?.via?.[0];
    const via = list.some((c) => uriRules.has(c.rule)) ? ' · via uri' : through ? ` · via ${shortName(through)}` : '';
    const removed = list.every((c) => c.change === 'removed') ? 'removed: ' : '';
    hints.push({
      position: endOfLine(document, text, line),
      label: `${removed}${impactLabels[worst.impact]}${worst.certainty === 'possible' ? '?' : ''}${via}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: list.map(describe).join('\n\n---\n\n') },
    });
  }
  return hints;
}

function endOfLine(document: TextDocument, text: string, line: number) {
  const start = document.offsetAt({ line, character: 0 });
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return document.positionAt(end);
}

/** `options.system.osVersion` → `osVersion`: the label stays short, the tooltip names the whole chain. */
function shortName(name: string): string {
  if (name === 'kubernetes.version') return name;
  const last = name.slice(name.lastIndexOf(' ') + 1);
  return last.slice(last.lastIndexOf('.') + 1) || last;
}

export function describe(change: ImpactedChange): string {
  const where = change.pack ? `${change.pack}${change.path ? ` · \`${change.path}\`` : ''}` : `\`${change.path}\``;
  const certainty = change.certainty === 'possible' ? ' (possible: the docs do not settle it)' : '';
  const quote = change.quote ? `\n\n> ${change.quote}` : '';
  // The impact and its reason lead: a hover shows this line first, above the key's generic schema words.
  return `**${impactLabels[change.impact]}**${certainty}: ${change.reason}.${quote}\n\n${change.change} ${where} · Rule \`${change.rule}\` · [source](${change.source})`;
}
