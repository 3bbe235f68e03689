// Syntax checks: exact offsets, limits on size and aliases, and JSON errors.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { parseYamlDoc } from '../../server/src/core/parse/yamlProblems';
import { fileKindOf } from '../../server/src/core/fileKind';
import { LineIndex } from '../../server/src/core/lines';
import { dottedPath } from '../../server/src/core/dottedPath';
import { nodeAt } from '../../server/src/core/explain/nodeAt';
import { caret } from './caret';

const limits = defaultSyntaxLimits;
const parseYaml = (text: string, l = limits) => analyzeText('profile', text, { limits: l });
const parseJson = (text: string) => analyzeText('pack-json', text, { limits });

describe('analyzeText: syntax', () => {
  it('reports an unclosed flow sequence at its line', () => {
    const text = 'metadata:\n  name: x\nspec: [1, 2\nother: 3\n';
    const problems = parseYaml(text).problems.filter((p) => p.code === 'yaml-syntax');
    assert.ok(problems.length > 0);
    assert.equal(problems[0].severity, 'error');
    assert.equal(new LineIndex(text).position(problems[0].start).line >= 3, true);
  });

  it('reports a duplicate key on the second occurrence', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    const problems = parseYaml(text).problems.filter((p) => p.code === 'yaml-syntax');
    assert.equal(problems.length, 1);
    assert.equal(text.slice(problems[0].start, problems[0].start + 1), 'a');
    assert.equal(new LineIndex(text).position(problems[0].start).line, 3);
  });

  it('accepts a clean document', () => {
    assert.deepEqual(parseYaml('a:\n  b: [1, 2]\n').problems.filter((p) => p.code === 'yaml-syntax'), []);
  });

  it('refuses an alias bomb with a clear message', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`);
    const { problems } = parseYaml(lines.join('\n'));
    assert.ok(problems.some((p) => p.code === 'yaml-alias-limit'), JSON.stringify(problems));
  });

  it('does not parse a file over the size limit, and says so', () => {
    const { problems, doc } = parseYaml('a: 1\n'.repeat(100), { maxBytes: 100, maxAliasCount: 100 });
    assert.equal(doc, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'file-too-large');
    assert.match(problems[0].message, /limit/);
  });

  it('locates a JSON syntax error', () => {
    const text = '{\n  "name": "x",\n  "version": \n}';
    const problems = parseJson(text).problems.filter((p) => p.severity === 'error');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'json-syntax');
    assert.ok(problems[0].start <= text.length && problems[0].end <= text.length);
  });
});

describe('fileKindOf', () => {
  it('recognizes profiles and pack files, and leaves a Helm values.yaml alone', () => {
    assert.equal(fileKindOf('/w/edge.profile.yaml', false), 'profile');
    assert.equal(fileKindOf('C:\\w\\pack.json', false), 'pack-json');
    assert.equal(fileKindOf('/w/pack/values.yaml', true), 'pack-values');
    assert.equal(fileKindOf('/w/chart/values.yaml', false), 'unknown');
    assert.equal(fileKindOf('/w/pack/presets.yaml', true), 'pack-presets');
  });
});

describe('nodeAt', () => {
  it('finds the dotted path of the key under the caret', () => {
    const { text, offset } = caret('spec:\n  template:\n    packs:\n      - name: a\n        ta|g: 1.0.0\n');
    const doc = parseYamlDoc(text);
    const found = nodeAt(doc, offset)!;
    assert.equal(dottedPath(found.path), 'spec.template.packs[0].tag');
    assert.equal(found.on, 'key');
    assert.equal(String((found.value as { value?: unknown }).value), '1.0.0');
  });

  it('tells a value from a key', () => {
    const { text, offset } = caret('a: val|ue\n');
    assert.equal(nodeAt(parseYamlDoc(text), offset)?.on, 'value');
  });
});

describe('LineIndex', () => {
  it('counts CRLF and lone CR line ends', () => {
    const index = new LineIndex('a\r\nb\rc\nd');
    assert.deepEqual(index.position(3), { line: 2, column: 1 });
    assert.deepEqual(index.position(5), { line: 3, column: 1 });
    assert.deepEqual(index.position(8), { line: 4, column: 2 });
  });
});
