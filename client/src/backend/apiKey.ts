// "Palette: Set API Key" and "Palette: Clear API Key": each Palette endpoint's key lives only in VS Code's SecretStorage.
import * as vscode from 'vscode';
import type { BackendManager } from './manager';

/** The password box for one endpoint's key; undefined when the user closes it. */
export async function askForApiKey(endpointLabel: string): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: `Palette API key for ${endpointLabel}`,
    prompt: 'Create one in Palette under your user menu → My API Keys. It is kept in VS Code\'s secret storage for this endpoint only, never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'The key cannot be empty.'),
  });
  return key?.trim() || undefined;
}

/** A key given as an argument (automation, tests) is stored without asking; otherwise a password box asks. Either way it is the current endpoint's. */
export function setApiKeyCommand(manager: BackendManager) {
  return async (given?: unknown): Promise<boolean> => {
    const endpoint = manager.endpoint();
    const key = typeof given === 'string' ? given : await askForApiKey(endpoint.label);
    if (!key?.trim()) return false;
    await manager.setApiKey(key);
    void vscode.window.showInformationMessage(`Palette API key for ${endpoint.label} saved in secret storage.`);
    return true;
  };
}

export function clearApiKeyCommand(manager: BackendManager) {
  return async (): Promise<boolean> => {
    const endpoint = manager.endpoint();
    const had = await manager.clearApiKey();
    void vscode.window.showInformationMessage(had ? `Palette API key for ${endpoint.label} removed from secret storage.` : `No Palette API key was stored for ${endpoint.label}.`);
    return had;
  };
}
