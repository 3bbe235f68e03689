// `npm start`: serves the real VS Code in the browser with the extension loaded and examples/ open.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVSCode, requireTools, root, startServer, workbenchUrl } from './vscode.mjs';

const port = Number(process.env.PORT ?? 8080);
const folder = process.env.PALETTE_WORKSPACE ?? join(root, 'examples');

requireTools();
ensureVSCode();
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

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

console.log(`\nPalette Profile Studio is running in VS Code ${'1.100.3'}:\n\n  ${workbenchUrl(port, folder, { extensionDevelopmentPath: root })}\n\nOpen that URL in a browser (the extension loads only through it). Press Ctrl+C to stop.`);
