// Embedded YAML (pack values, manifest content): decoding every scalar style, exact outer positions, caching.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';
import { createEmbeddedCache, parseEmbedded, type EmbeddedYaml } from '../../server/src/core/parse/embedded';
import { parseProfile } from '../../server/src/core/parse/profile';
import { valuesTree } from '../../server/src/core/parse/valuesTree';
import { LineIndex } from '../../server/src/core/lines';

/** Like ./caret, but marks with `¦`, since block scalars need `|` in the text. */
function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('¦');
  assert.ok(offset >= 0, 'no caret marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The embedded document of the `values` scalar in a small outer YAML. */
function embeddedValues(text: string, multi = false): EmbeddedYaml {
  const doc = parseDocument(text);
  let node: unknown;
  visit(doc, {
    Pair(_k, pair) {
      if (node === undefined && isScalar(pair.key) && (pair.key.value === 'values' || pair.key.value === 'content')) node = pair.value;
    },
  });
  const embedded = parseEmbedded(text, node, { multi, cache: null });
  assert.ok(embedded, 'no embedded document');
  return embedded;
}

/** Outer offset of the key at `path` inside the embedded document. */
function outerKey(e: EmbeddedYaml, path: string): number {
  const entry = valuesTree(e.doc).getAt(path);
  assert.ok(entry?.keySpan, `no key ${path} in ${JSON.stringify(e.text)}`);
  return e.toOuter(entry.keySpan.start);
}

function profileWith(values: string): string {
  return `metadata:\n  name: p\nspec:\n  template:\n    packs:\n      - name: a\n        values: ${values}\n      - name: b\n        values: "z: 1"\n`;
}

describe('embedded YAML', () => {
  it('reports an inner syntax error at its exact outer line and column', () => {
    // An unclosed bracket is reported where it opens.
    const { text, offset } = caret(profileWith('|-\n          options:\n            system.uri: "x{{ .spectro.pack.a.b }}"\n            bad: ¦[1'));
    const model = parseProfile(text, undefined, { cache: null });
    const inner = model.problems.filter((p) => p.code === 'embedded-yaml-syntax');
    assert.equal(inner.length, 1, JSON.stringify(model.problems));
    const lines = new LineIndex(text);
    assert.deepEqual(lines.position(inner[0].start), lines.position(offset));
    assert.equal(inner[0].severity, 'error');
  });

  it('reports an unclosed [ on the line it opens, not on the next line where yaml notices it', () => {
    const { text, offset } = caret(profileWith('|-\n          options:\n            system.repo: ¦[ubuntu\n            system.registry: ttl.sh\n          stages: {}'));
    const model = parseProfile(text, undefined, { cache: null });
    const inner = model.problems.filter((p) => p.code === 'embedded-yaml-syntax');
    assert.equal(inner.length, 1, JSON.stringify(model.problems));
    assert.equal(inner[0].start, offset);
    assert.match(inner[0].message, /the \[ here is not closed/);
  });

  it('reports nested unclosed flow collections and quotes where each opens', () => {
    const { text, offset } = caret('metadata:\n  name: ¦"edge\nspec:\n  version: 1.0.0\n');
    const quote = parseProfile(text, undefined, { cache: null }).problems.find((p) => p.code === 'yaml-syntax');
    assert.equal(quote?.start, offset, JSON.stringify(quote));
    const marked = profileWith('|-\n          a: ¦{b: ¦[1, 2\n          c: 2');
    const first = marked.indexOf('¦');
    const second = marked.indexOf('¦', first + 1) - 1;
    const model = parseProfile(marked.replace(/¦/g, ''), undefined, { cache: null });
    const starts = model.problems.filter((p) => p.code === 'embedded-yaml-syntax').map((p) => p.start).sort((a, b) => a - b);
    assert.deepEqual(starts, [first, second]);
  });

  it('maps a key under the caret inside a literal block to the outer offset and back', () => {
    const { text, offset } = caret(profileWith('|\n          options:\n            system.u¦ri: x\n'));
    const e = embeddedValues(text);
    const inner = e.toInner(offset)!;
    assert.equal(e.text[inner], 'r');
    const found = valuesTree(e.doc).pathAtOffset(inner)!;
    assert.equal(found.entry.path, 'options.system.uri');
    assert.equal(found.on, 'key');
    assert.equal(e.toOuter(inner), offset);
  });

  it('decodes |, |- and |+ chomping', () => {
    const clip = embeddedValues('values: |\n  a: 1\n  b: 2\n\n\nnext: 1\n');
    assert.equal(clip.text, 'a: 1\nb: 2\n');
    const strip = embeddedValues('values: |-\n  a: 1\n  b: 2\n\nnext: 1\n');
    assert.equal(strip.text, 'a: 1\nb: 2');
    const { text, offset } = caret('values: |+\n  a: 1\n  ¦b: 2\n\n\nnext: 1\n');
    const keep = embeddedValues(text);
    assert.equal(keep.text, 'a: 1\nb: 2\n\n\n');
    assert.equal(outerKey(keep, 'b'), offset);
  });

  it('decodes a folded block and maps keys after a folded blank line', () => {
    const { text, offset } = caret('values: >\n  a: 1\n\n  ¦b: 2\n');
    const e = embeddedValues(text);
    assert.equal(e.text, 'a: 1\nb: 2\n');
    assert.equal(outerKey(e, 'b'), offset);
  });

  it('honors an explicit indentation indicator (|2) counted from the parent', () => {
    const { text, offset } = caret('packs:\n  - name: a\n    values: |2\n        x: 1\n        ¦y: 2\n');
    const e = embeddedValues(text);
    assert.equal(e.text, '  x: 1\n  y: 2\n');
    assert.ok(e.exact);
    assert.equal(outerKey(e, 'y'), offset);
  });

  it('accounts for escapes in double-quoted strings', () => {
    const { text, offset } = caret('values: "a: 1\\nb: \\"x\\"\\n¦c: 3"\n');
    const e = embeddedValues(text);
    assert.equal(e.text, 'a: 1\nb: "x"\nc: 3');
    assert.equal(outerKey(e, 'c'), offset);
    const b = valuesTree(e.doc).getAt('b')!;
    assert.equal(b.value, 'x');
    const span = e.toOuterSpan(b.valueSpan);
    assert.equal(text.slice(span.start, span.end), '\\"x\\"');
  });

  it("accounts for '' and line folding in single-quoted strings", () => {
    const { text, offset } = caret("values: 'a: ''q''\n\n  ¦b: 2'\n");
    const e = embeddedValues(text);
    assert.equal(e.text, "a: 'q'\nb: 2");
    assert.equal(outerKey(e, 'b'), offset);
    assert.equal(valuesTree(e.doc).getAt('a')!.value, 'q');
  });

  it('maps through CRLF line ends', () => {
    const { text, offset } = caret('values: |-\r\n  a: 1\r\n  ¦b: [1\r\nnext: 1\r\n');
    const e = embeddedValues(text);
    assert.equal(e.text, 'a: 1\nb: [1');
    assert.equal(outerKey(e, 'b'), offset);
    for (const p of e.problems) assert.ok(p.start >= e.start && p.end <= e.end, JSON.stringify(p));
  });

  it('keeps tabs inside content', () => {
    const { text, offset } = caret('values: |\n  a:\t"x\ty"\n  ¦b:\t2\n');
    const e = embeddedValues(text);
    assert.equal(e.text, 'a:\t"x\ty"\nb:\t2\n');
    assert.equal(outerKey(e, 'b'), offset);
    assert.equal(valuesTree(e.doc).getAt('a')!.value, 'x\ty');
  });

  it('parses an empty string as an empty document', () => {
    const e = embeddedValues('values: ""\n');
    assert.equal(e.text, '');
    assert.equal(e.doc?.contents, null);
    assert.deepEqual(e.problems, []);
    assert.equal(e.toOuter(0), 'values: "'.length);
  });

  it('gives nothing for values that are not a string, without throwing', () => {
    for (const text of ['values: {a: 1}\n', 'values: 42\n', 'values:\n', 'values: [1, 2]\n', 'values: &x "a"\nother: *x\n']) {
      const doc = parseDocument(text);
      const node = (doc.contents as { items: { value: unknown }[] }).items[0].value;
      const e = parseEmbedded(text, node, { cache: null });
      if (text.startsWith('values: &x')) assert.equal(e?.text, 'a');
      else assert.equal(e, undefined, text);
    }
    assert.equal(parseEmbedded('', undefined), undefined);
  });

  it('parses multi-document manifest content', () => {
    const { text, offset } = caret('content: |-\n  apiVersion: v1\n  kind: Namespace\n  ---\n  apiVersion: v1\n  ¦kind: ConfigMap\n');
    const e = embeddedValues(text, true);
    assert.equal(e.docs.length, 2);
    const entry = valuesTree(e.docs[1]).getAt('kind')!;
    assert.equal(entry.value, 'ConfigMap');
    assert.equal(e.toOuter(entry.keySpan!.start), offset);
  });

  it('refuses an alias bomb inside values quickly and clearly', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + prev).join(', ')}]`);
    }
    const text = profileWith('|\n' + lines.map((l) => '          ' + l).join('\n') + '\n');
    const started = Date.now();
    const model = parseProfile(text, undefined, { cache: null });
    const bomb = model.problems.find((p) => p.code === 'embedded-yaml-alias-limit');
    assert.ok(bomb, JSON.stringify(model.problems));
    assert.match(bomb.message, /alias/i);
    assert.equal(text.slice(bomb.start, bomb.start + 2), '*a');
    assert.ok(valuesTree(model.packs[0].values!.doc).entries.length < 200);
    assert.ok(Date.now() - started < 2000);
  });

  it('never maps outside the scalar', () => {
    const text = 'values: "a\\u00e9\\U0001F600 b"\nx: 1\n';
    const e = embeddedValues(text);
    for (let i = -3; i <= e.text.length + 3; i++) {
      const o = e.toOuter(i);
      assert.ok(o >= e.start && o <= e.end, `${i} -> ${o}`);
    }
    assert.equal(e.toInner(text.length), undefined);
  });
});

describe('embedded parse cache', () => {
  it('reuses an unchanged pack after an edit in another pack, rebasing its offsets', () => {
    const cache = createEmbeddedCache();
    const before = caret('spec:\n  template:\n    packs:\n      - name: a\n        values: |\n          x: 1\n      - name: b\n        values: |\n          ¦y: 2\n');
    const after = caret('spec:\n  template:\n    packs:\n      - name: a\n        values: |\n          x: 1\n          extra: [1, 2, 3]\n      - name: b\n        values: |\n          ¦y: 2\n');
    const m1 = parseProfile(before.text, undefined, { cache });
    const m2 = parseProfile(after.text, undefined, { cache });
    assert.equal(m2.packs[1].values!.inner, m1.packs[1].values!.inner);
    assert.equal(m2.packs[1].values!.doc, m1.packs[1].values!.doc);
    assert.notEqual(m2.packs[0].values!.doc, m1.packs[0].values!.doc);
    assert.equal(outerKey(m1.packs[1].values!, 'y'), before.offset);
    assert.equal(outerKey(m2.packs[1].values!, 'y'), after.offset);
    assert.equal(valuesTree(m2.packs[1].values!.doc), valuesTree(m1.packs[1].values!.doc));
  });

  it('is bounded', () => {
    const cache = createEmbeddedCache(3);
    for (let i = 0; i < 10; i++) parseProfile(profileWith(`"k: ${i}"`), undefined, { cache });
    assert.equal(cache.size, 3);
    const light = createEmbeddedCache(512, 40);
    for (let i = 0; i < 10; i++) parseProfile(profileWith(`"k: ${i}"`), undefined, { cache: light });
    assert.ok(light.totalWeight <= 40 && light.size < 10, `${light.size} entries, weight ${light.totalWeight}`);
  });
});

describe('embedded positions in the example profiles', () => {
  const root = join(__dirname, '../../../examples');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.profile\.ya?ml$/.test(name)) files.push(full);
    }
  };
  try {
    walk(root);
  } catch {
    // No examples checked out: nothing to compare.
  }

  it('finds example profiles', () => {
    assert.ok(files.length > 0, `no *.profile.yaml under ${root}`);
  });

  for (const file of files) {
    it(`maps every inner scalar of ${file.slice(root.length + 1)} back to its source text`, () => {
      const text = readFileSync(file, 'utf8');
      const model = parseProfile(text, undefined, { cache: null });
      let checked = 0;
      const embeddeds = model.packs.flatMap((p) => [p.values, ...p.manifests.map((m) => m.content)]).filter((e): e is EmbeddedYaml => e !== undefined && e.style === 'BLOCK_LITERAL');
      for (const e of embeddeds) {
        assert.ok(e.exact);
        for (const doc of e.docs) {
          visit(doc, {
            Scalar(_k, node) {
              if (!node.range) return;
              const [start, end] = node.range;
              const source = e.text.slice(start, end);
              // A scalar spanning lines is compared line by line, since the outer text indents each line.
              let at = start;
              for (const line of source.split('\n')) {
                assert.equal(text.slice(e.toOuter(at), e.toOuter(at + line.length)), line);
                at += line.length + 1;
              }
              checked++;
            },
          });
        }
      }
      assert.ok(checked > 20, `only ${checked} scalars`);
    });
  }
});
