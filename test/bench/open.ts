// What the server does when a large profile is opened, phase by phase, in one process: for profiling (node --cpu-prof out/bench/open.js).
import { writeFileSync } from 'node:fs';
import { analyzeText } from '../../server/src/core/analyze';
import { defaultEmbeddedCache } from '../../server/src/core/parse/embedded';
import { parseProfile } from '../../server/src/core/parse/profile';
import { planUpdate } from '../../server/src/core/plan/plan';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { generateProfile, realisticAddonLines } from './generate';

const lines = Number(process.argv[2] ?? 50_000);
const dump = process.argv[3];
const shape = { addonLines: realisticAddonLines, comments: true };
const baselineText = generateProfile(lines, shape).text;
const generated = generateProfile(lines, { ...shape, version: '1.1.0', variant: 1 }).text;
/** OPEN_MANGLE=1: problems of every kind in several packs, to compare what two builds report. */
const text = process.env.OPEN_MANGLE ? mangle(generated) : generated;

function mangle(t: string): string {
  const inPack = (name: string, from: string, to: string) => {
    const at = t.indexOf(`\n      - name: ${name}\n`);
    const i = t.indexOf(from, at);
    t = t.slice(0, i) + to + t.slice(i + from.length);
  };
  inPack('edge-native-byoi', '  boot:', '  bootz:');
  inPack('edge-k3s', 'tag: 1.31.2', 'tag: 1.29.0');
  inPack('edge-k3s', 'access: private', 'access: 12');
  inPack('addon-5', '    section1:', '    section0:');
  inPack('addon-6', 'enabled: true', 'enabled: "{{.spectro.var.nope}}"');
  inPack('addon-9', 'replicas: 2', 'replicas:\t2');
  inPack('addon-10', 'tolerations: []', 'tolerations: [a, b');
  inPack('addon-13', '      replicas: 3', '     replicas: 3');
  inPack('manifests-7', 'replicas: 2', 'replicas: 2\n              replicas: 3');
  return t;
}

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
if (process.env.OPEN_WARM) {
  // The same work once before, on other texts, so the figures show what is left once the code is warm.
  const other = (t: string) => t.replace(/bench-profile/g, 'warm-profile').replace(/addon-/g, 'addin-');
  const a = analyzeText('profile', other(text), { limits: defaultSyntaxLimits });
  planUpdate(parseProfile(other(baselineText), defaultSyntaxLimits), a.profile!, {});
  void a.problems;
  defaultEmbeddedCache.clear();
  lap('warm-up');
}
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

if (process.env.OPEN_TYPE) {
  // Then typing into one value of a pack in the middle, as bench:lsp does: the edit path, one keystroke at a time.
  let current = text;
  let previous = analysis;
  let at = current.indexOf('/component-3:v1.3"', current.indexOf(`\n      - name: ${process.env.OPEN_PACK ?? 'addon-40'}\n`)) + '/component-3:v1.3'.length;
  const cpuAt = cpu();
  const wallAt = performance.now();
  const n = Number(process.env.OPEN_TYPE);
  const each: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = cpu();
    current = current.slice(0, at) + 'x' + current.slice(at);
    at++;
    const next = analyzeText('profile', current, { limits: defaultSyntaxLimits, previous: previous.profile });
    planUpdate(baseline, next.profile!, {});
    void next.problems;
    previous = next;
    each.push(cpu() - c0);
  }
  console.log(`first keystrokes cpu: ${each.slice(0, 4).map((v) => v.toFixed(0)).join(', ')} ms`);
  console.log(`typing: ${((performance.now() - wallAt) / n).toFixed(1)} ms, cpu ${((cpu() - cpuAt) / n).toFixed(1)} ms per keystroke`);
}
