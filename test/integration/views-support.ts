// Helpers for the publish, apply and views suites: the extension's API, modal clicks, quick-pick answers, store snapshots.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import { extensionId, waitFor, workspaceUri } from './util';

export async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension, 'extension not found');
  const exports = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(exports, 'no test API: the extension exports it only in ExtensionMode.Test (the harness launches with extensionTestsPath)');
  return exports;
}

/** Asks the harness to press a button of the modal dialog that is open or about to open (test/harness/run-integration.mjs). */
export function clickDialog(label: string): void {
  console.log(`PALETTE_CLICK_DIALOG ${label}`);
}

/** With PALETTE_SCREENSHOTS=1 the harness saves the page, once the keys and clicks asked for before are done, as media/screenshots/<name>.png. */
export async function screenshot(name: string): Promise<void> {
  if (process.env.PALETTE_SCREENSHOTS !== '1') return;
  const file = join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'media', 'screenshots', `${name}.png`);
  const mtime = () => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const before = mtime();
  console.log(`PALETTE_SCREENSHOT ${name}`);
  await waitFor(`${name}.png`, () => mtime() > before || undefined, 30_000);
}

/** Asks the harness to press Enter in the next modal dialog: what a user gets who accepts its default button. */
export function pressEnterInDialog(): void {
  console.log('PALETTE_DIALOG_ENTER');
}

/** A key step for pressKeys: text typed as a user types it, or one key (Playwright's names: Enter, Escape, Space, ArrowDown). */
export type KeyStep = { type: string } | { press: string };

/**
 * Asks the harness to type and press keys in the quick input (pick or input box) that is open or about to open,
 * once it shows with its input focused; `title` waits for the one whose title contains it (the next of several).
 */
export function pressKeys(steps: KeyStep[], title?: string): void {
  console.log(`PALETTE_KEYS ${JSON.stringify(title ? { title, steps } : steps)}`);
}

/** Answers the quick pick `pending` is waiting on with its item at `index`; resolves with the command's result. */
export async function answerQuickPick<T>(pending: Thenable<T>, index: number): Promise<T> {
  const done = Promise.resolve(pending);
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  await waitFor('the quick pick to be answered', async () => {
    if (settled) return true;
    // Moving does nothing until the pick shows; moving again right before accepting means a pick that
    // showed during the pause is not accepted at its first item.
    const move = async () => {
      await vscode.commands.executeCommand('quickInput.first');
      for (let i = 0; i < index; i++) await vscode.commands.executeCommand('quickInput.next');
    };
    await move();
    await new Promise((r) => setTimeout(r, 100));
    await move();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return Promise.race([done.then(() => true), new Promise<undefined>((r) => setTimeout(() => r(undefined), 150))]);
  });
  return done;
}

/** A file or folder of the local store in the test workspace. */
export const store = (...segments: string[]) => workspaceUri('.palette', ...segments);

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(dir: vscode.Uri): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir).then(undefined, () => [] as [string, vscode.FileType][])) {
    const uri = vscode.Uri.joinPath(dir, name);
    if (type === vscode.FileType.Directory) out.push(...(await listFiles(uri)));
    else out.push(uri);
  }
  return out;
}

/** Keeps the store and some workspace files as they were, so suites that publish and apply leave the next suite the examples. */
export class Snapshot {
  private readonly files = new Map<string, Uint8Array>();
  private readonly roots: vscode.Uri[];

  private constructor(roots: vscode.Uri[]) {
    this.roots = roots;
  }

  static async take(...roots: vscode.Uri[]): Promise<Snapshot> {
    const snapshot = new Snapshot(roots);
    for (const root of roots) {
      const files = (await vscode.workspace.fs.stat(root)).type === vscode.FileType.Directory ? await listFiles(root) : [root];
      for (const uri of files) snapshot.files.set(uri.toString(), await vscode.workspace.fs.readFile(uri));
    }
    return snapshot;
  }

  async restore(): Promise<void> {
    for (const root of this.roots) {
      const isDir = (await vscode.workspace.fs.stat(root).then((s) => s.type, () => vscode.FileType.Unknown)) === vscode.FileType.Directory;
      for (const uri of isDir ? await listFiles(root) : []) if (!this.files.has(uri.toString())) await vscode.workspace.fs.delete(uri);
    }
    for (const [uri, bytes] of this.files) await vscode.workspace.fs.writeFile(vscode.Uri.parse(uri), bytes);
  }
}
