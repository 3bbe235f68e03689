// Keeps store writes inside the store folder: no write through a symbolic link that leads out, temp files of killed writes swept, file-system errors in words.
import { lstat, readdir, readlink, realpath, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isTempFile } from '../atomic';
import { BackendError } from '../types';

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuses `path` when it, or a folder between the store root and it, is a symbolic link resolving
 * outside the store: a hostile or mistaken `profiles/<name>` or `history/` link would otherwise have
 * the store write (or append) wherever it points. Links that stay inside the store are fine.
 */
export async function checkWritable(root: string, path: string): Promise<void> {
  const rel = relative(root, path);
  if (!isInside(root, path)) throw new BackendError('refused', `${path} is outside the store ${root}; nothing was written.`);
  const realRoot = await realpath(root).catch(() => resolve(root));
  let at = root;
  for (const part of rel.split(sep).filter(Boolean)) {
    at = join(at, part);
    const info = await lstat(at).catch(() => undefined);
    if (!info) return;
    if (!info.isSymbolicLink()) continue;
    const target = await realpath(at).catch(async () => resolve(dirname(at), await readlink(at)));
    if (!isInside(realRoot, target)) {
      throw new BackendError('refused', `${relative(root, at)} in the store is a symbolic link to ${target}, outside the store; the store does not write through it. Replace the link with a folder or file.`);
    }
  }
}

/** EISDIR, ENOTDIR and their kin as a sentence naming the store path, for the user to fix the folder. */
export function describeFsError(error: unknown, root: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (!e || typeof e !== 'object' || error instanceof BackendError || typeof e.code !== 'string') return error;
  const where = e.path ? relative(root, e.path) || e.path : 'the store';
  if (e.code === 'EISDIR') return new BackendError('invalid', `${where} in the store ${root} is a folder where the store keeps a file; move it away and try again.`);
  if (e.code === 'ENOTDIR' || (e.code === 'EEXIST' && e.syscall === 'mkdir')) return new BackendError('invalid', `A file in the store ${root} is where the store needs a folder (on the way to ${where}); move it away and try again.`);
  if (e.code === 'ELOOP') return new BackendError('invalid', `${where} in the store ${root} is a loop of symbolic links.`);
  if (e.code === 'EACCES' || e.code === 'EPERM') return new BackendError('forbidden', `The store cannot write ${where} in ${root}: permission denied.`);
  return error;
}

function pidOfTemp(name: string): number | undefined {
  const m = /\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files (`.name.<pid>.<hex>.tmp`) left by writes that were killed. Called under the store
 * lock, so no other process of this host is writing one; a temp file whose process is alive is left
 * alone anyway, and one without a pid in its name only once it is a minute old. Never follows links.
 */
export async function sweepTemps(root: string, depth = 4, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (dir: string, left: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (left > 0) await walk(path, left - 1);
        continue;
      }
      if (!entry.isFile() || !isTempFile(entry.name)) continue;
      const pid = pidOfTemp(entry.name);
      const stale = pid !== undefined ? !alive(pid) : now - ((await stat(path).catch(() => undefined))?.mtimeMs ?? now) > 60_000;
      if (stale) await unlink(path).then(() => removed.push(relative(root, path)), () => undefined);
    }
  };
  await walk(root, depth);
  return removed;
}
