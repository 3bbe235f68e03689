// Installs and starts a real VS Code 1.100.3 (server + web workbench) without internet access.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');
export const vscodeVersion = '1.100.3';
// code-server 4.100.3 carries a complete VS Code 1.100.3 build in package/lib/vscode.
const codeServerVersion = '4.100.3';
export const vscodeDir = join(root, '.vscode-test', `vscode-${vscodeVersion}`);

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The tests drive Debian's chromium and VS Code's search needs ripgrep; serving VS Code needs neither. */
export function requireTools(tools = ['/usr/bin/chromium', '/usr/bin/rg']) {
  const missing = tools.filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(`missing ${missing.join(', ')}: install them with 'apt-get install -y chromium ripgrep'`);
  }
}

/**
 * VS Code's search looks for ripgrep inside @vscode/ripgrep, which skipped its download; link
 * Debian's when there is one. Checked at every start, so installing ripgrep later is picked up.
 * Returns false when there is none: the workbench runs, only text search is reduced.
 */
export function linkRipgrep() {
  const rgBin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  const link = join(rgBin, 'rg');
  if (!existsSync('/usr/bin/rg')) return false;
  if (existsSync(link)) return true;
  mkdirSync(rgBin, { recursive: true });
  rmSync(link, { force: true });
  symlinkSync('/usr/bin/rg', link);
  return true;
}

/** Reuses the install in .vscode-test/ when complete; else builds it there from the npm registry. */
export function ensureVSCode() {
  const marker = join(vscodeDir, '.complete');
  if (existsSync(marker)) {
    linkRipgrep();
    return vscodeDir;
  }
  console.log(`[harness] installing VS Code ${vscodeVersion} into ${vscodeDir}`);
  rmSync(vscodeDir, { recursive: true, force: true });
  mkdirSync(vscodeDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'pps-vscode-'));
  try {
    run('npm', ['pack', `code-server@${codeServerVersion}`, '--silent'], work);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    run('tar', ['-xzf', join(work, tarball), '-C', vscodeDir, '--strip-components=3', 'package/lib/vscode'], work);
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], vscodeDir);
    symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
    // Native log and watchdog modules only quiet the extension host's log; a failed build is harmless.
    try {
      run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog', '--loglevel=error'], vscodeDir);
    } catch {
      console.log('[harness] native modules not rebuilt (no compiler?); the extension host logs a harmless warning');
    }
    linkRipgrep();
    writeFileSync(marker, new Date().toISOString());
  } catch (error) {
    rmSync(vscodeDir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return vscodeDir;
}

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    ...extra,
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

// Workspace trust on, and no startup prompt: a folder nobody trusted stays in Restricted Mode.
const untrustedSettings = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

/**
 * Starts the server in its own process group, so killing the group ends the extension host too.
 * `untrusted`: workspace trust is enforced and the opened folder is not trusted (a fresh browser
 * profile has no trust granted); otherwise trust is switched off and every folder is trusted.
 */
export async function startServer({ port, dataDir, env = {}, quiet = false, untrusted = false }) {
  const args = [
    join(vscodeDir, 'out', 'server-main.js'),
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--telemetry-level', 'off',
    ...(untrusted ? [] : ['--disable-workspace-trust']),
    '--server-data-dir', join(dataDir, 'server-data'),
    '--user-data-dir', join(dataDir, 'user-data'),
    '--extensions-dir', join(dataDir, 'extensions'),
  ];
  const extra = untrusted ? untrustedSettings : {};
  writeUserSettings(join(dataDir, 'server-data', 'data'), extra);
  writeUserSettings(join(dataDir, 'user-data'), extra);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', quiet ? 'ignore' : 'pipe', quiet ? 'ignore' : 'pipe'],
    env: { ...process.env, ...env },
  });
  const log = [];
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (d) => log.push(String(d)));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`VS Code server exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/version`);
      if (response.ok) return { child, stop, log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`VS Code server did not answer on port ${port} within 60 s:\n${log.join('')}`);
}

export function workbenchUrl(port, folder, payload) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const entries = Object.entries(payload).map(([k, v]) => [k, remote(v)]);
  const query = new URLSearchParams({ folder });
  if (entries.length) query.set('payload', JSON.stringify(entries));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
