// `palette-profile publish FILE`: the plan against the previous version first, then publish; a taken version or an error exits 1 and writes nothing.
import { join } from 'node:path';
import { preparePublish } from '../backend/flows';
import { BackendError } from '../backend/types';
import { UsageError, type CliArgs } from './args';
import { createBackend } from './backend';
import { readSource } from './io';
import { planReport, planWriters } from './plan';
import { Locator, type ReportFinding } from './report';

const same = (s: { start: number; end: number }) => s;

export async function publishCommand(args: CliArgs): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError('publish needs one FILE');
  const [file] = args.positional;
  const { text, encoding } = readSource(file);
  if (encoding) {
    // Publishing the decoded text would store U+FFFD where the file's bytes were: refuse before anything else.
    process.stdout.write(planWriters[args.format]({ impact: 'no-op', target: { profile: '', note: 'not published' }, changes: [], findings: [new Locator(file, text).finding(encoding)] }));
    process.stderr.write(`palette-profile: not published: ${file} is not valid UTF-8 (see the encoding finding); publishing would replace its unreadable bytes with U+FFFD. Save it as UTF-8 first.\n`);
    return 1;
  }
  const { backend, store } = createBackend(args);
  const prepared = await preparePublish(backend, text);
  const at = new Locator(file, text);
  const findings: ReportFinding[] = prepared.problems.map((p) => at.finding(p));
  // A version that is taken or not semver is reported by the plan's checks when there is a previous version.
  const planned = new Set(prepared.plan?.findings.map((f) => f.code) ?? []);
  if (prepared.taken && !planned.has('version-exists')) findings.push({ severity: 'error', code: 'version-exists', message: prepared.reasons.find((r) => /already published/.test(r)) ?? 'The version is already published.', location: at.locate(prepared.model.version?.span) });
  if (!prepared.name || !prepared.version) for (const reason of prepared.reasons.filter((r) => /no metadata\.name|no spec\.version/.test(r))) findings.push({ severity: 'error', code: 'publish-blocked', message: reason });
  const previousFile = prepared.previous && store ? join(store, 'profiles', prepared.previous.name, `${prepared.previous.version}.yaml`) : 'previous';
  const report = prepared.plan
    ? planReport(prepared.plan, { current: new Locator(previousFile, prepared.previousText ?? ''), pending: at }, { current: same, pending: same }, findings)
    : { impact: 'no-op', target: { profile: prepared.name ?? '', toVersion: prepared.version, note: 'first version of this profile' }, changes: [], findings };
  process.stdout.write(planWriters[args.format](report));
  if (prepared.blocked) {
    process.stderr.write(`palette-profile: not published: ${prepared.reasons.join(' ')}\n`);
    return 1;
  }
  try {
    const info = await backend.publish(text);
    process.stderr.write(`palette-profile: published ${info.name} ${info.version} in ${store ?? backend.label}\n`);
    for (const note of info.notes ?? []) process.stderr.write(`palette-profile: ${note}\n`);
    return 0;
  } catch (error) {
    // Another writer may have published the same version since the check: it keeps it.
    if (error instanceof BackendError && (error.code === 'conflict' || error.code === 'invalid')) {
      process.stderr.write(`palette-profile: not published: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
