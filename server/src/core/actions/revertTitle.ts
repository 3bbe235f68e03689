// Reads a planned change's path back into segments, and words the title of the action that reverts it.
import type { Seg } from '../plan/diffTree';
import { impactPhrases } from '../plan/labels';
import type { ImpactedChange, ProfileChange } from '../plan/model';

/**
 * The inverse of diffTree's formatSegs: `a.b[0][name=x]["k.8s/y"]`. Undefined for object selectors
 * (`[Kind/ns/name]`, `[#2]`), which only manifests use.
 */
export function parsePath(path: string): Seg[] | undefined {
  const segs: Seg[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
      continue;
    }
    if (path[i] !== '[') {
      const end = path.slice(i).search(/[.[]/);
      const key = end < 0 ? path.slice(i) : path.slice(i, i + end);
      segs.push(key);
      i += key.length;
      continue;
    }
    if (path[i + 1] === '"') {
      const m = /^"(?:[^"\\]|\\.)*"\]/.exec(path.slice(i + 1));
      if (!m) return undefined;
      segs.push(JSON.parse(m[0].slice(0, -1)) as string);
      i += 1 + m[0].length;
      continue;
    }
    // A name may hold `]`; the selector ends at the `]` that ends the path or starts the next step.
    const rest = path.slice(i + 1);
    const close = /\](?=$|[.[])/.exec(rest);
    if (!close) return undefined;
    const inside = rest.slice(0, close.index);
    if (/^\d+$/.test(inside)) segs.push(Number(inside));
    else if (inside.startsWith('name=')) segs.push({ name: inside.slice('name='.length) });
    else return undefined;
    i += 1 + close.index + 1;
  }
  return segs;
}

/** A value as the title shows it: strings quoted, long or structured values shortened. */
export function shortValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (value === null || value === undefined) text = 'empty';
  else if (Array.isArray(value)) text = value.length === 0 ? '[]' : `[…${value.length} items]`;
  else if (typeof value === 'object') text = Object.keys(value).length === 0 ? '{}' : '{…}';
  else text = String(value);
  text = text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function subjectOf(change: ProfileChange): string {
  if (change.part === 'pack') return `pack ${change.pack}`;
  if (change.part === 'profile') return change.path;
  if (change.part === 'tag' || change.part === 'type') return `${change.pack} ${change.part}`;
  return `${change.pack}: ${change.path || 'values'}`;
}

/** "Revert edge-k3s: cluster.config.etcd-snapshot-retention to 5 (undo this repave)". */
export function revertTitle(change: ImpactedChange): string {
  const undo = change.impact === 'no-op' ? '(no upgrade impact)' : `(undo this ${impactPhrases[change.impact]})`;
  const subject = subjectOf(change);
  if (change.change === 'added') return `Remove ${subject}, as in the baseline ${undo}`;
  if (change.change === 'removed') return change.part === 'pack' ? `Restore ${subject} ${undo}` : `Restore ${subject} as ${shortValue(change.before)} ${undo}`;
  return `Revert ${subject} to ${shortValue(change.before)} ${undo}`;
}
