// The palette-profile command line: the same core as the editor, for CI (exit codes 0, 1, 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeText } from '../core/analyze';
import { fileKindOf } from '../core/fileKind';
import { LineIndex } from '../core/lines';
import { defaultSyntaxLimits } from '../core/syntax';

const usage = `Usage: palette-profile validate FILE...

Commands:
  validate FILE...   check profiles (*.profile.yaml) and pack files; prints file:line:col problems

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

class UsageError extends Error {}

function validate(files: string[]): number {
  if (files.length === 0) throw new UsageError('validate needs at least one FILE');
  let errors = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    let kind = fileKindOf(file, existsSync(join(dirname(file), 'pack.json')));
    if (kind === 'unknown') kind = 'profile';
    const lines = new LineIndex(text);
    for (const problem of analyzeText(kind, text, defaultSyntaxLimits).problems) {
      const { line, column } = lines.position(problem.start);
      if (problem.severity === 'error') errors++;
      process.stdout.write(`${file}:${line}:${column}: ${problem.severity} [${problem.code}] ${problem.message}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (command === 'validate') return validate(rest);
  throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`palette-profile: ${error.message} (see --help)\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`palette-profile: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
