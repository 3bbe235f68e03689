// Runs the extension's integration suites inside a real VS Code 1.100.3 driven by headless Chromium.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromiumArgs, ensureVSCode, freePort, requireTools, root, startServer, workbenchUrl } from './vscode.mjs';

const timeoutMs = Number(process.env.PALETTE_TEST_TIMEOUT_MS ?? 10 * 60_000);
const summaryPrefix = 'PALETTE_TEST_SUMMARY ';
// A test logs `PALETTE_SCREENSHOT <name>` when the workbench shows what the README needs; with
// PALETTE_SCREENSHOTS=1 the page is saved as media/screenshots/<name>.png (the test polls for the file).
const screenshotPrefix = 'PALETTE_SCREENSHOT ';
const screenshots = process.env.PALETTE_SCREENSHOTS === '1';
const clickPrefix = 'PALETTE_CLICK_DIALOG ';
let clicks = Promise.resolve();

/** Tests cannot press a modal dialog's buttons from the extension host: they log the label and the page clicks it. */
async function clickDialogButton(page, label) {
  const deadline = Date.now() + 20_000;
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  while (Date.now() < deadline) {
    const button = page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').filter({ hasText: exact }).first();
    if (await button.isVisible().catch(() => false)) {
      const message = await page.locator('.monaco-dialog-box .dialog-message-text').first().textContent().catch(() => '');
      const box = await page.locator('.monaco-dialog-box').first().elementHandle().catch(() => null);
      await button.click();
      console.log(`[harness] clicked "${label}" in the dialog "${(message ?? '').trim().slice(0, 120)}"`);
      // The next marker is for the next dialog: wait for this one to close.
      await box?.waitForElementState('hidden', { timeout: 10_000 }).catch(() => {});
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`[harness] no dialog with a "${label}" button appeared within 20 s`);
}

requireTools();
ensureVSCode();
// The suites run against the bundles; rebuild them so a stale dist/ never passes for new code.
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });

const temp = mkdtempSync(join(tmpdir(), 'pps-it-'));
// Tests edit, publish and apply; they get a copy of the examples so the repository stays clean.
const workspace = join(temp, 'workspace');
cpSync(join(root, 'examples'), workspace, { recursive: true });
mkdirSync(join(temp, 'browser'));

let server;
let browser;
let summary = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 1;

async function cleanup() {
  await browser?.close().catch(() => {});
  server?.stop();
  rmSync(temp, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

const started = Date.now();
try {
  const port = await freePort();
  server = await startServer({
    port,
    dataDir: temp,
    env: {
      PALETTE_TEST_WORKSPACE: workspace,
      PALETTE_TEST_GREP: process.env.PALETTE_TEST_GREP ?? '',
      PALETTE_SCREENSHOT_DIR: process.env.PALETTE_SCREENSHOT_DIR ?? '',
      PALETTE_SCREENSHOTS: screenshots ? '1' : '',
    },
  });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launchPersistentContext(join(temp, 'browser'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1600, height: 1000 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  // In extension-test mode the workbench refuses every modal prompt (it throws "refused to show dialog in
  // tests"); let prompts show so tests can answer them through PALETTE_CLICK_DIALOG. Confirmations and
  // save prompts keep their test-mode answers.
  await page.route(/\/workbench\/workbench\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const refusal = /async prompt\((\w+)\)\{if\(this\.\w+\(\)\)throw/;
    if (!refusal.test(body)) console.log('[harness] the workbench\'s test-mode dialog refusal was not found: modal prompts stay refused');
    await route.fulfill({ response, body: body.replace(refusal, 'async prompt($1){if(!1)throw') });
  });
  const done = new Promise((resolveDone) => {
    void page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (line.startsWith(summaryPrefix)) {
        summary = JSON.parse(line.slice(summaryPrefix.length));
        return;
      }
      if (line.startsWith(screenshotPrefix)) {
        const name = line.slice(screenshotPrefix.length).trim();
        if (screenshots && /^[\w.-]+$/.test(name)) {
          const file = join(root, 'media', 'screenshots', `${name}.png`);
          // Written whole under another name first: the test polls for the file.
          void page.screenshot().then(
            (png) => {
              writeFileSync(`${file}.tmp`, png);
              renameSync(`${file}.tmp`, file);
              console.log(`[harness] saved ${file}`);
            },
            (error) => console.error(`[harness] screenshot ${name} failed: ${error}`),
          );
        }
        return;
      }
      if (line.startsWith(clickPrefix)) {
        // One dialog at a time, in the order the test logged them.
        clicks = clicks.then(() => clickDialogButton(page, line.slice(clickPrefix.length).trim()));
        return;
      }
      (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    void page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
  });
  const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), timeoutMs).unref());
  await page.goto(
    workbenchUrl(port, workspace, {
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'integration', 'index'),
    }),
  );
  const result = await Promise.race([done, timeout]);
  if (result === 'timeout') {
    console.error(`[harness] the integration run did not finish within ${timeoutMs / 1000} s`);
    exitCode = 124;
  } else {
    exitCode = Number(result);
  }
} catch (error) {
  console.error(`[harness] ${error instanceof Error ? error.stack : String(error)}`);
  if (server) console.error(server.log.join('').slice(-4000));
  exitCode = 1;
} finally {
  await cleanup();
}
if (exitCode === 0 && summary.passed === 0) {
  console.error('[harness] no test ran');
  exitCode = 1;
}
console.log(`[harness] integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(exitCode);
