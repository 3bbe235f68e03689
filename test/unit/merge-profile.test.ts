// Rewriting packs' values block scalars inside a profile: style, indentation, edits an editor can apply.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { parseProfile, type PackModel } from '../../server/src/core/parse/profile';
import { rewriteValues, type ValuesEdit } from '../../server/src/core/merge/profileText';

const profile = `# a profile
metadata:
  name: demo
spec:
  version: 1.1.0
  template:
    packs:
      - name: app
        layer: addon
        values: |-
          # app values
          replicas: 2

          image: app:1.1 # pinned
      - name: clip
        layer: addon
        values: |
            deep: 1
      - name: quoted
        layer: addon
        values: "a: 1"
      - name: untouched
        layer: addon
        values: |-
          keep: me
`;

function apply(text: string, edits: ValuesEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function byName(text: string, name: string): PackModel {
  const pack = parseProfile(text, undefined, { cache: null }).packs.find((p) => p.name?.value === name);
  assert.ok(pack, name);
  return pack;
}

describe('merge: rewriting values in the profile', () => {
  const model = parseProfile(profile, undefined, { cache: null });
  const [app, clip, quoted] = model.packs;
  const want = new Map<PackModel, string>([
    [app, '# app values\nreplicas: 3\n\nimage: app:1.1 # pinned'],
    [clip, 'deep: 2\nmore: true\n'],
    [quoted, 'a: 2\nb: [x]'],
  ]);
  const out = rewriteValues(model, want);

  it('writes each pack’s new values, which parseProfile reads back exactly', () => {
    assert.deepEqual(out.problems, []);
    for (const [pack, text] of want) assert.equal(byName(out.text, pack.name?.value ?? '').values?.text, text);
    assert.equal(byName(out.text, 'untouched').values?.text, 'keep: me');
  });

  it('keeps the |- header and the block’s indentation, and touches only the changed line', () => {
    assert.ok(out.text.includes('        values: |-\n          # app values\n          replicas: 3\n\n          image: app:1.1 # pinned\n'));
    const appEdit = out.edits.find((e) => e.pack === 'app');
    assert.deepEqual(appEdit && [profile.slice(appEdit.start, appEdit.end), appEdit.newText, appEdit.layer], ['          replicas: 2\n', '          replicas: 3\n', 'addon']);
  });

  it('keeps a | block at its own deeper indentation', () => {
    assert.ok(out.text.includes('        values: |\n            deep: 2\n            more: true\n      - name: quoted'));
  });

  it('turns a quoted values string into a literal block', () => {
    assert.ok(out.text.includes('        values: |-\n          a: 2\n          b: [x]\n      - name: untouched'));
  });

  it('gives one edit per changed pack; applied to the original text they give the new text', () => {
    assert.deepEqual(out.edits.map((e) => e.pack), ['app', 'clip', 'quoted']);
    assert.equal(apply(profile, out.edits), out.text);
    assert.deepEqual(parse(out.text).metadata, { name: 'demo' });
  });

  it('makes no edit for values that did not change', () => {
    const same = rewriteValues(model, new Map([[app, app.values?.text ?? '']]));
    assert.deepEqual(same.edits, []);
    assert.equal(same.text, profile);
  });

  it('keeps CRLF line ends', () => {
    const crlf = profile.replace(/\n/g, '\r\n');
    const m = parseProfile(crlf, undefined, { cache: null });
    const r = rewriteValues(m, new Map([[m.packs[0], '# app values\nreplicas: 3\n\nimage: app:1.1 # pinned\nextra: 1']]));
    assert.deepEqual(r.problems, []);
    assert.ok(!/[^\r]\n/.test(r.text), 'every line break is CRLF');
    assert.equal(byName(r.text, 'app').values?.text, '# app values\nreplicas: 3\n\nimage: app:1.1 # pinned\nextra: 1');
  });
});
