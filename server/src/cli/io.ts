// Reading the CLI's inputs: an unreadable file is a usage error (exit 2) with a one-line reason.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './args';

export function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Another file of the same folder (a pack's values.yaml beside its schema.yaml), if present. */
export function siblingText(file: string, name: string): string | undefined {
  const path = join(dirname(file), name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
