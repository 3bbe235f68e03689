// The palette-profile command line: the same core as the editor, for CI (exit codes 0, 1, 2, 3).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeText } from '../core/analyze';
import { fileKindOf } from '../core/fileKind';
import { defaultSyntaxLimits } from '../core/syntax';
import { parseArgs, UsageError, type CliArgs } from './args';
import { validateMarkdown } from './format/markdown';
import { validateSarif } from './format/sarif';
import { validateText } from './format/text';
import { Locator, type ValidateReport } from './report';
import { packFoldersOf, packSiblings, readSource } from './io';
import { BackendError } from '../backend/types';
import { applyCommand } from './apply';
import { planCommand } from './plan';
import { publishCommand } from './publish';

const usage = `Usage: palette-profile <command> [options]

Commands:
  validate FILE...                 check profiles (*.profile.yaml) and pack files
  plan CURRENT PENDING             the impact of moving from CURRENT to PENDING
       [--cluster CLUSTER.yaml]    ...for this cluster (its status, overrides and kind)
       [--kind edge-k3s|edge-rke2|edge-k8s|non-edge]
  publish FILE [--store DIR]       publish the profile version in FILE; prints the plan against
                                   the previous version first; a taken version or an error
                                   exits 1 and publishes nothing
  apply VERSION --cluster NAME     apply VERSION of the profile cluster NAME runs (an older
       [--approve-repave]          version rolls back); prints the plan first; refused
       [--accept-dropped]          (Provisioning, Kubernetes downgrade, Edge CNI change, a
       [--store DIR]               repave not approved, overrides VERSION cannot carry and
                                   --accept-dropped not given, a stored version that does not
                                   read back whole) exits 1 and changes nothing; with --api, a
                                   cluster switched to VERSION whose repave is still Pending
                                   approval exits 4 (run it again with --approve-repave to
                                   finish: it approves, no second switch)

Options:
  --format text|json|sarif|markdown   output document (default text)
  --store DIR                         the local store folder (default .palette); a relative DIR
                                      must stay inside the working folder, an absolute one is
                                      taken as given
  --api URL                           Palette's API instead of a store (https://api.spectrocloud.com
                                      or self-hosted); the key from PALETTE_API_KEY, the project
                                      from --project UID or PALETTE_PROJECT_UID; PALETTE_LOG=1
                                      logs each call (method, path, status, time) to stderr.
                                      The key goes only to that origin: same-origin redirects are
                                      followed (at most 5), one to another origin fails (exit 1)
                                      naming it; http:// is refused except to this machine
                                      (localhost, 127.0.0.1, ::1)
  --allow-insecure-http               with --api: also allow http:// to another machine (the key
                                      then crosses the network unencrypted)
  --history DIR                       with --api: record each apply in DIR/<endpoint and
                                      project>/<cluster>.jsonl (Palette's API keeps no history)
  --fail-on repave|reboot|service-restart|redeploy|config-reload
                                      exit 1 when the plan reaches this impact

Exit codes: 0 fine, 1 error findings, --fail-on reached, or publish/apply refused,
2 bad usage, unreadable input (including an unknown cluster or version), or Palette
unreachable or failing (the message says what it holds), 4 apply incomplete: the cluster runs the new version but its
repave is Pending approval (the message says why; re-run the apply to finish).`;

function validate(args: CliArgs): number {
  if (args.positional.length === 0) throw new UsageError('validate needs at least one FILE');
  const report: ValidateReport = { files: [] };
  // Pack folders named in the same run are what profiles of this run are checked against.
  const packFolders = packFoldersOf(args.positional);
  for (const file of args.positional) {
    const { text, encoding } = readSource(file);
    const hasPackJson = existsSync(join(dirname(file), 'pack.json'));
    // By name and content, as the editor decides: an export named edge-retail.json is a profile, a Helm chart's values.yaml is not ours.
    const kind = fileKindOf(file, hasPackJson, text);
    if (kind === 'unknown') {
      process.stderr.write(`palette-profile: ${file}: not a Palette profile or pack file, skipped\n`);
      continue;
    }
    const siblings = kind.startsWith('pack-') ? packSiblings(file) : undefined;
    const locator = new Locator(file, text);
    const analysis = analyzeText(kind, text, { limits: defaultSyntaxLimits, siblings, packFolders });
    const problems = encoding ? [encoding, ...analysis.problems] : analysis.problems;
    report.files.push({ file, findings: problems.map((p) => locator.finding(p)) });
  }
  const writers = { text: validateText, json: (r: ValidateReport) => JSON.stringify(r, null, 2) + '\n', sarif: validateSarif, markdown: validateMarkdown };
  process.stdout.write(writers[args.format](report));
  return report.files.some((f) => f.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === '--help' || args.command === '-h' || args.command === 'help' || args.flags.has('--help')) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (args.command === 'validate') return validate(args);
  if (args.command === 'plan') return planCommand(args);
  if (args.command === 'publish') return publishCommand(args);
  if (args.command === 'apply') return applyCommand(args);
  throw new UsageError(args.command ? `unknown command '${args.command}'` : 'no command given');
}

function fail(error: unknown): number {
  // A store that refuses or conflicts is an outcome (1); one that cannot find or read what was named is bad input (2).
  if (error instanceof BackendError) {
    process.stderr.write(`palette-profile: ${error.message.split('\n')[0]}\n`);
    if (error.code === 'incomplete') return 4;
    return error.code === 'refused' || error.code === 'conflict' ? 1 : 2;
  }
  const message = error instanceof UsageError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`palette-profile: ${message.split('\n')[0]}${error instanceof UsageError ? ' (see --help)' : ''}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => (process.exitCode = fail(error)),
);
