// Parses the command line into a typed request; anything unexpected is a usage error (exit 2).
export class UsageError extends Error {}

export const formats = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof formats)[number];
export const thresholds = ['repave', 'reboot', 'service-restart', 'redeploy', 'config-reload'] as const;
export type Threshold = (typeof thresholds)[number];

export interface CliArgs {
  command: string;
  positional: string[];
  format: Format;
  failOn?: Threshold;
  cluster?: string;
  kind?: string;
  flags: Set<string>;
  options: Map<string, string>;
}

/** Options that take a value; every other `--x` is a boolean flag. */
const valued = new Set(['--format', '--fail-on', '--cluster', '--kind', '--store', '--api', '--project', '--history']);
const booleans = new Set(['--help', '--approve-repave', '--accept-dropped', '--publishing', '--allow-insecure-http']);

export function parseArgs(argv: string[]): CliArgs {
  const [command = '', ...rest] = argv;
  const positional: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (valued.has(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      options.set(name, value);
    } else if (booleans.has(name) && inline === undefined) {
      flags.add(name);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  const format = (options.get('--format') ?? 'text') as Format;
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  const failOn = options.get('--fail-on') as Threshold | undefined;
  if (failOn !== undefined && !thresholds.includes(failOn)) throw new UsageError(`--fail-on must be one of ${thresholds.join(', ')}`);
  return { command, positional, format, failOn, cluster: options.get('--cluster'), kind: options.get('--kind'), flags, options };
}
