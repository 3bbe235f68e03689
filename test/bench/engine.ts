// npm run bench:engine: times validation and planning on generated 10,000- and 50,000-line profiles.
import { spawnSync } from 'node:child_process';
import { analyzeText } from '../../server/src/core/analyze';
import { createEmbeddedCache } from '../../server/src/core/parse/embedded';
import { parseProfile } from '../../server/src/core/parse/profile';
import { planUpdate } from '../../server/src/core/plan/plan';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { generateProfile } from './generate';

const limits = { ...defaultSyntaxLimits, maxBytes: 64 * 1024 * 1024 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** One size, in its own process so peak RSS belongs to that size alone. */
function measure(lines: number, runs: number): Record<string, number | string> {
  const current = generateProfile(lines);
  const pending = generateProfile(lines, { version: '1.1.0', variant: 1 });
  // Cold: first use in the process, schemas compiled, no cached embedded parses.
  const coldValidate = time(() => analyzeText('profile', pending.text, { limits }).problems);
  const validate: number[] = [];
  const parseFresh: number[] = [];
  const plan: number[] = [];
  const replan: number[] = [];
  const incremental: number[] = [];
  let changes = 0;
  for (let i = 0; i < runs; i++) {
    parseFresh.push(time(() => parseProfile(pending.text, limits, { cache: createEmbeddedCache() })));
    // A fresh cache per run: what a CLI invocation pays.
    validate.push(time(() => analyzeText('profile', pending.text.replace('bench-profile', `bench-profile${i}`), { limits }).problems));
    plan.push(
      time(() => {
        const cache = createEmbeddedCache();
        const result = planUpdate(parseProfile(current.text, limits, { cache }), parseProfile(pending.text, limits, { cache }));
        changes = result.changes.length;
      }),
    );
    // The editor's case: one pack edited, the others' parses reused from the cache.
    const cache = createEmbeddedCache();
    const base = parseProfile(current.text, limits, { cache });
    parseProfile(pending.text, limits, { cache });
    const edited = pending.text.replace('replicas: 2', `replicas: ${7 + i}`);
    replan.push(time(() => planUpdate(base, parseProfile(edited, limits, { cache }))));
    // The server's case: the previous version's model is reused, then problems and the plan.
    const previous = analyzeText('profile', pending.text, { limits }).profile;
    incremental.push(
      time(() => {
        const analysis = analyzeText('profile', edited, { limits, previous });
        void analysis.problems;
        planUpdate(base, analysis.profile!);
      }),
    );
  }
  return {
    lines: pending.lines,
    packs: pending.packs,
    'validate cold ms': coldValidate.toFixed(0),
    'validate ms': median(validate).toFixed(0),
    'parse ms': median(parseFresh).toFixed(0),
    'plan 2 versions ms': median(plan).toFixed(0),
    're-plan after 1-pack edit ms': median(replan).toFixed(0),
    'edit → problems + plan ms': median(incremental).toFixed(1),
    changes,
    'peak RSS MiB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  };
}

const sizeArg = process.argv.find((a) => a.startsWith('--lines='));
if (sizeArg) {
  process.stdout.write(JSON.stringify(measure(Number(sizeArg.slice(8)), Number(process.env.BENCH_RUNS ?? 5))));
} else {
  const rows: Record<string, number | string>[] = [];
  for (const lines of [10_000, 50_000]) {
    const child = spawnSync(process.execPath, [__filename, `--lines=${lines}`], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    rows.push(JSON.parse(child.stdout));
  }
  console.log(`engine benchmark (median of ${process.env.BENCH_RUNS ?? 5} runs; node ${process.version})`);
  console.table(rows);
}
