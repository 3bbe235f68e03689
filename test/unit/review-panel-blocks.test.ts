// The review's sides show every pack's values as a literal block, so two versions differ line by line, and the values read back identically.
import * as assert from 'node:assert/strict';
import { valuesAsBlocks } from '../../server/src/core/merge/profileText';
import { parseProfile } from '../../server/src/core/parse/profile';

const exported = (values: string, extra = '') => `metadata:
  name: exported
spec:
  version: 1.0.0
  template:
    type: cluster
    packs:
      - name: hello
        layer: addon
        tag: 1.0.0
        values: ${JSON.stringify(values)}${extra}
      - name: other
        layer: addon
        tag: 1.0.0
        values: "a: 1"
`;

const valuesOf = (text: string) => parseProfile(text).packs.map((p) => p.values?.text);

describe('review panel: values as blocks', () => {
  it('rewrites a quoted multi-line values string as a literal block that reads back the same', () => {
    const values = 'pack:\n  namespace: hello\nmanifests:\n  hello:\n    replicas: 2\n    banner: "<script>x</script>"';
    const text = exported(values);
    const out = valuesAsBlocks(text);
    assert.match(out, /^ {8}values: \|-\n {10}pack:\n {12}namespace: hello$/m);
    assert.deepEqual(valuesOf(out), valuesOf(text));
    assert.ok(out.startsWith('metadata:\n  name: exported\n'), 'the rest of the text is untouched');
    assert.match(out, /^ {8}values: "a: 1"$/m, 'a one-line value stays as written');
  });

  it('keeps a trailing newline with a `|` block, and CRLF line ends', () => {
    const text = exported('a: 1\nb:\n  - x\n').replace(/\n/g, '\r\n');
    const out = valuesAsBlocks(text);
    assert.match(out, /values: \|\r\n {10}a: 1\r\n/);
    assert.deepEqual(valuesOf(out), valuesOf(text));
  });

  it('leaves block values, and text without packs, exactly as they are', () => {
    const block = 'spec:\n  template:\n    packs:\n      - name: x\n        values: |-\n          a: 1\n          b: 2\n';
    assert.equal(valuesAsBlocks(block), block);
    assert.equal(valuesAsBlocks('not: [a profile'), 'not: [a profile');
  });

  it('turns a one-key change into a one-line difference', () => {
    const before = valuesAsBlocks(exported('a: 1\nb: 2\nc: 3'));
    const after = valuesAsBlocks(exported('a: 1\nb: 20\nc: 3'));
    const a = before.split('\n');
    const b = after.split('\n');
    assert.equal(a.length, b.length);
    assert.deepEqual(a.filter((line, i) => line !== b[i]), ['          b: 2']);
  });

  it('reads back values a block cannot hold as they were (leading spaces, trailing blanks)', () => {
    for (const values of ['  indented: first\nnext: 1', 'a: 1\n\n\n', 'tab:\there\nx: "  "']) {
      const text = exported(values);
      assert.deepEqual(valuesOf(valuesAsBlocks(text)), valuesOf(text), JSON.stringify(values));
    }
  });
});
