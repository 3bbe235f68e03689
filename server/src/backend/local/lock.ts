// One writer at a time per store, across processes: a lock file created with O_EXCL holding pid, host and time, broken when stale.
import { hostname } from 'node:os';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BackendError } from '../types';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  at: string;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up (ms). */
  wait?: number;
  /** A lock older than this is stale whatever its pid (ms); store writes take well under a second. */
  staleAfter?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner?.pid) && typeof owner.at === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Stale: its process is gone (on this host), it is older than `staleAfter`, or it is unreadable and old enough to have been written whole. */
export function isStale(owner: LockOwner | undefined, mtimeMs: number, staleAfter: number, now = Date.now()): boolean {
  if (!owner) return now - mtimeMs > 2000;
  if (owner.host === hostname() && !alive(owner.pid)) return true;
  const at = Date.parse(owner.at);
  return !Number.isFinite(at) || now - at > staleAfter;
}

/**
 * Breaks a stale lock by renaming it aside first: of several processes that judged it stale only one
 * rename succeeds, and if the file renamed is no longer the stale one (a new owner took the lock in
 * between) it is linked back.
 */
async function breakStale(file: string, seen: string): Promise<void> {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== seen) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Runs `task` holding the lock file `file`; waits (polling) while a live writer holds it. */
export async function withLock<T>(file: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const wait = options.wait ?? 15_000;
  const staleAfter = options.staleAfter ?? 120_000;
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() } satisfies LockOwner) + '\n';
  const started = Date.now();
  await mkdir(dirname(file), { recursive: true });
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(mine, 'utf8');
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = await readFile(file, 'utf8').catch(() => undefined);
    if (seen === undefined) continue;
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
    const owner = readOwner(seen);
    if (isStale(owner, mtimeMs, staleAfter)) {
      await breakStale(file, seen);
      continue;
    }
    if (Date.now() - started > wait) {
      const who = owner ? `process ${owner.pid} on ${owner.host} since ${owner.at}` : 'another process';
      throw new BackendError('conflict', `The store is being written by ${who} (${file}); try again when it finishes, or delete the lock file if that process is gone.`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  try {
    return await task();
  } finally {
    // Only our own lock is removed: a lock broken as stale and taken by another stays theirs.
    if ((await readFile(file, 'utf8').catch(() => undefined)) === mine) await unlink(file).catch(() => undefined);
  }
}
