// The one-pass check that lets embedded values wait for their parse: whatever it proves clean, yaml must find clean too.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { parseEmbedded } from '../../server/src/core/parse/embedded';
import { parseProfile } from '../../server/src/core/parse/profile';
import { provenClean } from '../../server/src/core/parse/quickCheck';
import { docProblems, parseYamlDoc, yamlOptions } from '../../server/src/core/parse/yamlProblems';
import { generateProfile, realisticAddonLines } from '../bench/generate';
import { random } from './random';

/** What yaml itself reports: errors and warnings, of one document or of a stream. */
function yamlFindings(text: string, multi: boolean): string[] {
  const docs = (multi ? parseAllDocuments(text, yamlOptions) : [parseYamlDoc(text)]) as Document[] | { errors?: { message: string }[] };
  if (!Array.isArray(docs)) return (docs.errors ?? []).map((e) => e.message);
  return docs.flatMap((doc) => docProblems(doc, 'x').map((p) => p.message));
}

/** Values and manifest texts of the generated bench profiles and of the examples. */
function corpus(): { text: string; multi: boolean }[] {
  const texts: { text: string; multi: boolean }[] = [];
  const profiles = [generateProfile(4000, { addonLines: realisticAddonLines, comments: true }).text, generateProfile(600, { variant: 1 }).text];
  const examples = join(process.cwd(), 'examples', 'edge-retail');
  for (const name of readdirSync(examples)) if (name.endsWith('.profile.yaml')) profiles.push(readFileSync(join(examples, name), 'utf8'));
  for (const text of profiles) {
    for (const pack of parseProfile(text, undefined, { cache: null }).packs) {
      if (pack.values) texts.push({ text: pack.values.text, multi: false });
      for (const m of pack.manifests) if (m.content) texts.push({ text: m.content.text, multi: true });
    }
  }
  return texts;
}

const pieces = [' ', '  ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '|', '|-', '>', '{', '}', '[', ']', ',', '\n', '\n  ', 'a', 'key: v\n', '1', 'true', '&a ', '*a', '!t ', '\t', '---\n', '\\', 'null: x\n', '? ', '{{ x }}', '%', '@', '...\n', 'a:b', '\r\n'];

function mutate(text: string, next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const lines = text.split('\n');
  const at = Math.floor(next() * lines.length);
  switch (Math.floor(next() * 6)) {
    case 0:
      lines.splice(at, 0, lines[Math.floor(next() * lines.length)]);
      return lines.join('\n');
    case 1:
      lines.splice(at, 1);
      return lines.join('\n');
    case 2:
      lines[at] = ' '.repeat(Math.floor(next() * 3)) + lines[at];
      return lines.join('\n');
    case 3:
      lines[at] = lines[at].replace(/^ {1,2}/, '');
      return lines.join('\n');
    default: {
      const i = Math.floor(next() * (text.length + 1));
      const cut = next() < 0.3 ? Math.floor(next() * 3) : 0;
      return text.slice(0, i) + pick(pieces) + text.slice(i + cut);
    }
  }
}

describe('parse: proven-clean check of embedded values', () => {
  it('proves the generated and example values clean, so they need no parse on open', () => {
    const texts = corpus();
    assert.ok(texts.length > 20);
    for (const { text, multi } of texts) {
      assert.deepEqual(yamlFindings(text, multi), [], text.slice(0, 200));
      assert.equal(provenClean(text, multi), true, text.slice(0, 400));
    }
  });

  it('does not prove texts yaml reports problems in', () => {
    const bad = [
      'a: 1\na: 2\n',
      'a: 1\n"a": 2\n',
      'a:\n  - x\n  b: 1\n',
      'a: b: c\n',
      'a:\n    b: 1\n  c: 2\n',
      'a: |\n    x\n  y\n',
      'a: "x"y\n',
      'a: [x, y\n',
      'a: {b: 1, b: 2}\n',
      'a: [{b: 1, b: 2}]\n',
      'a: [{b: 1}, {c: 2]\n',
      'a: x\n  b: 1\n',
      'a:\tb\n',
      '- a\nb: 1\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: 1\n---\nb: 2\n',
    ];
    for (const text of bad) assert.equal(provenClean(text), false, text);
  });

  it('proves the usual shapes of Helm values', () => {
    const good = [
      'a:\n- x\n- y\nb: 1\n',
      '- name: a\n  items:\n  - x\n- name: b\n',
      'a: |\n  line\n\n  more\nb: >-\n  folded\n',
      "a: 'it''s'\nb: \"{{ .spectro.pack.x.y }}\"\n",
      'limits: { cpu: "1", memory: 2Gi }\nlist: [a, "b"]\nempty: {}\nnone: []\n',
      'tolerations: [{key: a.b/c, operator: Exists}, [x, {}]]\n',
      'a: # comment\n  b: x # trailing\n# last\n',
      '"prometheus.io/scrape": "true"\nkey.with.dots: -1\n',
    ];
    for (const text of good) {
      assert.deepEqual(yamlFindings(text, false), [], text);
      assert.equal(provenClean(text), true, text);
    }
    assert.equal(provenClean('a: 1\n---\na: 2\n', true), true);
  });

  it('never proves clean a mangled text yaml reports anything in (seeded fuzz)', () => {
    const texts = corpus().map(({ text, multi }) => ({ text: text.split('\n').slice(0, 60).join('\n'), multi }));
    let proven = 0;
    const seeds = Number(process.env.FUZZ_SEEDS ?? 3000);
    for (let seed = 1; seed <= seeds; seed++) {
      const next = random(seed);
      const source = texts[Math.floor(next() * texts.length)];
      let text = source.text;
      for (let n = 1 + Math.floor(next() * 3); n > 0; n--) text = mutate(text, next);
      if (!provenClean(text, source.multi)) continue;
      proven++;
      assert.deepEqual(yamlFindings(text, source.multi), [], `seed ${seed}: ${JSON.stringify(text)}`);
    }
    // The check must still prove many small edits clean, or it would buy nothing.
    assert.ok(proven > seeds / 5, `only ${proven} proven`);
  });

  it('gives a lazily parsed value the same tree and problems as an eager parse', () => {
    const outer = 'values: |-\n  a:\n    b: [x, y]\n  c: "d"\n';
    const lazy = parseEmbedded(outer, parseYamlDoc(outer).get('values', true), { cache: null })!;
    assert.equal(lazy.problems.length, 0);
    assert.deepEqual(lazy.doc?.toJS(), { a: { b: ['x', 'y'] }, c: 'd' });
    assert.equal(lazy.docs.length, 1);
    assert.equal(lazy.doc, lazy.docs[0]);
  });
});
