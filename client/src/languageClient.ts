// Starts the bundled language server over IPC and names the documents it serves.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import * as path from 'node:path';
import { readBackendSettings } from './backend/settings';
import { readSettings, section } from './config';

/**
 * The server reads the store for baselines: it gets the store folder the backend uses (a workspace's
 * `store.path` only inside the workspace), never a workspace value that points elsewhere.
 */
function confinedStorePath(): string {
  const root = vscode.workspace.workspaceFolders?.[0];
  const resolved = readBackendSettings(root).storePath;
  if (!root || root.uri.scheme !== 'file' || !resolved) return '.palette';
  return path.relative(root.uri.fsPath, resolved) || '.';
}

export const documentSelector = [
  { language: 'palette-profile' },
  { language: 'palette-pack-json' },
  { language: 'palette-pack-yaml' },
  // A Palette export keeps its own language (JSON stays JSON); the server tells it from other files by
  // name and content, and answers nothing for those.
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { maxFileSizeMB: readSettings().maxFileSizeMB };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((item, i) => {
            const asked = params.items[i]?.section;
            if (asked !== section || !item || typeof item !== 'object') return item;
            const store = { ...((item as { store?: object }).store ?? {}), path: confinedStorePath() };
            return { ...(item as object), store };
          });
        },
      },
    },
    synchronize: {
      configurationSection: section,
      // Baselines and pack folders live in other files: the store, sibling profiles, pack.json and values.yaml.
      fileEvents: watcher,
    },
  };
  return new LanguageClient('paletteProfileStudio', 'Palette Profile Studio', serverOptions, clientOptions);
}
