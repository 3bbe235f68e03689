// Apply history as JSON-lines journals (`<cluster>.jsonl`): the local store's history/ and this machine's record of Palette applies.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkName } from './local/layout';
import type { ApplyRecord } from './types';

/**
 * Appends one record as one line, in one write(2) on a descriptor opened with O_APPEND: the kernel places each
 * write whole at the end of the file, so appenders in other processes (or in this one's thread pool, each with its
 * own descriptor) never overwrite or split each other's lines. A crash or a full disk can at worst tear the last
 * line: readers skip it, and the next append starts on a new line so the torn tail does not swallow its record.
 */
export async function appendRecord(file: string, record: ApplyRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    let torn = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      torn = last[0] !== 0x0a;
    }
    const data = Buffer.from(`${torn ? '\n' : ''}${JSON.stringify(record)}\n`, 'utf8');
    const { bytesWritten } = await handle.write(data, 0, data.length);
    if (bytesWritten !== data.length) throw new Error(`only ${bytesWritten} of ${data.length} bytes of the record were written to ${file}`);
  } finally {
    await handle.close();
  }
}

/** Oldest first, as appended; a missing file is no history, and a torn or garbled line is skipped. */
export async function readJournal(file: string): Promise<ApplyRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: ApplyRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as ApplyRecord;
      if (isRecord(record)) out.push(record);
    } catch {
      // A torn line from a crashed append; the records around it still count.
    }
  }
  return out;
}

/** Enough of a record for the views to show it (they read `at`, `to.version`, `impact`, `result`). */
function isRecord(value: unknown): value is ApplyRecord {
  const r = value as Partial<ApplyRecord> | null;
  return !!r && typeof r === 'object' && typeof r.at === 'string' && typeof r.cluster === 'string' && !!r.to && typeof r.to.version === 'string';
}

/**
 * The folder one Palette endpoint and project keep their journals in: a readable slug of host and project for
 * people looking at the folder, and a hash of the exact base URL and project so that two endpoints or projects
 * whose slugs happen to agree (another port or path, tenant scope) still never share a file.
 */
export function paletteScope(baseUrl: string, projectUid: string | undefined): string {
  let host = baseUrl;
  let where = baseUrl;
  try {
    const url = new URL(baseUrl);
    host = url.host;
    where = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    // Not a URL: the text itself names the endpoint.
  }
  const slug = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^[._-]+/, '').slice(0, 60) || 'x';
  const hash = createHash('sha256').update(`${where}\n${projectUid ?? ''}`).digest('hex').slice(0, 10);
  return `${slug(host)}_${projectUid ? slug(projectUid) : 'tenant'}_${hash}`;
}

/** The journals of one scope under a folder on this machine: `<dir>/<scope>/<cluster>.jsonl`. */
export class ApplyJournal {
  readonly folder: string;

  constructor(dir: string, scope: string) {
    this.folder = join(dir, scope);
  }

  /** A cluster name that could leave the folder is refused (BackendError 'invalid'). */
  file(cluster: string): string {
    return join(this.folder, `${checkName(cluster, 'cluster name')}.jsonl`);
  }

  append(record: ApplyRecord): Promise<void> {
    return appendRecord(this.file(record.cluster), record);
  }

  read(cluster: string): Promise<ApplyRecord[]> {
    return readJournal(this.file(cluster));
  }
}
