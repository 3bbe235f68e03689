// Reading the CLI's inputs: an unreadable file is a usage error (exit 2) with a one-line reason.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodingProblem } from '../core/encoding';
import type { Problem } from '../core/types';
import { UsageError } from './args';

export function readInput(file: string): string {
  return readSource(file).text;
}

/** The file's text, and the `encoding` problem when its bytes are not UTF-8 (decoding alone would hide them as U+FFFD). */
export function readSource(file: string): { text: string; encoding?: Problem } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const text = bytes.toString('utf8');
  return { text, encoding: encodingProblem(bytes, text) };
}

/** Another file of the same folder (a pack's values.yaml beside its schema.yaml), if present. */
export function siblingText(file: string, name: string): string | undefined {
  const path = join(dirname(file), name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
