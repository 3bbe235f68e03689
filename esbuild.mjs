// Bundles the extension client, the language server and the CLI into dist/, and the tests into out/.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');
const bench = args.has('--bench');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: watch ? 'info' : 'warning',
};

const products = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The review panel's webview script: localResourceRoots only allows media/.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { main: 'client/src/review/webview/main.ts' }, outdir: 'media/review' },
];

function testEntries(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...testEntries(full));
    else if (/(\.test|^index)\.ts$/.test(name) || (name.endsWith('.ts') && dir.endsWith('integration'))) found.push(full);
  }
  return found;
}

// Tests are bundled one file each (so JSON schemas and core modules resolve the same way as in
// dist/), with npm packages left external so mocha and vscode come from the runtime.
const testBuild = {
  ...common,
  sourcemap: true,
  minify: false,
  entryPoints: testEntries('test').filter((f) => !f.includes('harness')),
  outdir: 'out/test',
  outbase: 'test',
  packages: 'external',
  external: ['vscode'],
  logLevel: 'warning',
};

const benchBuild = { ...testBuild, entryPoints: ['test/bench/engine.ts', 'test/bench/lsp.ts', 'test/bench/open.ts', 'test/bench/hostile.ts'], outdir: 'out/bench', outbase: 'test/bench' };

const configs = tests ? [testBuild] : bench ? [benchBuild] : products;
if (watch) {
  for (const config of [...products, testBuild]) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
  console.log('[esbuild] watching for changes');
} else {
  // A test deleted from test/ must not keep running from a stale bundle: the runners pick up every *.test.js.
  if (tests) rmSync(testBuild.outdir, { recursive: true, force: true });
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
