// "Palette: Set API Key" and "Palette: Clear API Key": the key lives only in VS Code's SecretStorage.
import * as vscode from 'vscode';
import type { BackendManager } from './manager';

/** A key given as an argument (automation, tests) is stored without asking; otherwise a password box asks. */
export function setApiKeyCommand(manager: BackendManager) {
  return async (given?: unknown): Promise<boolean> => {
    const key =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'Palette API key',
            prompt: 'Create one in Palette under your user menu → My API Keys. It is kept in VS Code\'s secret storage, never in settings or logs.',
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : 'The key cannot be empty.'),
          });
    if (!key?.trim()) return false;
    await manager.setApiKey(key);
    void vscode.window.showInformationMessage('Palette API key saved in secret storage.');
    return true;
  };
}

export function clearApiKeyCommand(manager: BackendManager) {
  return async (): Promise<boolean> => {
    const had = await manager.clearApiKey();
    void vscode.window.showInformationMessage(had ? 'Palette API key removed from secret storage.' : 'No Palette API key was stored.');
    return had;
  };
}
