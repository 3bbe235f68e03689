// Typed access to the extension's settings, each with its default in one place.
import * as vscode from 'vscode';

export const section = 'paletteProfileStudio';

export interface Settings {
  maxFileSizeMB: number;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(section);
  return {
    maxFileSizeMB: config.get<number>('maxFileSizeMB', 5),
  };
}
