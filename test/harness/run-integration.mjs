// Runs the extension's integration suites inside a real VS Code 1.100.3 driven by headless Chromium.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
// The extension API cannot read notifications back: a test logs `PALETTE_NOTIFICATIONS <file>` and the page
// writes the messages of the toasts on screen to that file as a JSON array (the test polls for the file).
const notificationsPrefix = 'PALETTE_NOTIFICATIONS ';
// A test logs `PALETTE_KEYS <json>` to type into / press keys in the quick input (pick or input box) that is open or
// about to open, as a user does: json is a list of steps ({"type": "text"} or {"press": "Enter"}) or
// {"title": "…", "steps": […]} to wait for the quick input whose title contains that text.
const keysPrefix = 'PALETTE_KEYS ';
// `PALETTE_DIALOG_ENTER`: press Enter in the next modal dialog, as a user who accepts its default does; the log names the focused button.
const dialogEnterMarker = 'PALETTE_DIALOG_ENTER';
// Dialog clicks and key presses run one at a time, in the order the test logged them.
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

async function pressEnterInDialog(page) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const box = page.locator('.monaco-dialog-box').first();
    if (await box.isVisible().catch(() => false)) {
      const message = await page.locator('.monaco-dialog-box .dialog-message-text').first().textContent().catch(() => '');
      const focused = await page.evaluate(() => document.activeElement?.closest('.monaco-dialog-box') ? (document.activeElement.textContent ?? '').trim() : '(nothing in the dialog)');
      await page.keyboard.press('Enter');
      console.log(`[harness] pressed Enter in the dialog "${(message ?? '').trim().slice(0, 120)}" (focus on "${focused}")`);
      const handle = await box.elementHandle().catch(() => null);
      await handle?.waitForElementState('hidden', { timeout: 10_000 }).catch(() => {});
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log('[harness] no dialog appeared within 20 s for Enter');
}

/** What the quick input widget shows, read in the page: its title, whether its input has the focus, its rows. */
function quickInputState(page) {
  return page.evaluate(() => {
    const widget = document.querySelector('.quick-input-widget');
    if (!widget || !widget.checkVisibility()) return { visible: false };
    const input = widget.querySelector('.quick-input-box input');
    const list = widget.querySelector('.quick-input-list');
    return {
      visible: true,
      title: (widget.querySelector('.quick-input-title')?.textContent ?? '').trim(),
      focused: !!input && document.activeElement === input,
      password: input?.type === 'password',
      // A pick's list shows once its items arrived (the extension host sends them after the widget shows).
      listShown: !!list && list.style.display !== 'none',
      rows: [...widget.querySelectorAll('.quick-input-list .monaco-list-row')].map((row) => ({
        label: row.getAttribute('aria-label') ?? row.textContent ?? '',
        focused: row.classList.contains('focused'),
        checked: row.getAttribute('aria-checked') ?? row.querySelector('input[type=checkbox]')?.checked ?? undefined,
      })),
    };
  });
}

const rowNote = (state) => {
  const row = state.visible && state.rows.find((r) => r.focused);
  return row ? ` (focus on "${row.label.slice(0, 60)}"${row.checked === undefined || row.checked === null ? '' : `, checked: ${row.checked}`})` : '';
};

/**
 * Types and presses keys in the quick input once it is visible, has its input focused (and, for a pick, its items),
 * and carries the wanted title: typing earlier would race the widget. After the last step it waits for the widget
 * to close or show another title, so the next marker acts on the next quick input.
 */
async function pressKeys(page, request) {
  const { title, steps } = Array.isArray(request) ? { steps: request } : request;
  const where = title ? `the quick input titled "…${title}…"` : 'the quick input';
  if (!Array.isArray(steps) || !steps.every((s) => typeof s?.type === 'string' || typeof s?.press === 'string')) {
    console.log(`[harness] PALETTE_KEYS ignored: steps must be {"type": text} or {"press": key}, got ${JSON.stringify(request)}`);
    return;
  }
  const deadline = Date.now() + 20_000;
  let state;
  for (;;) {
    state = await quickInputState(page).catch(() => ({ visible: false }));
    const ready = state.visible && state.focused && (!state.listShown || state.rows.length > 0) && (!title || state.title.includes(title));
    if (ready) break;
    if (Date.now() > deadline) {
      console.log(`[harness] ${where} was not ready within 20 s (${state.visible ? `showing "${state.title}", input focused: ${state.focused}, ${state.rows.length} rows` : 'no quick input visible'}): no key pressed`);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const shownTitle = state.title;
  const done = [];
  for (const step of steps) {
    if (step.type !== undefined) {
      await page.keyboard.type(step.type);
      // A password box's text stays out of the log.
      done.push(state.password ? `typed ${step.type.length} characters` : `typed "${step.type}"`);
    } else {
      await page.keyboard.press(step.press);
      const now = await quickInputState(page).catch(() => ({ visible: false }));
      done.push(`pressed ${step.press}${rowNote(now)}`);
    }
  }
  const last = steps.at(-1)?.press;
  let after = '';
  if (last === 'Enter' || last === 'Escape') {
    const closeBy = Date.now() + 5_000;
    let now;
    do {
      now = await quickInputState(page).catch(() => ({ visible: false }));
      if (!now.visible || now.title !== shownTitle) break;
      await new Promise((r) => setTimeout(r, 50));
    } while (Date.now() < closeBy);
    after = !now.visible ? '; it closed' : now.title !== shownTitle ? `; now showing "${now.title}"` : '; it is still open after 5 s';
  }
  console.log(`[harness] in the quick input "${shownTitle}": ${done.join(', ')}${after}`);
}

requireTools();
ensureVSCode();
// The suites run against the bundles; rebuild them so a stale dist/ never passes for new code.
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root, stdio: 'inherit' });

const temp = mkdtempSync(join(tmpdir(), 'pps-it-'));
const grep = process.env.PALETTE_TEST_GREP ?? '';
let server;
let browser;

async function cleanup() {
  await browser?.close().catch(() => {});
  browser = undefined;
  server?.stop();
  server = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanup();
    rmSync(temp, { recursive: true, force: true });
    process.exit(130);
  });
}

/** Mocha's grep is a plain substring of "describe … it"; the titles are read from the sources, so a pass no title could match is not started. */
function titlesIn(dir) {
  const titles = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/\b(?:describe|it)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) titles.push(m[2].replace(/\\(.)/g, '$1'));
  }
  return titles;
}
const mayMatch = (dir) => !grep || titlesIn(join(root, 'test', dir)).some((t) => t.includes(grep) || grep.includes(t));

/** One launch of VS Code on a fresh copy of the examples, running the suites compiled from test/<tests>/. */
async function runPass({ name, tests, untrusted }) {
  const dir = join(temp, name);
  // Tests edit, publish and apply; they get a copy of the examples so the repository stays clean.
  const workspace = join(dir, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  mkdirSync(join(dir, 'browser'), { recursive: true });
  let summary;
  let exitCode = 1;
  const started = Date.now();
  try {
    const port = await freePort();
    server = await startServer({
      port,
      dataDir: dir,
      untrusted,
      env: {
        PALETTE_TEST_WORKSPACE: workspace,
        PALETTE_TEST_GREP: grep,
        PALETTE_SCREENSHOT_DIR: process.env.PALETTE_SCREENSHOT_DIR ?? '',
        PALETTE_SCREENSHOTS: screenshots ? '1' : '',
      },
    });
    const { chromium } = await import('playwright-core');
    // A fresh browser profile per pass: the workbench keeps granted trust in the browser's storage.
    browser = await chromium.launchPersistentContext(join(dir, 'browser'), {
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
          const shot = line.slice(screenshotPrefix.length).trim();
          if (screenshots && /^[\w.-]+$/.test(shot)) {
            const file = join(root, 'media', 'screenshots', `${shot}.png`);
            // After the keys and clicks logged before it (a picker typed into shows in the picture); written whole
            // under another name first: the test polls for the file.
            clicks = clicks.then(() => page.screenshot()).then(
              (png) => {
                writeFileSync(`${file}.tmp`, png);
                renameSync(`${file}.tmp`, file);
                console.log(`[harness] saved ${file}`);
              },
              (error) => console.error(`[harness] screenshot ${shot} failed: ${error}`),
            );
          }
          return;
        }
        if (line.startsWith(notificationsPrefix)) {
          const file = line.slice(notificationsPrefix.length).trim();
          void page
            .locator('.notifications-toasts .notification-list-item-message')
            .allTextContents()
            .then((messages) => {
              writeFileSync(`${file}.tmp`, JSON.stringify(messages.map((m) => m.trim())));
              renameSync(`${file}.tmp`, file);
            })
            .catch((error) => console.error(`[harness] reading the notifications failed: ${error}`));
          return;
        }
        if (line.startsWith(keysPrefix)) {
          let request;
          try {
            request = JSON.parse(line.slice(keysPrefix.length));
          } catch (error) {
            console.log(`[harness] PALETTE_KEYS ignored: not JSON (${error.message})`);
            return;
          }
          clicks = clicks.then(() => pressKeys(page, request).catch((error) => console.log(`[harness] PALETTE_KEYS failed: ${error}`)));
          return;
        }
        if (line.trim() === dialogEnterMarker) {
          clicks = clicks.then(() => pressEnterInDialog(page));
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
        extensionTestsPath: join(root, 'out', 'test', tests, 'index'),
      }),
    );
    const result = await Promise.race([done, timeout]);
    if (result === 'timeout') {
      console.error(`[harness] the ${name} pass did not finish within ${timeoutMs / 1000} s`);
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
    // Clicks still queued were for this pass's page, which is gone.
    clicks = Promise.resolve();
  }
  // A pass that ends without its summary did not run its suites: count it as a failure, not as nothing.
  if (!summary) {
    console.error(`[harness] the ${name} pass reported no results`);
    summary = { passed: 0, failed: 0, skipped: 0 };
    if (exitCode === 0) exitCode = 1;
  }
  if (exitCode === 0 && !grep && summary.passed === 0) {
    console.error(`[harness] no test ran in the ${name} pass`);
    exitCode = 1;
  }
  console.log(`[harness] ${name} pass: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { summary, exitCode };
}

// The normal suites run with workspace trust off; a second, short launch with trust enforced and the folder
// not trusted proves the trust gate in the real workbench. A grep only starts the passes whose titles it can match.
const passes = [
  { name: 'trusted', tests: 'integration', untrusted: false },
  { name: 'untrusted', tests: 'integration-untrusted', untrusted: true },
];
const untrustedWanted = mayMatch('integration-untrusted');
const selected = passes.filter((p) => (p.untrusted ? untrustedWanted : !grep || !untrustedWanted || mayMatch(p.tests)));
const started = Date.now();
const total = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
try {
  for (const pass of selected) {
    const result = await runPass(pass);
    for (const key of Object.keys(total)) total[key] += result.summary[key] ?? 0;
    if (exitCode === 0 && result.exitCode !== 0) exitCode = result.exitCode;
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (exitCode === 0 && total.failed > 0) exitCode = 1;
if (exitCode === 0 && total.passed === 0) {
  console.error('[harness] no test ran');
  exitCode = 1;
}
console.log(`[harness] integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(exitCode);
