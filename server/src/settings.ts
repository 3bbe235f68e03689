// The server's settings, typed, each with its default in one place; the client's settings module mirrors them.

export type BaselineMode = 'auto' | 'store' | 'workspace' | 'git' | 'none';
export type ClusterKindSetting = 'auto' | 'edge-k3s' | 'edge-rke2' | 'edge-k8s' | 'non-edge';

export interface ServerSettings {
  /** Impact labels at the end of changed lines. */
  inlayHints: boolean;
  /** Roll-up lenses above the file and each pack. */
  codeLens: boolean;
  /** Where the default baseline comes from; `auto` tries the store, then the workspace, then git HEAD. */
  baselineMode: BaselineMode;
  /** Overrides the cluster kind the profile implies (its cloud type and Kubernetes pack). */
  clusterKind: ClusterKindSetting;
  maxFileSizeMB: number;
  /** The local store's folder, relative to each workspace folder. */
  storePath: string;
}

export const defaultSettings: ServerSettings = {
  inlayHints: true,
  codeLens: true,
  baselineMode: 'auto',
  clusterKind: 'auto',
  maxFileSizeMB: 5,
  storePath: '.palette',
};

const modes: readonly BaselineMode[] = ['auto', 'store', 'workspace', 'git', 'none'];
const kinds: readonly ClusterKindSetting[] = ['auto', 'edge-k3s', 'edge-rke2', 'edge-k8s', 'non-edge'];

/** Reads the `paletteProfileStudio` section as the client sends it; anything malformed keeps its default. */
export function readServerSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const get = (path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), section);
  const bool = (path: string, fallback: boolean) => (typeof get(path) === 'boolean' ? (get(path) as boolean) : fallback);
  const oneOf = <T extends string>(path: string, allowed: readonly T[], fallback: T) => (allowed.includes(get(path) as T) ? (get(path) as T) : fallback);
  const size = get('maxFileSizeMB');
  const store = get('store.path');
  return {
    inlayHints: bool('inlayHints.enabled', defaultSettings.inlayHints),
    codeLens: bool('codeLens.enabled', defaultSettings.codeLens),
    baselineMode: oneOf('baseline.mode', modes, defaultSettings.baselineMode),
    clusterKind: oneOf('clusterKind', kinds, defaultSettings.clusterKind),
    maxFileSizeMB: typeof size === 'number' && size > 0 && size <= 1024 ? size : defaultSettings.maxFileSizeMB,
    storePath: typeof store === 'string' && store.trim() !== '' ? store.trim() : defaultSettings.storePath,
  };
}
