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
  const parses = !context.analysis.doc || context.analysis.doc.errors.length === 0;
  if (!summary) {
    const title = parses ? `No baseline: ${info.problem ?? 'nothing to compare with'} · Compare with…` : 'Not checked until the file parses';
    lenses.push({ range: top, command: { title, command: clientCommands.chooseBaseline, arguments: [document.uri] } });
    return lenses;
  }
  // While the file does not parse, the predictions are those of the last version that did.
  const stale = context.carriedFrom !== undefined ? ' (as the file last parsed)' : '';
  const title = `${summary.total === 0 ? `No changes from ${info.label}` : `This version: ${rollUp(summary.counts)}`}${stale}`;
  lenses.push({ range: top, command: { title, command: clientCommands.reviewChanges, arguments: [document.uri] } });
  if (summary.total > 0) lenses.push({ range: top, command: { title: 'Review changes', command: clientCommands.reviewChanges, arguments: [document.uri] } });
  lenses.push({ range: top, command: { title: `vs ${info.label}`, command: clientCommands.chooseBaseline, arguments: [document.uri] } });
  const byPack = new Map<string, PackSummary>(summary.packs.map((p) => [`${p.pack}\u0000${p.layer}`, p]));
  for (const pack of context.analysis.profile?.packs ?? []) {
    const s = byPack.get(`${packName(pack)}\u0000${packLayer(pack)}`);
    const position = document.positionAt(pack.span.start);
    const range = { start: { line: position.line, character: 0 }, end: { line: position.line, character: 0 } };
    const unchecked = context.plan?.unchecked.some((u) => u.pack === packName(pack) && u.layer === packLayer(pack));
    const title = unchecked ? `${packName(pack)}: not checked until it parses` : s ? `${packName(pack)}: ${rollUp(s.counts)}` : 'No change';
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
