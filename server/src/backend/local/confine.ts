// Where a local store may be: inside the workspace, unless the user named an absolute folder in their own settings (or on the command line).
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { BackendError } from '../types';
import { isInside } from './guard';

export interface StorePathSource {
  /** The workspace folder(s) (the CLI's working folder) a relative path is resolved in and must stay in. */
  workspace: string;
  /** The path is the user's own choice for this machine (user setting or command line), not the workspace's. */
  explicit: boolean;
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended: a store need not exist yet. */
function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realOf(parent), basename(path));
  }
}

/**
 * Resolves the store folder and refuses one outside the workspace (through `..`, an absolute path the
 * workspace set, or a symbolic link leading out), so that a workspace cannot make the editor or the
 * CLI write into another folder of this machine. An absolute path the user set themselves is theirs.
 */
export function confineStorePath(path: string, source: StorePathSource): string {
  const resolved = resolve(source.workspace, path);
  if (source.explicit && isAbsolute(path)) return resolved;
  const root = realOf(resolve(source.workspace));
  const real = realOf(resolved);
  if (!isInside(root, real)) {
    const via = real !== resolved ? ` (it resolves to ${real})` : '';
    throw new BackendError('refused', `The store folder ${path}${via} is outside the workspace folder ${source.workspace}; only an absolute path you set yourself (a user setting, or an absolute --store) may place the store elsewhere.`);
  }
  return resolved;
}
