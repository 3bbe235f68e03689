// `palette-profile plan`: what moving a cluster from CURRENT to PENDING will do, as a document.
import { parseClusterRecord, type ClusterFile } from '../core/cluster/record';
import { clusterView } from '../core/cluster/view';
import type { Span } from '../core/types';
import { parseProfile } from '../core/parse/profile';
import { namedClusterKinds } from '../core/plan/clusterKind';
import { impactRank, locationOf } from '../core/plan/model';
import { planUpdate, type Plan } from '../core/plan/plan';
import { defaultSyntaxLimits } from '../core/syntax';
import { validateProfile } from '../core/validate';
import { UsageError, type CliArgs } from './args';
import { planMarkdown } from './format/markdown';
import { planSarif } from './format/sarif';
import { planText } from './format/text';
import { Locator, type PlanReport, type ReportFinding } from './report';
import { readInput } from './io';

const kinds = namedClusterKinds;

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

  let cluster: ClusterFile | undefined;
  if (inputs.cluster) {
    const parsed = parseClusterRecord(inputs.cluster.text);
    const clusterAt = new Locator(inputs.cluster.file, inputs.cluster.text);
    findings.push(...parsed.problems.map((p) => clusterAt.finding(p)));
    cluster = parsed.cluster;
  }
  // With a cluster, the plan compares what it runs (with its overrides) against what Apply would
  // send (its overrides carried over); spans are mapped back to the files the user has.
  const view = cluster ? clusterView(current, pending, cluster, defaultSyntaxLimits) : undefined;
  const toFile = { current: view?.toCurrentFile ?? ((s: Span) => s), pending: view?.toPendingFile ?? ((s: Span) => s) };
  for (const p of view?.findings ?? []) findings.push(at.pending.finding(p));
  const clusterKind = inputs.kind ? kinds[inputs.kind] : undefined;
  const plan = planUpdate(view?.current ?? current, view?.pending ?? pending, { cluster, clusterKind });
  return { report: planReport(plan, at, toFile, findings), plan };
}

/**
 * The document for a plan whose spans are in texts derived from the two files (overrides applied):
 * `toFile` maps them back, `at` locates them in the files. `findings` go first (input problems).
 */
export function planReport(plan: Plan, at: Record<'current' | 'pending', Locator>, toFile: Record<'current' | 'pending', (s: Span) => Span>, findings: ReportFinding[] = []): PlanReport {
  const locate = (side: 'current' | 'pending', span: Span | undefined) => (span ? at[side].locate(toFile[side](span)) : undefined);
  const all = [...findings];
  for (const f of plan.findings) {
    all.push({ severity: f.severity, code: f.code, message: f.message, location: f.span ? locate('pending', f.span) : locate('current', f.currentSpan) });
  }
  return {
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
        location: where ? locate(where.side, where.span) : undefined,
      };
    }),
    findings: all,
  };
}

export const planWriters: Record<CliArgs['format'], (r: PlanReport) => string> = { text: planText, json: (r: PlanReport) => JSON.stringify(r, null, 2) + '\n', sarif: planSarif, markdown: planMarkdown };

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
  process.stdout.write(planWriters[args.format](report));
  const errors = report.findings.some((f) => f.severity === 'error');
  const reached = args.failOn !== undefined && report.changes.length > 0 && impactRank(report.impact as never) >= impactRank(args.failOn);
  return errors || reached ? 1 : 0;
}
