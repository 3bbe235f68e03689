// Values trees: dotted and nested spellings give the same paths, with key and value spans for hovers.
import * as assert from 'node:assert/strict';
import { parseYamlDoc } from '../../server/src/core/parse/yamlProblems';
import { valuesTree } from '../../server/src/core/parse/valuesTree';
import { caret } from './caret';

const tree = (text: string) => valuesTree(parseYamlDoc(text));

describe('valuesTree', () => {
  it('gives options.system.uri for the dotted and the nested spelling alike', () => {
    const dotted = tree('options:\n  system.uri: x\n  system.repo: ubuntu\n');
    const nested = tree('options:\n  system:\n    uri: x\n    repo: ubuntu\n');
    assert.equal(dotted.getAt('options.system.uri')?.value, 'x');
    assert.equal(nested.getAt('options.system.uri')?.value, 'x');
    assert.deepEqual(dotted.getAt('options.system.uri')?.segments, ['options', 'system', 'uri']);
    const paths = (t: ReturnType<typeof tree>) => t.entries.map((e) => e.path);
    assert.deepEqual(paths(dotted), paths(nested));
    assert.equal(dotted.getAt('options.system')?.implied, true);
    assert.equal(dotted.getAt('options.system')?.container, 'map');
    assert.equal(nested.getAt('options.system')?.implied, undefined);
  });

  it('gives each segment of a dotted key its own key span', () => {
    const text = 'stages:\n  network.after:\n    - name: x\n';
    const t = tree(text);
    const parent = t.getAt('stages.network')!;
    const child = t.getAt('stages.network.after')!;
    assert.equal(text.slice(parent.keySpan!.start, parent.keySpan!.end), 'network');
    assert.equal(text.slice(child.keySpan!.start, child.keySpan!.end), 'after');
    assert.equal(t.getAt('stages.network.after[0].name')?.value, 'x');
  });

  it('handles quoted dotted keys and numbers in paths', () => {
    const text = 'sysctl:\n  "fs.inotify.max_user_watches": "524288"\nlist:\n  - [a, b]\n';
    const t = tree(text);
    const entry = t.getAt('sysctl.fs.inotify.max_user_watches')!;
    assert.equal(entry.value, '524288');
    assert.equal(text.slice(entry.keySpan!.start, entry.keySpan!.end), 'max_user_watches');
    assert.equal(t.getAt(['list', 0, 1])?.value, 'b');
    assert.equal(t.getAt('list[0]')?.container, 'seq');
    assert.equal(t.getAt('list[0][1]')?.keySpan, undefined);
  });

  it('marks containers, keeps scalar JS values and empty values', () => {
    const t = tree('a:\n  b: 1\n  c: true\n  d:\n  e: []\n');
    assert.equal(t.getAt('a')?.container, 'map');
    assert.equal(t.getAt('a.b')?.value, 1);
    assert.equal(t.getAt('a.c')?.value, true);
    assert.equal(t.getAt('a.d')?.value, null);
    assert.equal(t.getAt('a.e')?.container, 'seq');
    assert.equal(t.getAt('a.zz'), undefined);
  });

  it('prefers a real entry over one a dotted key implies', () => {
    const t = tree('options:\n  system.uri: x\n  system:\n    repo: y\n');
    assert.equal(t.getAt('options.system')?.implied, undefined);
    assert.equal(t.getAt('options.system.uri')?.value, 'x');
    assert.equal(t.getAt('options.system.repo')?.value, 'y');
  });

  it('finds the key under an offset', () => {
    const { text, offset } = caret('options:\n  system.u|ri: x\n');
    const found = tree(text).pathAtOffset(offset)!;
    assert.equal(found.entry.path, 'options.system.uri');
    assert.equal(found.on, 'key');
  });

  it('finds the value under an offset, inside a sequence', () => {
    const { text, offset } = caret('images:\n  - image: ghcr.io/x:1|.0\n');
    const found = tree(text).pathAtOffset(offset)!;
    assert.equal(found.entry.path, 'images[0].image');
    assert.equal(found.on, 'value');
    assert.equal(found.entry.value, 'ghcr.io/x:1.0');
  });

  it('finds the implied parent under the first segment of a dotted key', () => {
    const { text, offset } = caret('options:\n  sys|tem.uri: x\n');
    const found = tree(text).pathAtOffset(offset)!;
    assert.equal(found.entry.path, 'options.system');
  });

  it('does not follow aliases into collections, but resolves scalar ones', () => {
    const t = tree('base: &b {x: 1}\nname: &n hello\ncopy: *b\nalso: *n\n');
    assert.equal(t.getAt('copy')?.alias, 'b');
    assert.equal(t.getAt('copy')?.container, 'map');
    assert.equal(t.getAt('copy.x'), undefined);
    assert.equal(t.getAt('also')?.value, 'hello');
  });

  it('keeps dotted keys whole when asked (pack.json)', () => {
    const t = valuesTree(parseYamlDoc('{"a.b": 1}'), { splitDottedKeys: false });
    assert.equal(t.getAt(['a.b'])?.value, 1);
    assert.equal(t.getAt('a'), undefined);
  });

  it('copes with no document, an empty one, and a scalar root', () => {
    assert.deepEqual(valuesTree(undefined).entries, []);
    assert.deepEqual(tree('').entries, []);
    assert.deepEqual(tree('just text').entries, []);
    assert.equal(tree('').pathAtOffset(0), undefined);
  });

  it('is computed once per document', () => {
    const doc = parseYamlDoc('a: 1\n');
    assert.equal(valuesTree(doc), valuesTree(doc));
  });
});
