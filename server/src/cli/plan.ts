// `palette-profile plan`: what moving a cluster from CURRENT to PENDING will do, as a document.
import { parseClusterRecord } from '../core/cluster/record';
import { parseProfile } from '../core/parse/profile';
import { impactRank, locationOf, type ClusterKind, type Distribution } from '../core/plan/model';
import { planUpdate, type Plan } from '../core/plan/plan';
import { defaultSyntaxLimits } from '../core/syntax';
import { validateProfile } from '../core/validate';
import { UsageError, type CliArgs } from './args';
import { planMarkdown } from './format/markdown';
import { planSarif } from './format/sarif';
import { planText } from './format/text';
import { Locator, type PlanReport, type ReportFinding } from './report';
import { readInput } from './io';

const kinds: Record<string, Partial<ClusterKind>> = {
  'edge-k3s': { edge: true, distribution: 'k3s' },
  'edge-rke2': { edge: true, distribution: 'rke2' },
  'edge-k8s': { edge: true, distribution: 'pxk-e' as Distribution },
  'non-edge': { edge: false },
};

export interface PlanInputs {
  current: { file: string; text: string };
  pending: { file: string; text: string };
  cluster?: { file: string; text: string };
  kind?: string;
}

/** Builds the report; also used by tests and by `apply`, which print the plan first. */
export function buildPlanReport(inputs: PlanInputs): { report: PlanReport; plan: Plan } {
  const current = parseProfile(inputs.current.text, defaultSyntaxLimits);
  const pending = parseProfile(inputs.pending.text, defaultSyntaxLimits);
  const at = { current: new Locator(inputs.current.file, inputs.current.text), pending: new Locator(inputs.pending.file, inputs.pending.text) };
  const findings: ReportFinding[] = [];
  // A plan over a document that does not parse would be silently incomplete; say so first.
  for (const p of current.problems) findings.push(at.current.finding(p));
  for (const p of [...pending.problems, ...validateProfile(pending)]) findings.push(at.pending.finding(p));

  let cluster;
  if (inputs.cluster) {
    const parsed = parseClusterRecord(inputs.cluster.text);
    const clusterAt = new Locator(inputs.cluster.file, inputs.cluster.text);
    findings.push(...parsed.problems.map((p) => clusterAt.finding(p)));
    cluster = parsed.cluster;
  }
  const clusterKind = inputs.kind ? kinds[inputs.kind] : undefined;
  const plan = planUpdate(current, pending, { cluster, clusterKind });
  for (const f of plan.findings) {
    const location = f.span ? at.pending.locate(f.span) : at.current.locate(f.currentSpan);
    findings.push({ severity: f.severity, code: f.code, message: f.message, location });
  }
  const report: PlanReport = {
    impact: plan.impact,
    target: { ...plan.target, certainty: plan.certainty },
    changes: plan.changes.map((c) => {
      const where = locationOf(c);
      return {
        layer: c.layer,
        pack: c.pack,
        path: c.path,
        change: c.change,
        before: c.before,
        after: c.after,
        impact: c.impact,
        certainty: c.certainty,
        reason: c.reason,
        source: c.source,
        rule: c.rule,
        location: where ? at[where.side].locate(where.span) : undefined,
      };
    }),
    findings,
  };
  return { report, plan };
}

export function planCommand(args: CliArgs): number {
  if (args.positional.length !== 2) throw new UsageError('plan needs CURRENT and PENDING');
  if (args.kind && !kinds[args.kind]) throw new UsageError(`--kind must be one of ${Object.keys(kinds).join(', ')}`);
  const [currentFile, pendingFile] = args.positional;
  const { report } = buildPlanReport({
    current: { file: currentFile, text: readInput(currentFile) },
    pending: { file: pendingFile, text: readInput(pendingFile) },
    cluster: args.cluster ? { file: args.cluster, text: readInput(args.cluster) } : undefined,
    kind: args.kind,
  });
  const writers = { text: planText, json: (r: PlanReport) => JSON.stringify(r, null, 2) + '\n', sarif: planSarif, markdown: planMarkdown };
  process.stdout.write(writers[args.format](report));
  const errors = report.findings.some((f) => f.severity === 'error');
  const reached = args.failOn !== undefined && report.changes.length > 0 && impactRank(report.impact as never) >= impactRank(args.failOn);
  return errors || reached ? 1 : 0;
}
