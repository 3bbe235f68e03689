// Plain text for terminals and CI logs: one line per problem or change, compiler style.
import { showValue, where, type PlanReport, type ReportFinding, type ValidateReport } from '../report';

function findingLine(finding: ReportFinding, fallbackFile = ''): string {
  const at = where(finding.location) || fallbackFile;
  return `${at}${at ? ': ' : ''}${finding.severity} [${finding.code}] ${finding.message}`;
}

export function validateText(report: ValidateReport): string {
  const lines: string[] = [];
  for (const file of report.files) for (const finding of file.findings) lines.push(findingLine(finding, file.file));
  const counts = countSeverities(report.files.flatMap((f) => f.findings));
  lines.push(`${report.files.length} file${report.files.length === 1 ? '' : 's'} checked: ${counts}`);
  return lines.join('\n') + '\n';
}

export function planText(plan: PlanReport): string {
  const lines: string[] = [];
  const target = plan.target as { profile?: string; fromProfile?: string; fromVersion?: string; toVersion?: string; cluster?: string };
  const versions = target.fromProfile ? `${target.fromProfile} ${target.fromVersion ?? '?'} → ${target.profile ?? 'profile'} ${target.toVersion ?? '?'}` : `${target.profile ?? 'profile'} ${target.fromVersion ?? '?'} → ${target.toVersion ?? '?'}`;
  const subject = `${versions}${target.cluster ? ` on ${target.cluster}` : ''}`;
  lines.push(`Plan: ${subject}: ${plan.impact}`);
  for (const change of plan.changes) {
    const what = [change.pack, change.path].filter(Boolean).join(' ');
    const values = change.change === 'modified' ? `${showValue(change.before)} → ${showValue(change.after)}` : change.change;
    lines.push(`${where(change.location)}: ${change.impact}${change.certainty === 'possible' ? ' (possible)' : ''}: ${what}: ${values}`);
    lines.push(`    ${change.reason} (${change.source})`);
  }
  for (const finding of plan.findings) lines.push(findingLine(finding));
  lines.push(`${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}, ${countSeverities(plan.findings)}`);
  return lines.join('\n') + '\n';
}

function countSeverities(findings: ReportFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
