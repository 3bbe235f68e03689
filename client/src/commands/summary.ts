// Plan roll-ups in words for the publish and apply confirmations: the overall impact, then one line per pack.
import { impactOrder } from '../../../server/src/core/plan/model';
import { impactPhrases } from '../../../server/src/core/plan/labels';
import type { PlanSummary } from '../../../server/src/core/plan/plan';

export function rollUp(summary: PlanSummary | undefined, against: string): string {
  if (!summary) return `Nothing to compare with (${against}).`;
  if (summary.total === 0) return `No change against ${against}.`;
  const counts = [...impactOrder]
    .reverse()
    .filter((i) => summary.counts[i] > 0)
    .map((i) => `${summary.counts[i]} ${impactPhrases[i]}`)
    .join(', ');
  const lines = [`Against ${against}: ${impactPhrases[summary.impact]} overall; ${summary.total} change${summary.total === 1 ? '' : 's'} (${counts}).`];
  for (const pack of summary.packs) lines.push(`• ${pack.pack ? `${pack.layer} ${pack.pack}` : 'profile'}: ${impactPhrases[pack.impact]} (${pack.changes} change${pack.changes === 1 ? '' : 's'})`);
  if (summary.errors || summary.warnings) lines.push(`${summary.errors} error(s), ${summary.warnings} warning(s) in the findings.`);
  return lines.join('\n');
}
