// Makes the backend a BackendSettings names: the local store folder or the Palette API client.
import type { Backend, BackendLog } from '../../../server/src/backend/types';
import { LocalStoreBackend } from '../../../server/src/backend/local';
import { BackendError } from '../../../server/src/backend/types';

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
}

export async function createBackend(settings: BackendSettings, needs: BackendNeeds): Promise<Backend> {
  if (settings.kind === 'palette') {
    throw new BackendError('invalid', `The Palette API client is not built in yet (${settings.baseUrl}).`);
  }
  return new LocalStoreBackend(needs.storeRoot, needs.log);
}
