// npm run bench:hostile: how long each hostile input takes, in the engine (median of runs) and through the CLI (one process each).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { defaultEmbeddedCache } from '../../server/src/core/parse/embedded';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import type { FileKind } from '../../server/src/core/types';
import { hostileInputs } from './hostileInputs';

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const cli = resolve(__dirname, '..', '..', 'dist', 'cli.js');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'palette-hostile-'));
console.log(`bench:hostile: median of ${runs} runs; node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
console.log(`${'input'.padEnd(44)} | engine ms (cpu) | CLI ms (cpu) | CLI says`);
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
for (const input of hostileInputs()) {
  const folder = join(dir, input.name.replace(/[^a-z0-9]+/gi, '-'));
  mkdirSync(folder, { recursive: true });
  // A pack file is one only beside a pack.json.
  if (!input.file.endsWith('.profile.yaml')) writeFileSync(join(folder, 'pack.json'), JSON.stringify({ name: 'hostile', displayName: 'Hostile', version: '1.0.0', layer: 'addon' }));
  const file = join(folder, input.file);
  writeFileSync(file, input.bytes ?? input.text);
  const kind: FileKind = input.file.endsWith('.profile.yaml') ? 'profile' : 'pack-values';
  const engine: number[] = [];
  const viaCli: number[] = [];
  const engineCpu: number[] = [];
  const cliCpu: number[] = [];
  let said = '';
  for (let i = 0; i < runs; i++) {
    // Each run parses afresh, as a CLI invocation does: no embedded parse from the last run.
    defaultEmbeddedCache.clear();
    let start = performance.now();
    const cpu = process.cpuUsage();
    void analyzeText(kind, input.text, { limits: defaultSyntaxLimits }).problems;
    engineCpu.push(cpuMs(process.cpuUsage(cpu)));
    engine.push(performance.now() - start);
    start = performance.now();
    // GNU time reports the child's CPU seconds (user, system) on its last stderr line.
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, 'validate', file], { encoding: 'utf8' });
    viaCli.push(performance.now() - start);
    const [user, system] = (r.stderr ?? '').trim().split('\n').pop()!.split(' ').map(Number);
    cliCpu.push((user + system) * 1000);
    said = r.stdout.split('\n').find((l) => / error | warning /.test(l))?.replace(/^.*?: /, '').slice(0, 70) ?? r.stdout.trim().split('\n').pop() ?? '';
  }
  const pair = (wall: number[], cpu: number[]) => `${median(wall).toFixed(0)} (${median(cpu).toFixed(0)})`.padStart(12);
  console.log(`${input.name.padEnd(44)} | ${pair(engine, engineCpu).padStart(15)} | ${pair(viaCli, cliCpu)} | ${said}`);
}
console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; CLI time includes node's start (about 100 ms idle).`);
