// Makes the backend a BackendSettings names: the local store folder or the Palette API client.
import type { Backend, BackendLog } from '../../../server/src/backend/types';
import { LocalStoreBackend } from '../../../server/src/backend/local';
import { PaletteApiBackend } from '../../../server/src/backend/palette';

export interface BackendSettings {
  kind: 'local' | 'palette';
  storePath: string;
  baseUrl: string;
  projectUid?: string;
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
    return new PaletteApiBackend({ baseUrl: settings.baseUrl, apiKey: needs.apiKey ?? '', projectUid: settings.projectUid, log: needs.log, historyDir: needs.historyDir });
  }
  return new LocalStoreBackend(needs.storeRoot, needs.log);
}
