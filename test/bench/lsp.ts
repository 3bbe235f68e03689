// npm run bench:lsp: drives the bundled server and yaml-language-server over stdio on the same generated profiles and prints both, with ratios.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateProfile, realisticAddonLines } from './generate';
import { editedPack, median, runOnce, type RunResult, type Subject } from './lspScenario';

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
}

const sizes = (argValue('--lines') ?? '10000,50000').split(',').map(Number);
const runs = Number(argValue('--runs') ?? 5);
const gapMs = Number(argValue('--gap') ?? 10);
const only = argValue('--only');
const pack = argValue('--pack');
/** Another build of our server (say, of an earlier commit) to measure in its place. */
const server = argValue('--server');
/** Node options for our server, e.g. `--node-args=--cpu-prof` to profile it. */
const dump = argValue('--dump');
const nodeArgs = (argValue('--node-args') ?? '').split(' ').filter(Boolean);
const repo = resolve(__dirname, '..', '..');

/** Targets from the issue, for the 50,000-line profile. */
const targets: Record<string, number> = { 'open → diagnostics': 570, settle: 100, 'hover after edit': 20, 'completion after edit': 20, 'inlay hints (screen)': 20, 'peak RSS MiB': 250 };

function subjects(root: string): Subject[] {
  const rootUri = pathToFileURL(root).toString();
  const ours: Subject = {
    name: 'ours',
    languageId: 'palette-profile',
    versioned: true,
    inlayHints: true,
    start: { command: process.execPath, args: [...nodeArgs, server ? resolve(server) : join(repo, 'dist', 'server.js'), '--stdio'], rootUri, readySection: 'paletteProfileStudio', settings: { paletteProfileStudio: {} } },
  };
  const schema = pathToFileURL(join(repo, 'schemas', 'profile.schema.json')).toString();
  const yaml = { validate: true, hover: true, completion: true, schemas: { [schema]: '*.profile.yaml' }, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } };
  const yls: Subject = {
    name: 'yaml-language-server',
    languageId: 'yaml',
    versioned: false,
    inlayHints: false,
    start: { command: process.execPath, args: [join(repo, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], rootUri, readySection: 'yaml', settings: { yaml, '[yaml]': {}, http: {}, editor: {} } },
  };
  return [ours, yls].filter((s) => !only || s.name === only);
}

/** A workspace whose local store holds the version below the one opened, so our server plans against it. */
function workspace(lines: number): { root: string; uri: string; text: string } {
  const root = mkdtempSync(join(tmpdir(), 'palette-bench-'));
  const store = join(root, '.palette', 'profiles', 'bench-profile');
  mkdirSync(store, { recursive: true });
  const shape = { addonLines: realisticAddonLines, comments: true };
  writeFileSync(join(store, '1.0.0.yaml'), generateProfile(lines, shape).text);
  const text = generateProfile(lines, { ...shape, version: '1.1.0', variant: 1 }).text;
  const file = join(root, 'bench.profile.yaml');
  writeFileSync(file, text);
  return { root, uri: pathToFileURL(file).toString(), text };
}

type Row = [string, string, string, string, string];

function rows(lines: number, results: Map<string, RunResult[]>): Row[] {
  const ours = results.get('ours') ?? [];
  const yls = results.get('yaml-language-server') ?? [];
  const per = (list: RunResult[], pick: (r: RunResult) => number | undefined) => median(list.map(pick).filter((v): v is number => v !== undefined && !Number.isNaN(v)));
  const all = (list: RunResult[], pick: (r: RunResult) => number[]) => median(list.flatMap(pick));
  const metrics: [string, (list: RunResult[]) => number][] = [
    ['spawn → initialize', (l) => per(l, (r) => r.initMs)],
    ['open → diagnostics', (l) => per(l, (r) => r.openMs)],
    ['settle', (l) => per(l, (r) => r.settleMs)],
    ['hover', (l) => all(l, (r) => r.hover)],
    ['hover after edit', (l) => all(l, (r) => r.hoverAfterEdit)],
    ['completion', (l) => all(l, (r) => r.completion)],
    ['completion after edit', (l) => all(l, (r) => r.completionAfterEdit)],
    ['inlay hints (screen)', (l) => all(l, (r) => r.inlayHints)],
    ['inlay hints after edit', (l) => all(l, (r) => r.inlayHintsAfterEdit)],
    ['peak RSS MiB', (l) => per(l, (r) => r.peakRssMiB)],
  ];
  const fmt = (n: number) => (Number.isNaN(n) ? 'n/a' : n.toFixed(n < 10 ? 1 : 0));
  const out: Row[] = metrics.map(([name, pick]) => {
    const a = pick(ours);
    const b = pick(yls);
    const target = lines >= 45_000 && targets[name] !== undefined ? `≤ ${targets[name]}` : '';
    return [name + (name.includes('RSS') ? '' : ' ms'), fmt(a), fmt(b), Number.isNaN(a) || Number.isNaN(b) ? '' : `${(a / b).toFixed(2)}×`, target];
  });
  const stale = (list: RunResult[]) => (list.length ? `${list.filter((r) => r.staleAfterFinal > 0).length}/${list.length} runs` : 'n/a');
  out.push(['stale diagnostics after final', stale(ours), yls.length ? `n/a (unversioned; ${median(yls.map((r) => r.laterPublications))} later)` : 'n/a', '', '']);
  out.push(['diagnostics at open', fmt(per(ours, (r) => r.openDiagnostics)), fmt(per(yls, (r) => r.openDiagnostics)), '', '']);
  out.push(['inlay hints in screen', fmt(per(ours, (r) => r.hintCount)), 'n/a', '', '']);
  return out;
}

function print(title: string, table: Row[]): void {
  const header: Row = ['metric', 'ours', 'yaml-language-server', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r: Row) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${table.map(line).join('\n')}`);
}

async function main(): Promise<void> {
  console.log(`bench:lsp — medians of ${runs} runs per server (fresh process each), ${gapMs} ms between quick edits; node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const lines of sizes) {
    const { root, uri, text } = workspace(lines);
    const results = new Map<string, RunResult[]>();
    try {
      for (let run = 0; run < runs; run++) {
        // Alternate the servers so background load falls on both alike.
        for (const subject of run % 2 ? subjects(root).reverse() : subjects(root)) {
          const result = await runOnce(subject, { uri, text, edits: 50, gapMs, samples: 6, pack, dump: dump && `${dump}.${subject.name}.${lines}.json` });
          results.set(subject.name, [...(results.get(subject.name) ?? []), result]);
          process.stderr.write(`  ${lines} lines, run ${run + 1}/${runs}, ${subject.name}: open ${result.openMs.toFixed(0)} ms, settle ${result.settleMs.toFixed(0)} ms\n`);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    const packs = (text.match(/\n {6}- name: /g) ?? []).length;
    print(`${text.split('\n').length} lines, ${(text.length / 1024 / 1024).toFixed(1)} MiB, ${packs} packs; typing into ${editedPack(text, pack)} (load now ${loadavg()[0].toFixed(2)})`, rows(lines, results));
  }
  console.log(
    [
      '',
      'ratio = ours / yaml-language-server; lower is better. Ours validates every embedded values document and plans against the',
      'baseline in the store; yaml-language-server checks the outer structure against schemas/profile.schema.json only.',
      'settle: last quick edit sent → diagnostics for the final version. "after edit": the first request right after a one-character edit.',
      'yaml-language-server publishes without a version, so its late publications are counted instead of stale ones.',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
