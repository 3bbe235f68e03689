// Mutates the example profiles thousands of times: nothing may throw, every range must lie inside its document.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { parseProfile } from '../../server/src/core/parse/profile';
import { planUpdate } from '../../server/src/core/plan/plan';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import type { Span } from '../../server/src/core/types';
import { problemCodes } from '../../server/src/core/codes';
import { random } from './random';

const fragments = [':', ' ', '-', '- ', '|', '|-', '>', '"', "'", '{', '}', '[', ']', '\n', '\r\n', '\t', '  ', '#', '&a ', '*a', '<<: *a', '{{', '}}', '{{ .spectro.pack.', '{{.spectro.var.x}}', '---\n', '\\', '\u00e9', '\ud83d\ude00', 'null', '~', '!!str ', '%YAML 1.2\n', 'values: |-\n', 'layer: k8s', 'tag: 1.x'];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  switch (Math.floor(next() * 6)) {
    case 0:
      return text.slice(0, at) + pick(fragments) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 40));
    case 2: {
      const lines = text.split('\n');
      const i = Math.floor(next() * lines.length);
      lines.splice(i, 0, lines[Math.floor(next() * lines.length)]);
      return lines.join('\n');
    }
    case 3: {
      const lines = text.split('\n');
      const i = Math.floor(next() * lines.length);
      lines[i] = (next() < 0.5 ? ' ' : '') + lines[i].replace(/^ /, next() < 0.5 ? '' : '   ');
      return lines.join('\n');
    }
    case 4:
      return text.replace(/\n/g, (m) => (next() < 0.02 ? '\r\n' : m));
    default:
      return text.slice(0, at);
  }
}

function inside(span: Span | undefined, length: number, what: string): void {
  if (!span) return;
  assert.ok(span.start >= 0 && span.end >= span.start && span.end <= length, `${what} [${span.start}, ${span.end}) outside 0..${length}`);
}

function examples(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? examples(full) : /\.ya?ml$/.test(name) && !full.includes('/packs/') && !full.includes('/clusters/') ? [full] : [];
  });
}

describe('fuzz: mutated example profiles', function () {
  this.timeout(300_000);
  const iterations = Number(process.env.FUZZ_ITERATIONS ?? 2000);
  const files = examples(join(process.cwd(), 'examples'));

  it(`survives ${iterations} mutations with every range inside the document`, () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 20261121));
    const originals = files.map((f) => readFileSync(f, 'utf8'));
    const models = originals.map((t) => parseProfile(t, defaultSyntaxLimits));
    for (let i = 0; i < iterations; i++) {
      const which = i % originals.length;
      let text = originals[which];
      const rounds = 1 + Math.floor(next() * 4);
      for (let r = 0; r < rounds; r++) text = mutate(text, next);
      const context = `iteration ${i} (${files[which]})`;
      try {
        const analysis = analyzeText('profile', text, { limits: defaultSyntaxLimits });
        for (const p of analysis.problems) {
          inside(p, text.length, `${context}: problem ${p.code}`);
          assert.ok(p.code in problemCodes, `${context}: code ${p.code} is not documented in core/codes.ts`);
        }
        const plan = planUpdate(models[which], analysis.profile!);
        for (const c of plan.changes) {
          inside(c.pendingSpan, text.length, `${context}: change ${c.path}`);
          inside(c.currentSpan, originals[which].length, `${context}: change ${c.path} (current side)`);
        }
        for (const f of plan.findings) {
          inside(f.span, text.length, `${context}: finding ${f.code}`);
          assert.ok(f.code in problemCodes, `${context}: code ${f.code} is not documented in core/codes.ts`);
        }
      } catch (error) {
        assert.fail(`${context} threw: ${error instanceof Error ? error.stack : String(error)}\n--- text ---\n${text.slice(0, 2000)}`);
      }
    }
  });
});
