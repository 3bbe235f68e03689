// Reads the backend settings so that a workspace cannot redirect them: the endpoint only from user settings, the store only inside the workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendSettings } from './factories';
import { resolveStorePath } from './storePath';

const section = 'paletteProfileStudio';

/**
 * The user's (or remote machine's) value, never a workspace's: these settings are machine-scoped in package.json, and
 * reading only `globalValue` keeps it so even where a workspace value slips through (an older VS Code, a profile).
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function readBackendSettings(folder = vscode.workspace.workspaceFolders?.[0]): BackendSettings {
  const config = vscode.workspace.getConfiguration(section);
  const projectUid = config.get<string>('palette.projectUid', '').trim();
  const store = config.inspect<string>('store.path');
  const root = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  const resolved = resolveStorePath(root, { user: store?.globalValue, workspace: store?.workspaceFolderValue ?? store?.workspaceValue }, path);
  return {
    kind: userValue<string>(config, 'backend', 'local') === 'palette' ? 'palette' : 'local',
    storePath: resolved.path ?? '',
    storeError: resolved.error,
    baseUrl: (userValue(config, 'palette.baseUrl', '') || 'https://api.spectrocloud.com').trim(),
    projectUid: projectUid || undefined,
    allowInsecureHttp: userValue<boolean>(config, 'palette.allowInsecureHttp', false) === true,
  };
}

/**
 * One endpoint's identity: the API key is stored under it, so a key is only ever sent to the base URL and project
 * it was given for. The URL is normalised (origin and path) so that a trailing slash is not another endpoint.
 */
export function endpointOf(settings: Pick<BackendSettings, 'baseUrl' | 'projectUid'>): { id: string; label: string } {
  let base = settings.baseUrl.trim();
  try {
    const url = new URL(base);
    base = url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    // Not a URL: the backend refuses it; the text still names a distinct endpoint.
  }
  return {
    id: `${base}#${settings.projectUid ?? ''}`,
    label: settings.projectUid ? `${base} (project ${settings.projectUid})` : `${base} (tenant)`,
  };
}
