// Reading the CLI's inputs: an unreadable file is a usage error (exit 2) with a one-line reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PackSiblings } from '../core/validate';
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

/** What a pack file's checks read of its folder: the other pack files and the folder's file names. */
export function packSiblings(file: string): PackSiblings {
  let folderFiles: string[] | undefined;
  try {
    folderFiles = readdirSync(dirname(file), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    folderFiles = undefined;
  }
  return { valuesText: siblingText(file, 'values.yaml'), schemaText: siblingText(file, 'schema.yaml'), packJsonText: siblingText(file, 'pack.json'), folderFiles };
}
