// Markdown for pull request comments: the verdict first, then a table per layer, then findings.
import { showValue, type PlanReport, type ReportFinding, type ValidateReport } from '../report';

const badges: Record<string, string> = {
  repave: '🔴 repave',
  reboot: '🟠 reboot',
  'service-restart': '🟡 service restart',
  redeploy: '🔵 redeploy',
  'config-reload': '🟢 reload',
  'no-op': '⚪ no-op',
};

/** Table cells must not break the table or render markup from the document. */
function cell(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text ? '`' + text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') + '`' : '';
}

function findingsSection(findings: ReportFinding[]): string[] {
  if (findings.length === 0) return [];
  const lines = ['', '| Severity | Code | Message | Where |', '|---|---|---|---|'];
  for (const f of findings) {
    const at = f.location ? `${cell(f.location.file)}:${f.location.line}` : '';
    lines.push(`| ${f.severity} | ${code(f.code)} | ${cell(f.message)} | ${at} |`);
  }
  return lines;
}

export function planMarkdown(plan: PlanReport): string {
  const target = plan.target as { profile?: string; fromProfile?: string; fromVersion?: string; toVersion?: string; cluster?: string };
  const lines = [
    `### ${target.fromProfile ? `${cell(target.fromProfile)} ${cell(target.fromVersion ?? '?')} → ${cell(target.profile ?? 'Profile')}` : `${cell(target.profile ?? 'Profile')} ${cell(target.fromVersion ?? '?')} →`} ${cell(target.toVersion ?? '?')}${target.cluster ? ` on ${cell(target.cluster)}` : ''}: ${badges[plan.impact] ?? plan.impact}`,
  ];
  const counts = new Map<string, number>();
  for (const c of plan.changes) counts.set(c.impact, (counts.get(c.impact) ?? 0) + 1);
  if (counts.size) lines.push('', [...counts].map(([impact, n]) => `${badges[impact] ?? impact}: ${n}`).join(' · '));
  if (plan.changes.length) {
    lines.push('', '| Impact | Layer / pack | Path | Change | Why |', '|---|---|---|---|---|');
    for (const c of plan.changes) {
      const change = c.change === 'modified' ? `${code(showValue(c.before, 40))} → ${code(showValue(c.after, 40))}` : c.change;
      const why = `${cell(c.reason)}${c.certainty === 'possible' ? ' *(possible)*' : ''} ([source](${c.source}))`;
      lines.push(`| ${badges[c.impact] ?? c.impact} | ${c.pack ? `${cell(c.layer)} / ${cell(c.pack)}` : "profile"} | ${code(c.path)} | ${change} | ${why} |`);
    }
  } else {
    lines.push('', 'No changes.');
  }
  lines.push(...findingsSection(plan.findings));
  return lines.join('\n') + '\n';
}

export function validateMarkdown(report: ValidateReport): string {
  const all = report.files.flatMap((f) => f.findings.map((x) => ({ ...x, location: x.location ?? { file: f.file, line: 1, column: 1, endLine: 1, endColumn: 1 } })));
  const head = `### Palette profile check: ${all.filter((f) => f.severity === 'error').length} errors, ${all.filter((f) => f.severity === 'warning').length} warnings in ${report.files.length} files`;
  return [head, ...findingsSection(all)].join('\n') + '\n';
}
