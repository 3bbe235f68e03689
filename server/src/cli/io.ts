// Reading the CLI's inputs: an unreadable file is a usage error (exit 2) with a one-line reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parsePackSchema, parsePackValues } from '../core/parse/packFiles';
import type { PackFolder, PackSiblings } from '../core/validate';
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

/**
 * The pack folders of the pack files among `files`, by pack name: a profile validated in the same
 * run is checked against their schema.yaml, as the editor does with the workspace's pack folders.
 * When one name has several folders, the last named wins; a layer pinned to another version skips it.
 */
export function packFoldersOf(files: readonly string[]): Map<string, PackFolder> {
  const folders = new Map<string, PackFolder>();
  const packFile = /(^|[\\/])(pack\.json|values\.yaml|schema\.yaml|presets\.yaml)$/;
  // Without a profile in the run nothing reads them.
  if (files.every((f) => packFile.test(f))) return folders;
  for (const dir of new Set(files.filter((f) => packFile.test(f)).map((f) => dirname(f)))) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8').replace(/^\uFEFF/, '')) as { name?: unknown; version?: unknown };
      const schema = siblingText(join(dir, 'pack.json'), 'schema.yaml');
      if (typeof json.name !== 'string' || schema === undefined) continue;
      const values = siblingText(join(dir, 'pack.json'), 'values.yaml');
      folders.set(json.name, { constraints: parsePackSchema(schema).constraints, values: values === undefined ? undefined : parsePackValues(values).tree, version: typeof json.version === 'string' ? json.version : undefined });
    } catch {
      // Not a pack folder, or a pack.json that does not parse: its own check reports that.
    }
  }
  return folders;
}
