// What the server does when a large profile is opened, phase by phase, in one process: for profiling (node --cpu-prof out/bench/open.js).
import { writeFileSync } from 'node:fs';
import { analyzeText } from '../../server/src/core/analyze';
import { parseProfile } from '../../server/src/core/parse/profile';
import { planUpdate } from '../../server/src/core/plan/plan';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { generateProfile, realisticAddonLines } from './generate';

const lines = Number(process.argv[2] ?? 50_000);
const dump = process.argv[3];
const shape = { addonLines: realisticAddonLines, comments: true };
const baselineText = generateProfile(lines, shape).text;
const text = generateProfile(lines, { ...shape, version: '1.1.0', variant: 1 }).text;

// CPU time as well as wall time: the machine is shared, and CPU time shows less of the neighbours' load.
const times: [string, number, number][] = [];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let last = performance.now();
let lastCpu = cpu();
const lap = (name: string) => {
  const now = performance.now();
  const c = cpu();
  times.push([name, now - last, c - lastCpu]);
  last = now;
  lastCpu = c;
};
const started = last;
const startedCpu = lastCpu;
const analysis = analyzeText('profile', text, { limits: defaultSyntaxLimits });
lap('analyze (parse document)');
const baseline = parseProfile(baselineText, defaultSyntaxLimits);
lap('parse baseline');
const plan = planUpdate(baseline, analysis.profile!, {});
lap('plan');
const problems = analysis.problems;
lap('validate');
times.push(['total', performance.now() - started, cpu() - startedCpu]);
for (const [name, ms, cpuMs] of times) console.log(`${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  cpu ${cpuMs.toFixed(0).padStart(6)} ms`);
console.log(`problems ${problems.length}, changes ${plan.changes.length}, findings ${plan.findings.length}, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
if (dump) writeFileSync(dump, JSON.stringify({ problems, changes: plan.changes, findings: plan.findings }, null, 1));
