// What activate() hands other extensions: the test API only when VS Code runs the extension's tests, nothing in production.
import * as vscode from 'vscode';

/**
 * Any extension can read `getExtension(...).exports`; the test API reaches the backend and so the API key, so it
 * is built only in `ExtensionMode.Test` (the harness's extensionTestsPath launch), never for a user's VS Code.
 */
export function testExports<T>(mode: vscode.ExtensionMode, build: () => T): T | undefined {
  return mode === vscode.ExtensionMode.Test ? build() : undefined;
}
