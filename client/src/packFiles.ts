// Gives values.yaml, schema.yaml and presets.yaml the pack language when their folder has a pack.json.
import * as vscode from 'vscode';

const packYamlNames = new Set(['values.yaml', 'schema.yaml', 'presets.yaml']);
export const packYamlLanguage = 'palette-pack-yaml';

async function hasPackJson(document: vscode.TextDocument): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(document.uri, '..', 'pack.json'));
    return true;
  } catch {
    return false;
  }
}

export async function claimPackYaml(document: vscode.TextDocument): Promise<void> {
  const name = document.uri.path.split('/').pop() ?? '';
  if (!packYamlNames.has(name) || document.languageId !== 'yaml') return;
  if (await hasPackJson(document)) await vscode.languages.setTextDocumentLanguage(document, packYamlLanguage);
}

export function registerPackFileDetection(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((document) => void claimPackYaml(document)));
  for (const document of vscode.workspace.textDocuments) void claimPackYaml(document);
}
