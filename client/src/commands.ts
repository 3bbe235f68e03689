// The extension's commands, each a small factory over what it needs.
import * as vscode from 'vscode';
import type { BaselineChoice } from '../../server/src/protocol';
import { newProfileCommand } from './commands/newProfile';

export interface CommandDeps {
  output: vscode.LogOutputChannel;
  restart(): Promise<void>;
  chooseBaseline(target?: unknown, choice?: BaselineChoice): Promise<unknown>;
  reviewChanges(target?: unknown): Promise<void>;
  /** Publish, apply, the views' commands and the API key commands, by command id. */
  backendCommands: Record<string, (...args: unknown[]) => unknown>;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'paletteProfileStudio.showOutput': () => deps.output.show(true),
    'paletteProfileStudio.restartServer': () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Palette language server' }, () => deps.restart()),
    'paletteProfileStudio.chooseBaseline': (target, choice) => deps.chooseBaseline(target, choice as BaselineChoice | undefined),
    'paletteProfileStudio.reviewChanges': (target) => deps.reviewChanges(target),
    'paletteProfileStudio.newProfile': newProfileCommand(context.extensionUri),
    ...deps.backendCommands,
  };
  for (const [id, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
}
