// Palette's JSON exports in the editor: a context key for the export in front, and Convert to Profile YAML.
import * as vscode from 'vscode';
import { exportToProfileYaml, profileYamlName } from '../../server/src/core/convert/exportToYaml';
import { fileKindOf, isJsonText } from '../../server/src/core/fileKind';
import { clientCommands } from '../../server/src/protocol';

/** True while the active editor holds a JSON export (the command palette and the editor menu offer the conversion). */
const contextKey = 'paletteProfileStudio.profileExport';

export function isProfileExport(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'json') return false;
  const text = document.getText();
  return isJsonText(text) && fileKindOf(document.uri.path, false, text) === 'profile';
}

/**
 * Opens the export as profile YAML in a new editor beside it, never writing a file: the result is an
 * untitled document named `<export>.profile.yaml` in the export's folder (the first free name), saved
 * where the user says. Resolves with the new document, or undefined when there was nothing to convert.
 */
export async function convertToProfileYaml(target?: unknown): Promise<vscode.TextDocument | undefined> {
  const document = await documentOf(target);
  if (!document) {
    void vscode.window.showErrorMessage('Palette: open a profile exported from Palette as JSON to convert it.');
    return undefined;
  }
  const converted = exportToProfileYaml(document.getText());
  if (!converted.ok) {
    void vscode.window.showErrorMessage(`Palette: cannot convert ${vscode.workspace.asRelativePath(document.uri)}. ${converted.message}`);
    return undefined;
  }
  const yaml = await vscode.workspace.openTextDocument(await untitledBeside(document));
  const edit = new vscode.WorkspaceEdit();
  // Converting again into the same untitled editor replaces what an earlier conversion put there.
  edit.replace(yaml.uri, new vscode.Range(yaml.positionAt(0), yaml.positionAt(yaml.getText().length)), converted.yaml);
  await vscode.workspace.applyEdit(edit);
  const profile = yaml.languageId === 'palette-profile' ? yaml : await vscode.languages.setTextDocumentLanguage(yaml, 'palette-profile');
  await vscode.window.showTextDocument(profile, { viewColumn: vscode.ViewColumn.Beside });
  return profile;
}

async function documentOf(target: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
}

async function untitledBeside(document: vscode.TextDocument): Promise<vscode.Uri> {
  const exportName = document.uri.path.split('/').pop() || 'profile.json';
  if (document.uri.scheme !== 'file') return vscode.Uri.from({ scheme: 'untitled', path: profileYamlName(exportName) });
  for (let n = 1; ; n++) {
    // edge-retail.json → edge-retail.profile.yaml, then edge-retail-2.profile.yaml, …
    const name = profileYamlName(n === 1 ? exportName : exportName.replace(/(\.json)?$/i, `-${n}$1`));
    const candidate = vscode.Uri.joinPath(document.uri, '..', name);
    // An existing file is left alone: saving an untitled document over it would replace it.
    const exists = await vscode.workspace.fs.stat(candidate).then(
      () => true,
      () => false,
    );
    if (!exists) return candidate.with({ scheme: 'untitled' });
  }
}

export function registerExports(context: vscode.ExtensionContext): void {
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', contextKey, document ? isProfileExport(document) : false);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(clientCommands.convertToProfileYaml, convertToProfileYaml),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidSaveTextDocument((d) => d === vscode.window.activeTextEditor?.document && update()),
  );
  update();
}
