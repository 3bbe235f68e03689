// Typed access to the extension's settings, each with its default in one place (the server reads the same section).
import * as vscode from 'vscode';

export const section = 'paletteProfileStudio';

export interface Settings {
  maxFileSizeMB: number;
  inlayHints: boolean;
  codeLens: boolean;
  baselineMode: 'auto' | 'store' | 'workspace' | 'git' | 'none';
  clusterKind: 'auto' | 'edge-k3s' | 'edge-rke2' | 'edge-k8s' | 'non-edge';
  storePath: string;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(section);
  return {
    maxFileSizeMB: config.get<number>('maxFileSizeMB', 5),
    inlayHints: config.get<boolean>('inlayHints.enabled', true),
    codeLens: config.get<boolean>('codeLens.enabled', true),
    baselineMode: config.get<Settings['baselineMode']>('baseline.mode', 'auto'),
    clusterKind: config.get<Settings['clusterKind']>('clusterKind', 'auto'),
    storePath: config.get<string>('store.path', '.palette'),
  };
}
