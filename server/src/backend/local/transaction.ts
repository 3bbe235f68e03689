// An apply as one transaction over two files: the history line (written first) carries the record change, so a writer killed before the record is written is finished on the next write.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournal } from '../history';
import type { ApplyRecord } from '../types';
import { digestOf } from './digest';
import type { StoreLayout } from './layout';
import { notFound } from './read';
import { updateRecordText, type RecordUpdate } from './record';

/** A history line as the local store writes it: the record, and the change to the cluster record it stands for. */
export interface HistoryLine extends ApplyRecord {
  change?: {
    /** sha256 of the cluster record before and after the apply. */
    before: string;
    after: string;
    update: RecordUpdate;
  };
}

/** Seams for tests that stop a writer at a marked point (a child process killing itself there). */
export const storeHooks: { afterHistory?: () => void | Promise<void> } = {};

/** The record as the views show it: the change is the store's own bookkeeping. */
export function withoutChange(line: HistoryLine): ApplyRecord {
  const { change: _change, ...record } = line;
  return record;
}

/**
 * For each cluster whose last history line holds a change the record does not show yet (the record's
 * bytes are still exactly those from before the apply), writes the record as the apply left it. A
 * record edited by hand since (any other bytes) is left alone. Runs under the store lock.
 */
export async function recoverApplies(root: string, layout: StoreLayout, write: (file: string, text: string) => Promise<void>): Promise<string[]> {
  const dir = join(root, 'history');
  const entries = await readdir(dir, { withFileTypes: true }).catch((error) => {
    if (notFound(error)) return [];
    throw error;
  });
  const done: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.jsonl')) continue;
    const cluster = entry.name.slice(0, -'.jsonl'.length);
    let file: string;
    try {
      file = layout.clusterFile(cluster);
    } catch {
      continue;
    }
    const lines = (await readJournal(join(dir, entry.name))) as HistoryLine[];
    const change = lines[lines.length - 1]?.change;
    if (!change || change.before === change.after) continue;
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined || digestOf(text) !== change.before) continue;
    const next = updateRecordText(text, change.update);
    if (digestOf(next) !== change.after) continue;
    await write(file, next);
    done.push(`finished the apply of ${lines[lines.length - 1].to.version} to ${cluster} that an interrupted write left in the history only`);
  }
  return done;
}
