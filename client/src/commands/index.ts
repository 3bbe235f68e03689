// The commands that publish, apply and browse through the backend, by command id (client/src/commands.ts registers them).
import * as vscode from 'vscode';
import { clearApiKeyCommand, setApiKeyCommand } from '../backend/apiKey';
import { versionUri } from '../views/versionDocuments';
import { applyVersionCommand } from './apply';
import { refArg, type CommandEnv } from './common';
import { editOverridesCommand, OverrideFileSystem, overrideScheme } from './overrides';
import { publishVersionCommand } from './publish';
import { updateInPlaceCommand } from './updateInPlace';
import { cloneProfileCommand, editMetadataCommand, newVersionFromCommand } from './workingFiles';

export function backendCommands(context: vscode.ExtensionContext, env: CommandEnv): Record<string, (...args: unknown[]) => unknown> {
  const overrides = new OverrideFileSystem(env.manager, () => env.views.model.refresh());
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(overrideScheme, overrides, { isCaseSensitive: true }));
  const id = (name: string) => `paletteProfileStudio.${name}`;
  return {
    [id('publishVersion')]: publishVersionCommand(env),
    [id('applyVersion')]: applyVersionCommand(env),
    [id('updateInPlace')]: updateInPlaceCommand(env) as (...args: unknown[]) => unknown,
    [id('editOverrides')]: editOverridesCommand(env),
    [id('cloneProfile')]: cloneProfileCommand(env) as (...args: unknown[]) => unknown,
    [id('newVersionFrom')]: newVersionFromCommand(env) as (...args: unknown[]) => unknown,
    [id('editMetadata')]: editMetadataCommand(env) as (...args: unknown[]) => unknown,
    [id('openVersion')]: async (arg: unknown) => {
      const ref = refArg(arg);
      if (!ref) return undefined;
      const document = await vscode.workspace.openTextDocument(versionUri(ref));
      return vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'palette-profile'), { preview: true });
    },
    [id('setApiKey')]: setApiKeyCommand(env.manager),
    [id('clearApiKey')]: clearApiKeyCommand(env.manager),
    [id('refreshViews')]: () => env.views.model.refresh(),
    [id('filterClustersByTag')]: (tag?: unknown) => env.views.filterClusters(tag),
    [id('clearClusterFilter')]: () => env.views.filterClusters(null),
  };
}
