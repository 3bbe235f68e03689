// Code lenses that roll impacts up: one at the top of the file, one above each pack, each opening the review.
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { impactOrder, type Impact } from '../core/plan/model';
import { impactPhrases } from '../core/plan/labels';
import { packLayer, packName } from '../core/plan/diff';
import type { ImpactCounts, PackSummary } from '../core/plan/plan';
import { clientCommands } from '../protocol';
import type { FeatureContext } from './context';

export async function codeLenses(features: FeatureContext, document: TextDocument): Promise<CodeLens[]> {
  const context = await features.contexts.get(document);
  if (!context) return [];
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const info = context.baseline.info;
  const lenses: CodeLens[] = [];
  const summary = context.summary;
  if (!summary) {
    lenses.push({ range: top, command: { title: `No baseline: ${info.problem ?? 'nothing to compare with'} · Compare with…`, command: clientCommands.chooseBaseline, arguments: [document.uri] } });
    return lenses;
  }
  const title = summary.total === 0 ? `No changes from ${info.label}` : `This version: ${rollUp(summary.counts)}`;
  lenses.push({ range: top, command: { title, command: clientCommands.reviewChanges, arguments: [document.uri] } });
  if (summary.total > 0) lenses.push({ range: top, command: { title: 'Review changes', command: clientCommands.reviewChanges, arguments: [document.uri] } });
  lenses.push({ range: top, command: { title: `vs ${info.label}`, command: clientCommands.chooseBaseline, arguments: [document.uri] } });
  const byPack = new Map<string, PackSummary>(summary.packs.map((p) => [`${p.pack}\u0000${p.layer}`, p]));
  for (const pack of context.analysis.profile?.packs ?? []) {
    const s = byPack.get(`${packName(pack)}\u0000${packLayer(pack)}`);
    const position = document.positionAt(pack.span.start);
    const range = { start: { line: position.line, character: 0 }, end: { line: position.line, character: 0 } };
    const title = s ? `${packName(pack)}: ${rollUp(s.counts)}` : 'No change';
    lenses.push({ range, command: { title, command: clientCommands.reviewChanges, arguments: [document.uri, packName(pack)] } });
  }
  return lenses;
}

/** "repave, 1 change; reboot, 2; no-op, 4", most disruptive first. */
export function rollUp(counts: ImpactCounts): string {
  const parts: string[] = [];
  for (const impact of [...impactOrder].reverse() as Impact[]) {
    const n = counts[impact];
    if (n > 0) parts.push(`${impactPhrases[impact]}, ${n}${parts.length === 0 ? (n === 1 ? ' change' : ' changes') : ''}`);
  }
  return parts.join('; ');
}
