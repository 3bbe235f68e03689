// Test entry the workbench loads in the extension host: runs every integration suite of a folder with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs the compiled *.test.js files of `dir` (one folder per harness pass) and reports the counts to the harness. */
export async function runSuites(dir: string): Promise<void> {
  const grep = process.env.PALETTE_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, file));
  return new Promise((resolve, reject) => {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const runner = mocha.run((failures) => {
      console.log('PALETTE_TEST_SUMMARY ' + JSON.stringify(counts));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => counts.passed++);
    runner.on('fail', (test) => {
      // Hooks failing count once, like mocha's own summary.
      if (test.type === 'test' || test.type === 'hook') counts.failed++;
    });
    runner.on('pending', () => counts.skipped++);
  });
}

/** The trusted pass: the suites in this folder (the untrusted pass has its own entry in test/integration-untrusted/). */
export function run(): Promise<void> {
  return runSuites(__dirname);
}
