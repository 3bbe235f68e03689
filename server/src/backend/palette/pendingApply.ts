// The record of a Palette apply in progress (`<cluster>.pending.json` beside the cluster's journal): each step's outcome is written before the next step, so a re-run knows where the last run stopped.
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic';
import { checkName } from '../local/layout';
import type { ApplyRecord } from '../types';

/**
 * The last step done: `started` before the profiles PATCH is sent (the cluster may or may not run the version),
 * `switched` once Palette shows the cluster on the version (its repave, if any, not approved yet).
 */
export type ApplyStep = 'started' | 'switched';

export interface PendingApply {
  /** The apply as the journal will hold it: where the cluster came from, the version (with its uid), the impact. */
  record: ApplyRecord;
  done: ApplyStep;
  /** ISO time of the step. */
  updated: string;
}

/** The step records under one journal folder; an unreadable record counts as none (Palette's own state still decides). */
export class PendingApplies {
  constructor(readonly folder: string) {}

  file(cluster: string): string {
    return join(this.folder, `${checkName(cluster, 'cluster name')}.pending.json`);
  }

  async read(cluster: string): Promise<PendingApply | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(cluster), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const value = JSON.parse(text) as Partial<PendingApply> | null;
      const record = value?.record;
      const known = value?.done === 'started' || value?.done === 'switched';
      return known && record && record.cluster === cluster && typeof record.to?.version === 'string' ? (value as PendingApply) : undefined;
    } catch {
      return undefined;
    }
  }

  write(record: ApplyRecord, done: ApplyStep): Promise<void> {
    const pending: PendingApply = { record, done, updated: new Date().toISOString() };
    return writeFileAtomic(this.file(record.cluster), JSON.stringify(pending, null, 2) + '\n');
  }

  async clear(cluster: string): Promise<void> {
    await unlink(this.file(cluster)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
