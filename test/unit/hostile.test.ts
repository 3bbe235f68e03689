// Hostile inputs get right answers: linear duplicate keys as yaml reports them, a nesting limit instead of a stack overflow, {{ floods, bytes that are not UTF-8.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { analyzeText } from '../../server/src/core/analyze';
import { encodingProblem, firstInvalidUtf8, publishEncodingReason, replacementProblem } from '../../server/src/core/encoding';
import { findTemplates } from '../../server/src/core/parse/macros';
import { maxNesting, safeParseAllDocuments, safeParseDocument, tooDeepAt } from '../../server/src/core/parse/safeParse';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import type { FileKind } from '../../server/src/core/types';
import { deepBlock, deepFlow, deepOuter, edgeProfile, latin1, macroFlood, wideMap } from '../bench/hostileInputs';
import { changedSince, scratchStore, snapshot } from './backend-local-support';
import { caret } from './caret';

const options = { prettyErrors: false, uniqueKeys: true, strict: true } as const;
const cli = join(process.cwd(), 'dist', 'cli.js');

function problemsOf(kind: FileKind, text: string) {
  return analyzeText(kind, text, { limits: defaultSyntaxLimits }).problems;
}

function errorsOf(doc: { errors: readonly { code: string; pos: [number, number]; message: string }[] }) {
  return doc.errors.map((e) => `${e.code}@${e.pos[0]}-${e.pos[1]} ${e.message}`).sort();
}

describe('hostile inputs: duplicate keys', () => {
  const cases = [
    'a: 1\nb: 2\na: 3\n',
    '&x a: 1\n&y a: 2\n',
    '!!str a: 1\n!!str a: 2\n',
    '? a\n: 1\n? a\n: 2\n',
    '{a: 1, a: 2}',
    'x: { a: 1,  "a": 2 }',
    '- a: 1\n  a: 2\n',
    '1: x\n"1": y\n1: z\n',
    '? [a]\n: 1\n? [a]\n: 2\n',
    '.nan: 1\n.nan: 2\n',
    ': 1\n: 2\n',
    'a: 1\n# c\n\n  \na: 2\n',
    '[a: 1, a: 2]',
    '{? a, ? a}',
    '{a, a}',
    'a:\n  b: 1\n  c: {b: 2, b: 3}\n  b: 4\nb: 5\na: 6\n',
    'null: 1\n~: 2\n',
    'true: 1\nTrue: 2\n',
  ];

  it('reports what yaml itself reports (code, message, position), for every shape of key', () => {
    for (const text of cases) assert.deepEqual(errorsOf(safeParseDocument(text, options)), errorsOf(parseDocument(text, options)), JSON.stringify(text));
    const stream = 'a: 1\na: 2\n---\nb: 1\nb: 2\n';
    const ours = safeParseAllDocuments(stream, options);
    const theirs = parseAllDocuments(stream, options);
    assert.ok(Array.isArray(ours) && Array.isArray(theirs));
    assert.deepEqual(ours.map(errorsOf), theirs.map(errorsOf));
  });

  it('finds the one repeated key of a 60,000-key values.yaml, on the key, and nothing else', function () {
    // About a second of parsing on an idle machine; a loaded one takes many times that.
    this.timeout(180_000);
    const wide = wideMap();
    assert.ok(wide.text.length > 4_500_000 && wide.text.length < defaultSyntaxLimits.maxBytes, `${wide.text.length} bytes`);
    const { text, offset } = caret(`${wide.text}|key000123: again\n`);
    const problems = problemsOf('pack-values', text);
    assert.deepEqual(
      problems.map((p) => [p.code, p.start, p.message]),
      [['yaml-syntax', offset, 'Map keys must be unique']],
    );
  });
});

describe('hostile inputs: deep nesting', () => {
  it('refuses 50,000 levels with "nested too deeply" at the first level past the limit, in values, profiles and embedded values', function () {
    this.timeout(180_000);
    for (const input of [deepFlow(), deepBlock(), deepOuter()]) {
      const kind: FileKind = input.file.endsWith('.profile.yaml') ? 'profile' : 'pack-values';
      const problems = problemsOf(kind, input.text);
      const deep = problems.filter((p) => /Nested too deeply/.test(p.message));
      assert.equal(deep.length, 1, `${input.name}: ${JSON.stringify(problems)}`);
      assert.ok(!problems.some((p) => /call stack/i.test(p.message)), input.name);
      // Level 257 is the chain's opener (`[`, `- ` or `{a: `) that many levels down, counting the maps above the chain.
      const opener = input.name.includes('[') ? '[' : input.name.includes('"- "') ? '- ' : '{a: ';
      const above = opener === '- ' ? 2 : 1;
      let at = input.text.indexOf(opener.repeat(3)) - 1;
      for (let level = above; level <= maxNesting; level++) at = input.text.indexOf(opener, at + 1);
      assert.equal(deep[0].start, at, input.name);
      assert.equal(deep[0].code, kind === 'profile' && opener !== '{a: ' ? 'embedded-yaml-syntax' : 'yaml-syntax', input.name);
    }
  });

  it('accepts exactly the limit, and refuses one level more', () => {
    assert.equal(tooDeepAt(`a: ${'['.repeat(maxNesting - 1)}${']'.repeat(maxNesting - 1)}\n`), undefined);
    const { text, offset } = caret(`a: ${'['.repeat(maxNesting - 1)}|[]${']'.repeat(maxNesting - 1)}\n`);
    assert.equal(tooDeepAt(text), offset);
    let block = '';
    for (let i = 0; i < maxNesting - 1; i++) block += `${' '.repeat(i)}k:\n`;
    assert.equal(tooDeepAt(block + ' '.repeat(maxNesting - 1) + 'k: 1\n'), undefined, '256 maps');
    assert.equal(tooDeepAt(block + ' '.repeat(maxNesting - 1) + 'k: [1]\n'), block.length + maxNesting - 1 + 3);
    // Deep-looking text that is not deep: brackets in quotes and a long indented block scalar.
    assert.equal(tooDeepAt(`a: "${'['.repeat(1000)}"\nb: |\n${' '.repeat(600)}- : ? -\n`), undefined);
  });

  it('validates a profile nested just under the limit, its values too, without a stack overflow', () => {
    const problems = problemsOf('profile', edgeProfile(`x:\n${'- '.repeat(maxNesting - 2)}x`));
    assert.ok(!problems.some((p) => /call stack|Nested too deeply/i.test(p.message)), JSON.stringify(problems));
  });
});

describe('hostile inputs: {{ floods', () => {
  it('finds the templates the lazy pattern finds, on random texts of braces and dashes', () => {
    const pattern = /\{\{-?([\s\S]*?)-?\}\}/g;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let i = Math.floor(random() * 16); i > 0; i--) text += '{}- a'[Math.floor(random() * 5)];
      const expected = [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length, m[1]]);
      assert.deepEqual(
        findTemplates(text).templates.map((t) => [t.span.start, t.span.end, t.expression]),
        expected,
        JSON.stringify(text),
      );
    }
  });

  it('reports 160 KB of {{ as unclosed templates and no template, and the macro schema still applies', () => {
    const { templates, unclosed } = findTemplates('{{'.repeat(80_000));
    assert.equal(templates.length, 0);
    assert.equal(unclosed.length, 80_000);
    const problems = problemsOf('profile', macroFlood().text);
    assert.ok(!problems.some((p) => p.severity === 'error' && p.code === 'schema'), JSON.stringify(problems.slice(0, 3)));
  });
});

describe('hostile inputs: bytes that are not UTF-8', () => {
  it('finds the first bad byte exactly where a fatal decoder fails, on random bytes', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const picks = [0x41, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];
    for (let n = 0; n < 5000; n++) {
      const bytes = new Uint8Array(Math.floor(random() * 8)).map(() => picks[Math.floor(random() * picks.length)]);
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      const bad = firstInvalidUtf8(bytes);
      assert.equal(bad === undefined, valid, Buffer.from(bytes).toString('hex'));
      if (bad !== undefined) {
        assert.doesNotThrow(() => fatal.decode(bytes.subarray(0, bad)), Buffer.from(bytes).toString('hex'));
        // Where Node's decoder put U+FFFD for it.
        const text = Buffer.from(bytes).toString('utf8');
        assert.equal(text[encodingProblem(bytes, text)!.start], '\ufffd', Buffer.from(bytes).toString('hex'));
      }
    }
  });

  it('reports the Latin-1 byte of a profile on its line and column, after multi-byte characters too', () => {
    const input = latin1();
    const problem = encodingProblem(input.bytes!, input.text)!;
    assert.equal(problem.code, 'encoding');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.start, input.text.indexOf('\ufffd'));
    const bytes = new Uint8Array([...Buffer.from('# ✓ 😀\nname: '), 0xff]);
    const text = Buffer.from(bytes).toString('utf8');
    assert.equal(encodingProblem(bytes, text)!.start, text.length - 1);
    assert.equal(encodingProblem(Buffer.from('name: café ✓\n'), 'name: café ✓\n'), undefined);
  });

  it('the editor case: U+FFFD is an error when the bytes on disk are bad, a warning otherwise', () => {
    const { text, offset } = caret('name: caf|\ufffd\n');
    assert.deepEqual([replacementProblem(text, true)!.start, replacementProblem(text, true)!.severity], [offset, 'error']);
    assert.equal(replacementProblem(text, undefined)!.severity, 'warning');
    assert.equal(replacementProblem('name: café\n', true), undefined);
    assert.match(publishEncodingReason('a: 1\nname: caf\ufffd\n')!, /^Line 2 holds/);
    assert.equal(publishEncodingReason('a: 1\n'), undefined);
  });

  it('the CLI reports it at line:column, and publish refuses the file and writes nothing', () => {
    const input = latin1();
    const dir = mkdtempSync(join(tmpdir(), 'pps-encoding-'));
    const file = join(dir, input.file);
    writeFileSync(file, input.bytes!);
    const validate = spawnSync(process.execPath, [cli, 'validate', file], { encoding: 'utf8' });
    assert.equal(validate.status, 1);
    assert.match(validate.stdout, new RegExp(`${input.file}:2:12: error \\[encoding\\] The file is not valid UTF-8: byte 0xE9`));
    const store = scratchStore();
    const before = snapshot(store);
    const publish = spawnSync(process.execPath, [cli, 'publish', file, '--store', store], { encoding: 'utf8', cwd: dirname(store) });
    assert.equal(publish.status, 1);
    assert.match(publish.stderr, /not published: .*not valid UTF-8/);
    assert.match(publish.stdout, /\[encoding\]/);
    assert.deepEqual(changedSince(before, store), []);
  });
});
