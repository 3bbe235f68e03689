// Where the local store is: a workspace may put it only inside itself; a folder elsewhere must come from the user's own settings.
import type * as nodePath from 'node:path';

export interface StorePathValues {
  /** From the user's settings: any folder, relative ones against the workspace folder. */
  user?: string;
  /** From the workspace's (or its folder's) settings: only a folder inside the workspace folder. */
  workspace?: string;
}

export const defaultStorePath = '.palette';

/** The store's absolute path, or why there is none; `path` is node's path module (posix in tests, the platform's in VS Code). */
export function resolveStorePath(root: string | undefined, values: StorePathValues, path: typeof nodePath): { path?: string; error?: string } {
  const workspace = values.workspace?.trim();
  const user = values.user?.trim();
  if (workspace) {
    if (!root) return { error: 'The workspace setting "paletteProfileStudio.store.path" needs a workspace folder on disk.' };
    const resolved = path.resolve(root, workspace);
    const relative = path.relative(root, resolved);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      return {
        error:
          `The workspace setting "paletteProfileStudio.store.path" (${workspace}) points outside the workspace folder: a workspace can only keep its store inside itself. ` +
          'To use a folder elsewhere, set it in your user settings.',
      };
    }
    return { path: resolved };
  }
  if (user && path.isAbsolute(user)) return { path: path.normalize(user) };
  if (!root) return {};
  return { path: path.resolve(root, user || defaultStorePath) };
}
