// `palette-profile apply VERSION --cluster NAME`: the cluster's plan first, then apply; refused, an unapproved repave or unaccepted dropped overrides exit 1 and change nothing, switched with the repave still pending exits 4.
import { join } from 'node:path';
import { droppedSentence, executeApply, prepareApply, targetFor } from '../backend/flows';
import { ApplyIncompleteError, BackendError } from '../backend/types';
import { UsageError, type CliArgs } from './args';
import { createBackend } from './backend';
import { planReport, planWriters } from './plan';
import { Locator, type ReportFinding } from './report';

export async function applyCommand(args: CliArgs): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError('apply needs one VERSION');
  if (!args.cluster) throw new UsageError('apply needs --cluster NAME');
  const [version] = args.positional;
  const { backend, store } = createBackend(args);
  const cluster = await backend.readCluster(args.cluster);
  const prepared = await prepareApply(backend, cluster.name, targetFor(cluster, version));
  const fileOf = (ref: { name: string; version: string } | undefined) => (ref && store ? join(store, 'profiles', ref.name, `${ref.version}.yaml`) : ref ? `${ref.name}@${ref.version}` : 'current');
  const at = { current: new Locator(fileOf(prepared.from), prepared.currentVersionText), pending: new Locator(fileOf(prepared.to), prepared.pendingVersionText) };
  const { view } = prepared;
  // Override notes (conflicts kept, overrides dropped) have no place in the plan's own findings.
  const planned = new Set(prepared.plan.findings.map((f) => f.message));
  const notes: ReportFinding[] = prepared.warnings.filter((w) => !planned.has(w.message)).map((w) => ({ severity: w.severity, code: w.code, message: w.message }));
  const report = planReport(prepared.plan, at, { current: view.toCurrentFile, pending: view.toPendingFile }, notes);
  process.stdout.write(planWriters[args.format](report));
  const approve = args.flags.has('--approve-repave');
  if (prepared.refused) {
    process.stderr.write(`palette-profile: refused: ${prepared.refusals.map((r) => r.message).join(' ')}\n`);
    return 1;
  }
  if (prepared.repavePending && !approve) {
    process.stderr.write(`palette-profile: incomplete: ${cluster.name} runs ${prepared.to.name} ${prepared.to.version} and its repave is Pending approval in Palette (an earlier apply switched it and its approval did not go through); nothing was changed. Pass --approve-repave to approve it and finish the apply.\n`);
    return 4;
  }
  if (prepared.needsRepaveApproval && !approve) {
    process.stderr.write(`palette-profile: not applied: ${prepared.repaveReason} Pass --approve-repave to approve the repave.\n`);
    return 1;
  }
  const acceptDropped = args.flags.has('--accept-dropped');
  if (prepared.dropped.length && !acceptDropped) {
    process.stderr.write(`palette-profile: not applied: ${droppedSentence(prepared)} Pass --accept-dropped to apply and lose ${prepared.dropped.length === 1 ? 'it' : 'them'}.\n`);
    return 1;
  }
  try {
    const record = await executeApply(backend, prepared, { approveRepave: approve, acceptDropped });
    const how = record.repaveApproved ? ' (repave approved)' : '';
    process.stderr.write(`palette-profile: applied ${record.to.name} ${record.to.version} to ${record.cluster}${how}: ${record.impact}\n`);
    if (record.message) process.stderr.write(`palette-profile: ${record.message}\n`);
    return 0;
  } catch (error) {
    // Switched, not finished: a state of its own, so a script can tell it from "nothing changed" (1) and bad input (2).
    if (error instanceof ApplyIncompleteError) {
      process.stderr.write(`palette-profile: incomplete: ${error.message}\n`);
      return 4;
    }
    if (error instanceof BackendError && error.code === 'refused') {
      process.stderr.write(`palette-profile: refused: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
