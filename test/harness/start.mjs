// `npm start`: serves the real VS Code in the browser with the extension loaded and a copy of examples/ open.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVSCode, linkRipgrep, root, startServer, vscodeVersion, workbenchUrl } from './vscode.mjs';

const port = Number(process.env.PORT ?? 8080);
const fresh = process.argv.includes('--fresh');

// Publish, apply and autosave write into the workspace: the user gets a copy under the ignored
// .vscode-test/, kept between runs like a desktop folder, so the checkout's examples stay clean.
const playground = join(root, '.vscode-test', 'examples');
function workspaceFolder() {
  if (process.env.PALETTE_WORKSPACE) return process.env.PALETTE_WORKSPACE;
  if (fresh) rmSync(playground, { recursive: true, force: true });
  if (!existsSync(playground)) cpSync(join(root, 'examples'), playground, { recursive: true });
  return playground;
}

ensureVSCode();
if (!linkRipgrep()) {
  console.log('[start] ripgrep is not installed: VS Code runs, but Search across files finds nothing (apt-get install ripgrep).');
}
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const folder = workspaceFolder();

// Settings and state persist between runs, like a desktop install.
const dataDir = join(root, '.vscode-test', 'start-data');
mkdirSync(dataDir, { recursive: true });
const server = await startServer({ port, dataDir, quiet: true });
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.error(`VS Code server exited (${code})`);
  process.exit(1);
});

console.log(`\nPalette Profile Studio is running in VS Code ${vscodeVersion}, on a copy of examples/ in ${folder}
(npm start -- --fresh starts again from examples/):\n\n  ${workbenchUrl(port, folder, { extensionDevelopmentPath: root })}\n\nOpen that URL in a browser (the extension loads only through it). Press Ctrl+C to stop.`);
