// Scratch copies of the example store for the local backend, flow and CLI tests.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const exampleStore = join(process.cwd(), 'examples', '.palette');
export const workingProfile = join(process.cwd(), 'examples', 'edge-retail', 'edge-retail.profile.yaml');

/** A fresh copy of examples/.palette in a temp folder. */
export function scratchStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pps-store-'));
  const root = join(dir, '.palette');
  cpSync(exampleStore, root, { recursive: true });
  return root;
}

/** Every file under `root` with its bytes, to show that a refused operation changed nothing. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, 'base64'));
    }
  };
  walk(root);
  return out;
}

export function files(root: string): string[] {
  return [...snapshot(root).keys()].sort();
}

/** The files added, removed or changed since `before` (empty when nothing changed). */
export function changedSince(before: Map<string, string>, root: string): string[] {
  const now = snapshot(root);
  const keys = new Set([...before.keys(), ...now.keys()]);
  return [...keys].filter((k) => before.get(k) !== now.get(k)).sort();
}
