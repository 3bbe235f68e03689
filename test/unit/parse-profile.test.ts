// The profile model: fields with spans, packs with embedded values, variables, and tolerance of any shape.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfile } from '../../server/src/core/parse/profile';
import { valuesTree } from '../../server/src/core/parse/valuesTree';
import { LineIndex } from '../../server/src/core/lines';

const profile = [
  'metadata:',
  '  name: edge-profile',
  '  description: Edge stack',
  '  labels:',
  '    env: prod',
  '    edge: spectro__tag',
  'spec:',
  '  version: 1.1.0',
  '  template:',
  '    cloudType: edge-native',
  '    type: cluster',
  '    packs:',
  '      - name: edge-native-byoi',
  '        type: spectro',
  '        layer: os',
  '        tag: 2.1.0',
  '        values: |-',
  '          options:',
  '            system.uri: "x"',
  '      - name: edge-k3s',
  '        layer: k8s',
  '        tag: 1.30',
  '        values: ""',
  '      - name: hello-universe',
  '        type: manifest',
  '        layer: addon',
  '        tag: 1.0.0',
  '        values: ""',
  '        manifests:',
  '          - name: hello-universe',
  '            content: |-',
  '              apiVersion: v1',
  '              kind: Namespace',
  '              ---',
  '              apiVersion: v1',
  '              kind: ConfigMap',
  '  variables:',
  '    - name: site_id',
  '      displayName: Site ID',
  '      format: string',
  '      required: true',
  '      isSensitive: false',
  '',
].join('\n');

const slice = (text: string, span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);

describe('parseProfile', () => {
  const model = parseProfile(profile, undefined, { cache: null });

  it('reads the metadata and template fields with the spans of their values', () => {
    assert.equal(model.name?.value, 'edge-profile');
    assert.equal(slice(profile, model.name?.span), 'edge-profile');
    assert.equal(slice(profile, model.name?.keySpan), 'name');
    assert.equal(model.description?.value, 'Edge stack');
    assert.equal(model.version?.value, '1.1.0');
    assert.equal(model.cloudType?.value, 'edge-native');
    assert.equal(model.type?.value, 'cluster');
    assert.deepEqual({ ...model.labels?.value }, { env: 'prod', edge: 'spectro__tag' });
    assert.equal(slice(profile, model.labels?.entries[1].keySpan), 'edge');
    assert.deepEqual(model.problems, []);
  });

  it('reads each pack, keeping a tag as written', () => {
    assert.deepEqual(model.packs.map((p) => [p.index, p.name?.value, p.layer?.value, p.tag?.value]), [
      [0, 'edge-native-byoi', 'os', '2.1.0'],
      [1, 'edge-k3s', 'k8s', '1.30'],
      [2, 'hello-universe', 'addon', '1.0.0'],
    ]);
    assert.equal(model.packs[1].tag?.type, 'number');
    assert.equal(model.packs[1].type, undefined);
    assert.ok(slice(profile, model.packs[0].span)?.startsWith('name: edge-native-byoi'));
    assert.equal(slice(profile, model.packs[0].layer?.span), 'os');
  });

  it('parses pack values in place', () => {
    const values = model.packs[0].values!;
    const entry = valuesTree(values.doc).getAt('options.system.uri')!;
    assert.equal(entry.value, 'x');
    assert.equal(slice(profile, values.toOuterSpan(entry.valueSpan)), '"x"');
    assert.equal(model.packs[1].values?.text, '');
  });

  it('parses multi-document manifest content', () => {
    const manifest = model.packs[2].manifests[0];
    assert.equal(manifest.name?.value, 'hello-universe');
    assert.equal(manifest.content?.docs.length, 2);
    const kind = valuesTree(manifest.content!.docs[1]).getAt('kind')!;
    assert.equal(slice(profile, manifest.content!.toOuterSpan(kind.valueSpan)), 'ConfigMap');
  });

  it('reads variables', () => {
    const v = model.variables[0];
    assert.equal(v.name?.value, 'site_id');
    assert.equal(v.displayName?.value, 'Site ID');
    assert.equal(v.format?.value, 'string');
    assert.equal(v.required?.raw, true);
    assert.equal(v.isSensitive?.raw, false);
    assert.equal(slice(profile, v.required?.span), 'true');
  });

  it('reports outer and embedded syntax problems with their codes, in outer offsets', () => {
    const text = profile.replace('system.uri: "x"', 'system.uri: "x"\n            bad: [1').replace('  version: 1.1.0', '  version: 1.1.0\n  version: 2');
    const m = parseProfile(text, undefined, { cache: null });
    const codes = m.problems.map((p) => p.code);
    assert.ok(codes.includes('yaml-syntax'), JSON.stringify(m.problems));
    assert.ok(codes.includes('embedded-yaml-syntax'), JSON.stringify(m.problems));
    const lines = new LineIndex(text);
    const outer = m.problems.find((p) => p.code === 'yaml-syntax')!;
    assert.equal(lines.position(outer.start).line, 9);
    const inner = m.problems.find((p) => p.code === 'embedded-yaml-syntax')!;
    assert.equal(lines.position(inner.start).line, 21);
  });

  it('tolerates any shape without throwing', () => {
    const shapes = [
      '',
      'just a string',
      '- 1\n- 2\n',
      'spec: 5\n',
      'metadata: [1]\nspec:\n  template: x\n',
      'spec:\n  template:\n    packs: {a: 1}\n',
      'spec:\n  template:\n    packs:\n      - 1\n      - null\n      - [x]\n      - name: [a]\n        values: {a: 1}\n        manifests: 7\n',
      'spec:\n  template:\n    packs:\n      - name: a\n        values: 12\n        manifests:\n          - content: {x: 1}\n          - 3\n  variables: {}\n',
      'metadata:\n  labels: [a, b]\n  name:\n',
      '{{{',
      'a: *nope\n',
    ];
    for (const text of shapes) {
      const m = parseProfile(text, undefined, { cache: null });
      assert.ok(Array.isArray(m.packs) && Array.isArray(m.variables) && Array.isArray(m.problems), text);
    }
    const odd = parseProfile(shapes[6], undefined, { cache: null });
    assert.equal(odd.packs.length, 4);
    assert.equal(odd.packs[3].name?.type, 'seq');
    assert.equal(odd.packs[3].values, undefined);
    assert.equal(odd.packs[3].valuesField?.type, 'map');
    assert.deepEqual(odd.packs[3].manifests, []);
    assert.equal(parseProfile(shapes[5]).packsField?.type, 'map');
    assert.equal(parseProfile(shapes[8]).name?.type, 'null');
  });

  it('does not parse a file over the size limit', () => {
    const m = parseProfile(profile, { maxBytes: 100, maxAliasCount: 100 });
    assert.equal(m.doc, undefined);
    assert.equal(m.problems[0].code, 'file-too-large');
  });

  it('reads the example Edge profile', () => {
    const text = readFileSync(join(__dirname, '../../../examples/edge-retail/edge-retail.profile.yaml'), 'utf8');
    const m = parseProfile(text);
    assert.equal(m.name?.value, 'edge-retail');
    assert.ok(m.packs.length >= 4);
    const os = m.packs.find((p) => p.layer?.value === 'os')!;
    assert.ok(valuesTree(os.values!.doc).getAt('options.system.uri'));
    assert.deepEqual(m.problems, []);
  });
});
