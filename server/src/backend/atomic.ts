// File writes that never leave a half-written file behind: a temp file in the same folder, then rename (replace) or link (create once).
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What to write: a string, or chunks (a generator that throws makes the write fail midway, as a full disk would). */
export type FileData = string | Iterable<string> | AsyncIterable<string>;

/** Raised by `createExclusive` when the final name already exists. */
export class AlreadyExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/** `.name.<random>.tmp`: a dot name without the final extension, so no scanner mistakes it for a record. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function isTempFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Writes `data` fully to a new temp file next to `path` and flushes it; the temp file is removed on failure. */
async function writeTemp(path: string, data: FileData): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx');
  try {
    if (typeof data === 'string') await handle.writeFile(data, 'utf8');
    else for await (const chunk of data) await handle.write(chunk, null, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

/** Replaces (or creates) `path` in one step: readers see the old content or the new, never a mix. */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
  const temp = await writeTemp(path, data);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `path` only if it does not exist, with its full content at once: a hard link of a fully
 * written temp file fails with EEXIST when another writer got there first, so exactly one wins.
 */
export async function createExclusive(path: string, data: FileData): Promise<void> {
  const temp = await writeTemp(path, data);
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyExistsError(path);
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
