// The caret's place in YAML read from indentation: paths, key or value position, siblings, block scalars, half-typed lines.
import * as assert from 'node:assert/strict';
import { cursorAt } from '../../server/src/core/complete';
import { pin } from './complete-fixtures';

function at(marked: string) {
  const { text, offset } = pin(marked);
  const cursor = cursorAt(text, offset);
  assert.ok(cursor, 'no cursor context');
  return { ...cursor, typed: text.slice(cursor.start, offset), word: text.slice(cursor.start, cursor.end) };
}

const profile = `metadata:
  name: demo
spec:
  version: 1.0.0
  template:
    cloudType: edge-native
    packs:
      - name: edge-native-byoi
        layer: os
        values: |-
          options:
            system.uri: x
          stages:
            boot:
              - name: a
      - name: edge-k3s
`;

describe('cursorAt', () => {
  it('reads a half-typed key under a mapping and the keys already there', () => {
    const c = at('metadata:\n  name: a\n  desc‸\n  labels: {}\n');
    assert.equal(c.position, 'key');
    assert.deepEqual(c.path, ['metadata']);
    assert.equal(c.typed, 'desc');
    assert.deepEqual([...c.siblings].sort(), ['labels', 'name']);
  });

  it('reads an empty line by its indentation', () => {
    const c = at('spec:\n  template:\n    cloudType: aws\n    ‸\n');
    assert.equal(c.position, 'key');
    assert.deepEqual(c.path, ['spec', 'template']);
    assert.deepEqual([...c.siblings], ['cloudType']);
    const root = at('spec:\n  template:\n    cloudType: aws\n‸');
    assert.deepEqual(root.path, []);
    assert.deepEqual([...root.siblings], ['spec']);
  });

  it('counts sequence items, with dashes indented or not', () => {
    const indented = at(profile.replace('      - name: edge-k3s\n', '      - name: edge-k3s\n        lay‸\n'));
    assert.deepEqual(indented.path, ['spec', 'template', 'packs', 1]);
    assert.deepEqual([...indented.siblings], ['name']);
    const flush = at('packs:\n- name: a\n- name: b\n- name: c\n  ta‸\n');
    assert.deepEqual(flush.path, ['packs', 2]);
  });

  it('reads the first key of a new item, right after its dash', () => {
    const c = at('spec:\n  template:\n    packs:\n      - name: a\n      - ‸\n');
    assert.equal(c.position, 'key');
    assert.equal(c.afterDash, true);
    assert.deepEqual(c.path, ['spec', 'template', 'packs', 1]);
    assert.equal(c.siblings.size, 0);
  });

  it('reads a value position with the partial value and the word to replace', () => {
    const c = at('spec:\n  template:\n    packs:\n      - name: a\n        layer: o‸s # comment\n');
    assert.equal(c.position, 'value');
    assert.deepEqual(c.path, ['spec', 'template', 'packs', 0, 'layer']);
    assert.equal(c.typed, 'o');
    assert.equal(c.word, 'os');
    assert.equal(c.needsSpace, false);
    const quoted = at('a:\n  b: "x‸"\n');
    assert.equal(quoted.typed, 'x');
    assert.equal(quoted.word, 'x');
    const bare = at('a:\n  b:‸\n');
    assert.equal(bare.needsSpace, true);
    assert.deepEqual(bare.path, ['a', 'b']);
  });

  it('marks the key of a block scalar the caret is inside, and keeps the inner path', () => {
    const inner = at(profile.replace('            system.uri: x\n', '            system.uri: x\n            k8s‸\n'));
    assert.deepEqual(inner.path, ['spec', 'template', 'packs', 0, 'values', 'options']);
    assert.deepEqual(inner.scalars, [4]);
    assert.deepEqual([...inner.siblings], ['system.uri']);
    const step = at(profile.replace('              - name: a\n', '              - name: a\n                comm‸\n'));
    assert.deepEqual(step.path, ['spec', 'template', 'packs', 0, 'values', 'stages', 'boot', 0]);
    const top = at(profile.replace('        values: |-\n', '        values: |-\n          ‸\n'));
    assert.deepEqual(top.path, ['spec', 'template', 'packs', 0, 'values']);
    assert.deepEqual(top.scalars, [4]);
  });

  it('treats a line under the block scalar key at its own column as the outer mapping', () => {
    const c = at(profile.replace('      - name: edge-k3s\n', '        ta‸\n      - name: edge-k3s\n'));
    assert.deepEqual(c.path, ['spec', 'template', 'packs', 0]);
    assert.deepEqual(c.scalars, []);
    assert.deepEqual([...c.siblings].sort(), ['layer', 'name', 'values']);
  });

  it('gives nothing in a comment, a flow collection or after a document marker line', () => {
    for (const marked of ['a: 1 # no‸te\n', 'a: [x, ‸]\n', '# a comm‸ent\n']) {
      const { text, offset } = pin(marked);
      assert.equal(cursorAt(text, offset), undefined, marked);
    }
    const second = at('a:\n  b: 1\n---\nc:\n  ‸\n');
    assert.deepEqual(second.path, ['c']);
  });

  it('flags text under a plain scalar that runs over lines', () => {
    const c = at('a: some text\n  mo‸\n');
    assert.equal(c.opaque, true);
  });
});

describe('cursorAt with an anchor', () => {
  const text = 'spec:\n  template:\n    packs:\n      - name: a\n      - name: b\n        values: |-\n          x: 1\n          \n';
  const offset = text.length - 1;

  it('stops at a known item and takes its path, with the same result as the full walk', () => {
    const dash = text.indexOf('- name: b');
    const full = cursorAt(text, offset)!;
    const anchored = cursorAt(text, offset, { dash, path: ['spec', 'template', 'packs', 1] })!;
    assert.deepEqual(anchored.path, full.path);
    assert.deepEqual(anchored.scalars, full.scalars);
    assert.deepEqual([...anchored.siblings], [...full.siblings]);
    assert.equal(anchored.dashes.get(3), dash);
  });

  it('ignores an anchor the caret is not under', () => {
    const anchored = cursorAt(text, offset, { dash: text.indexOf('- name: a'), path: ['elsewhere', 0] })!;
    assert.deepEqual(anchored.path, ['spec', 'template', 'packs', 1, 'values']);
  });
});

describe('cursorAt with CRLF line breaks', () => {
  it('reads paths, siblings and words the same', () => {
    const { text, offset } = pin('metadata:\r\n  name: a\r\n  desc‸\r\n  labels: {}\r\n');
    const c = cursorAt(text, offset)!;
    assert.deepEqual(c.path, ['metadata']);
    assert.deepEqual([...c.siblings].sort(), ['labels', 'name']);
    assert.equal(text.slice(c.start, c.end), 'desc');
    const value = pin('a:\r\n  layer: o‸\r\n');
    assert.equal(value.text.slice(cursorAt(value.text, value.offset)!.start, cursorAt(value.text, value.offset)!.end), 'o');
  });
});
