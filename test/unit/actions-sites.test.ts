// Edits into embedded values and manifests: the shortcut that skips re-parsing must agree with re-parsing, everywhere in the examples.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, scalarText } from '../../server/src/core/actions/edits';
import { replaceSpan, siteAt, writeInner, type Site } from '../../server/src/core/actions/sites';
import { pinTagEdit } from '../../server/src/core/actions/versions';
import type { EmbeddedYaml } from '../../server/src/core/parse/embedded';
import { parseProfile } from '../../server/src/core/parse/profile';
import { valuesTree } from '../../server/src/core/parse/valuesTree';
import type { Span } from '../../server/src/core/types';

const examples = join(__dirname, '..', '..', '..', 'examples');
const parse = (text: string) => parseProfile(text, undefined, { cache: null });

describe('actions: edits inside embedded documents', () => {
  for (const file of ['edge-retail/edge-retail.profile.yaml', 'edge-rke2/edge-rke2.profile.yaml', 'aws-pxk/aws-web.profile.yaml']) {
    it(`writes every one-line scalar of ${file} so that it reads back as the inner edit`, () => {
      const model = parse(readFileSync(join(examples, file), 'utf8'));
      let checked = 0;
      for (const pack of model.packs) {
        const embedded: (EmbeddedYaml | undefined)[] = [pack.values, ...pack.manifests.map((m) => m.content)];
        for (const e of embedded) {
          if (!e?.doc) continue;
          for (const entry of valuesTree(e.doc).entries) {
            const inner = entry.valueSpan;
            if (entry.container || entry.implied || inner.end <= inner.start || e.text.slice(inner.start, inner.end).includes('\n')) continue;
            const outer: Span = e.toOuterSpan(inner);
            const newText = scalarText("it's: new", e.text.slice(inner.start, inner.end));
            const edit = replaceSpan(model, outer, newText);
            assert.ok(edit, `${file} ${entry.path}`);
            const site: Site = siteAt(model, outer)!;
            const again = parse(applyEdits(model.text, [edit]));
            const back: EmbeddedYaml | undefined = site.manifest === undefined ? again.packs[site.pack].values : again.packs[site.pack].manifests[site.manifest].content;
            assert.equal(back?.text, e.text.slice(0, inner.start) + newText + e.text.slice(inner.end), `${file} ${entry.path}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 50, `only ${checked} values checked`);
    });
  }

  it('writes into every style of values string when it reads back, and refuses a single-quoted one that would need doubling', () => {
    const styles: [string, boolean][] = [
      ['|-\n          a: 1\n          b: x', true],
      ['|\n            a: 1\n            b: x\n', true],
      ['>\n          a: 1\n\n          b: x\n', true],
      ['"a: 1\\nb: x"', true],
      ["'a: 1\n\n          b: x'", false],
    ];
    for (const [values, offered] of styles) {
      const text = `spec:\n  template:\n    packs:\n      - name: p\n        layer: addon\n        values: ${values}\n`;
      const model = parse(text);
      const e = model.packs[0].values!;
      assert.equal(JSON.stringify(e.doc?.toJS()), '{"a":1,"b":"x"}', values);
      const inner = valuesTree(e.doc).getAt('b')!.valueSpan;
      const edit = replaceSpan(model, e.toOuterSpan(inner), "'it''s'");
      assert.equal(edit !== undefined, offered, values);
      if (edit) assert.deepEqual(parse(applyEdits(text, [edit])).packs[0].values?.doc?.toJS(), { a: 1, b: "it's" }, values);
    }
  });

  it('rewrites lines of a literal block with its indentation and CRLF line ends', () => {
    const text = 'spec:\r\n  template:\r\n    packs:\r\n      - name: a\r\n        layer: addon\r\n        values: |-\r\n          x: 1\r\n          y: 2\r\n';
    const model = parse(text);
    const site = siteAt(model, { start: text.indexOf('x: 1'), end: text.indexOf('x: 1') })!;
    const edit = writeInner(model, site, 'x: 1\nadded:\n  deep: true\ny: 2');
    assert.ok(edit);
    const after = applyEdits(text, [edit]);
    assert.equal(after, text.replace('x: 1\r\n', 'x: 1\r\n          added:\r\n            deep: true\r\n'));
    assert.equal(parse(after).packs[0].values?.text, 'x: 1\nadded:\n  deep: true\ny: 2');
  });

  it('re-parses to check an edit outside a block mapping line (a pack in flow style)', () => {
    const text = 'spec:\n  template:\n    packs:\n      - {name: edge-k3s, layer: k8s, tag: 1.30.x, values: "a: 1"}\n';
    const model = parse(text);
    const edit = pinTagEdit(model, model.packs[0], '1.30.5');
    assert.ok(edit);
    assert.equal(parse(applyEdits(text, [edit])).packs[0].tag?.value, '1.30.5');
    assert.equal(replaceSpan(model, model.packs[0].tag!.span, '1.30.5, broken: [}'), undefined);
  });
});
