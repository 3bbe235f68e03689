// The same integration suites under @vscode/test-electron, for machines that can download VS Code.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workspace = mkdtempSync(join(tmpdir(), 'pps-electron-'));
cpSync('examples', workspace, { recursive: true });

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: workspace,
  mocha: { ui: 'bdd', timeout: 30000 },
});
