// Makes the backend a BackendSettings names: the local store folder or the Palette API client.
import type { Backend, BackendLog } from '../../../server/src/backend/types';
import { LocalStoreBackend } from '../../../server/src/backend/local';
import { PaletteApiBackend } from '../../../server/src/backend/palette';

export interface BackendSettings {
  kind: 'local' | 'palette';
  /** The store folder's absolute path; empty when there is none (no folder on disk, or `storeError`). */
  storePath: string;
  /** Why the store path set cannot be used (a workspace value pointing outside the workspace). */
  storeError?: string;
  baseUrl: string;
  projectUid?: string;
  /** The user allowed plain http to a host other than this machine. */
  allowInsecureHttp: boolean;
}

export interface BackendNeeds {
  storeRoot: string;
  apiKey?: string;
  log: BackendLog;
  /** A folder outside the workspace (the extension's storage) where Palette applies are journaled; none without it. */
  historyDir?: string;
}

export function createBackend(settings: BackendSettings, needs: BackendNeeds): Backend {
  if (settings.kind === 'palette') {
    return new PaletteApiBackend({ baseUrl: settings.baseUrl, apiKey: needs.apiKey ?? '', projectUid: settings.projectUid, log: needs.log, historyDir: needs.historyDir, allowInsecureHttp: settings.allowInsecureHttp });
  }
  return new LocalStoreBackend(needs.storeRoot, needs.log);
}
