// Completions in a profile's outer YAML: schema keys at each level, enum values, pack names and versions from pack folders.
import * as assert from 'node:assert/strict';
import type { PackFolderInfo } from '../../server/src/core/complete';
import { completeProfile } from '../../server/src/core/complete';
import { parseProfile } from '../../server/src/core/parse/profile';
import { completeAt, edgeRetail, edit, pin } from './complete-fixtures';

const folders: PackFolderInfo[] = [
  { name: 'hello-universe', version: '1.2.0', path: '/w/packs/hello-universe' },
  { name: 'hello-universe', version: '1.10.0', path: '/w/packs/hello-universe-1.10' },
  { name: 'hello-universe', version: '1.10.0-rc.1', path: '/w/packs/hello-universe-rc' },
  { name: 'cni-calico', version: '3.28.0', path: '/w/packs/calico' },
  { name: 'edge-k3s', version: '1.30', path: '/w/packs/k3s' },
];

describe('completion: profile keys', () => {
  it('offers the root keys of an empty profile, required ones first, as mappings to fill in', () => {
    const { items, labels } = completeAt('‸');
    assert.deepEqual(labels.sort(), ['metadata', 'spec']);
    const metadata = items.find((i) => i.label === 'metadata')!;
    assert.equal(metadata.insertText, 'metadata:\n  ');
    assert.equal(metadata.retrigger, true);
    assert.match(metadata.documentation ?? '', /Name, description and labels/);
    assert.match(metadata.detail ?? '', /required/);
  });

  it('offers the keys of metadata not yet written, with their descriptions', () => {
    const { items, labels } = completeAt('metadata:\n  name: a\n  ‸\nspec: {}\n');
    assert.deepEqual(labels.sort(), ['annotations', 'description', 'labels', 'uid']);
    assert.match(items.find((i) => i.label === 'description')!.documentation ?? '', /Free-text description/);
    assert.equal(items.find((i) => i.label === 'description')!.insertText, 'description: ');
  });

  it('offers the template keys with the enum of cloudType in the detail', () => {
    const { items, labels } = completeAt('spec:\n  template:\n    ‸\n');
    assert.deepEqual(labels.sort(), ['cloudType', 'packs', 'type']);
    assert.match(items.find((i) => i.label === 'cloudType')!.detail ?? '', /^all \| aws \| azure/);
    assert.equal(items.find((i) => i.label === 'packs')!.insertText, 'packs:\n  - ');
  });

  it('offers pack fields in a layer, without those already written before or after the caret', () => {
    const { items, labels } = completeAt(edit(edgeRetail, '        type: spectro\n        layer: os\n', '        ‸\n        layer: os\n'));
    assert.ok(labels.includes('type') && labels.includes('manifests') && labels.includes('version'), labels.join());
    for (const written of ['name', 'layer', 'tag', 'values']) assert.ok(!labels.includes(written), `${written} is offered again`);
    assert.equal(items.find((i) => i.label === 'manifests')!.insertText, 'manifests:\n  - ');
    assert.equal(items.find((i) => i.label === 'type')!.retrigger, true, 'type has values to suggest next');
  });

  it('writes values as a block scalar and only the name when the colon is there already', () => {
    const fresh = completeAt('spec:\n  template:\n    packs:\n      - name: a\n        val‸\n');
    const values = fresh.items.find((i) => i.label === 'values')!;
    assert.equal(values.insertText, 'values: |-\n  ');
    assert.equal(fresh.text.slice(values.replace.start, values.replace.end), 'val');
    const renamed = completeAt('spec:\n  template:\n    packs:\n      - name: a\n        la‸yr: os\n');
    const layer = renamed.items.find((i) => i.label === 'layer')!;
    assert.equal(layer.insertText, 'layer');
    assert.equal(renamed.text.slice(layer.replace.start, layer.replace.end), 'layr');
  });

  it('indents a new item key relative to the line, which the editor indents', () => {
    const { items } = completeAt('spec:\n  template:\n    packs:\n      - name: a\n      - ‸\n');
    const manifests = items.find((i) => i.label === 'manifests')!;
    // The key sits at column 8 on a line indented 6: its list goes 2 deeper than the key.
    assert.equal(manifests.insertText, 'manifests:\n    - ');
    assert.ok(items.some((i) => i.label === 'name'));
  });

  it('offers variable fields and leaves out a forbidden one', () => {
    const { labels } = completeAt('spec:\n  variables:\n    - name: site\n      ‸\n');
    assert.ok(labels.includes('format') && labels.includes('defaultValue') && labels.includes('inputType'), labels.join());
    assert.ok(!labels.includes('readonly'), 'readonly is forbidden by the schema');
  });
});

describe('completion: profile values', () => {
  it('offers the layers on layer:', () => {
    const { items, labels } = completeAt(edit(edgeRetail, '        layer: os\n', '        layer: ‸\n'));
    assert.deepEqual(labels, ['kernel', 'os', 'k8s', 'cni', 'csi', 'addon']);
    assert.ok(items.every((i) => i.kind === 'enum'));
    assert.match(items[0].documentation ?? '', /Layer of the stack/);
  });

  it('replaces the partial value and adds the space after a bare colon', () => {
    const partial = completeAt(edit(edgeRetail, '        layer: k8s\n', '        layer: c‸s\n'));
    const cni = partial.items.find((i) => i.label === 'cni')!;
    assert.equal(partial.text.slice(cni.replace.start, cni.replace.end), 'cs');
    assert.equal(cni.insertText, 'cni');
    const bare = completeAt(edit(edgeRetail, '        layer: k8s\n', '        layer:‸\n'));
    assert.equal(bare.items.find((i) => i.label === 'k8s')!.insertText, ' k8s');
  });

  it('offers profile and pack types and cloud types, preselecting the default', () => {
    const type = completeAt(edit(edgeRetail, '    type: cluster\n', '    type: ‸\n'));
    assert.deepEqual(type.labels, ['cluster', 'infra', 'add-on', 'system']);
    assert.equal(type.items.find((i) => i.preselect)?.label, 'cluster');
    const packType = completeAt(edit(edgeRetail, '        type: manifest\n', '        type: ‸\n'));
    assert.deepEqual(packType.labels, ['spectro', 'helm', 'manifest', 'oci']);
    const cloud = completeAt(edit(edgeRetail, '    cloudType: edge-native\n', '    cloudType: edge‸\n'));
    assert.ok(cloud.labels.includes('edge-native') && cloud.labels.includes('aws'));
  });

  it('offers booleans and variable formats', () => {
    const required = completeAt(edit(edgeRetail, '      required: true\n', '      required: ‸\n'));
    assert.deepEqual(required.labels.sort(), ['false', 'true']);
    const format = completeAt(edit(edgeRetail, '      format: string\n      regex', '      format: ‸\n      regex'));
    assert.ok(format.labels.includes('ipv4cidr'));
  });

  it('offers pack names from the workspace pack folders on name:', () => {
    const { items, labels } = completeAt('spec:\n  template:\n    packs:\n      - name: ‸\n', { packFolders: folders });
    assert.deepEqual(labels.sort(), ['cni-calico', 'edge-k3s', 'hello-universe']);
    assert.equal(items.find((i) => i.label === 'hello-universe')!.detail, 'pack folder (1.10.0, 1.10.0-rc.1, 1.2.0)');
    assert.ok(items.every((i) => i.kind === 'pack'));
  });

  it('offers the versions of the layer’s pack on tag:, newest first, quoting a tag that reads as a number', () => {
    const { items } = completeAt(edit(edgeRetail, '        tag: 1.0.0\n', '        tag: ‸\n'), { packFolders: folders });
    const ordered = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(ordered.map((i) => i.label), ['1.10.0', '1.10.0-rc.1', '1.2.0']);
    assert.equal(ordered[0].preselect, true);
    assert.match(ordered[0].documentation ?? '', /hello-universe-1\.10/);
    const k3s = completeAt(edit(edgeRetail, '        tag: 1.30.5\n', '        tag: ‸\n'), { packFolders: folders });
    assert.deepEqual(k3s.items.map((i) => i.insertText), ['"1.30"']);
  });

  it('finds the layer’s name even when it is written after the tag', () => {
    const { labels } = completeAt('spec:\n  template:\n    packs:\n      - tag: ‸\n        layer: cni\n        name: cni-calico\n', { packFolders: folders });
    assert.deepEqual(labels, ['3.28.0']);
  });

  it('offers nothing for a free-text value or a label', () => {
    assert.deepEqual(completeAt(edit(edgeRetail, '  name: edge-retail\n', '  name: ‸\n')).labels, []);
    assert.deepEqual(completeAt(edit(edgeRetail, '    env: prod\n', '    env: ‸\n')).labels, []);
  });
});

describe('completion: robustness', () => {
  it('never throws on broken YAML and offers nothing in nonsense', () => {
    const broken = ['spec:\n  template: [\n    ‸', 'a: "unterminated\n  ‸', '- - - ‸', '{{‸', '‸: x', '  \t‸', 'key: |\n  text\n ‸'];
    for (const marked of broken) assert.doesNotThrow(() => completeAt(marked), marked);
    assert.deepEqual(completeAt('metadata: x\n  more text ‸\n').labels, []);
  });

  it('answers at every offset of the example, whole and cut short, with ranges on the caret’s line', () => {
    const env = { packFolders: folders };
    for (const text of [edgeRetail, edgeRetail.slice(0, 3000), edgeRetail.slice(0, 7778), edgeRetail.replace(/\n/g, '\r\n')]) {
      const model = parseProfile(text);
      // Every other offset keeps the suite fast; odd and even offsets both fall on every kind of spot.
      for (let offset = text.length % 2; offset <= text.length; offset += 2) {
        const items = completeProfile(model, offset, env);
        for (const item of items) {
          assert.ok(item.replace.start <= offset && offset <= item.replace.end, `offset ${offset}: ${item.label}`);
          assert.ok(!/[\r\n]/.test(text.slice(item.replace.start, item.replace.end)), `offset ${offset}: ${item.label} spans lines`);
        }
      }
    }
  });

  it('still completes while the line being typed breaks the YAML', () => {
    // `lay` alone on the line is no key yet, and the parser reads the document differently.
    const { labels } = completeAt(edit(edgeRetail, '        layer: os\n', '        lay‸\n'));
    assert.ok(labels.includes('layer'), labels.join());
  });

  it('answers correctly deep in a 40,000-line profile (speed is measured by npm run bench:lsp, not here)', () => {
    const pack = edgeRetail.slice(edgeRetail.indexOf('      - name: edge-k3s'), edgeRetail.indexOf('      - name: cni-calico'));
    const marked = edit(edgeRetail.replace('      - name: cni-calico', pack.repeat(700) + '      - name: cni-calico'), '        layer: addon\n', '        layer: ‸\n');
    const { text: layerText, offset: layerAt } = pin(marked);
    // A second caret: a new line in the `pack:` mapping of the last Kubernetes layer's values.
    const anchor = layerText.lastIndexOf('          pack:\n            k8sHardening') + '          pack:\n'.length;
    const text = layerText.slice(0, anchor) + '            \n' + layerText.slice(anchor);
    const valuesAt = anchor + 12;
    const offset = layerAt + (layerAt > anchor ? 13 : 0);
    assert.ok(text.split('\n').length > 40_000, `only ${text.split('\n').length} lines`);
    const model = parseProfile(text);
    assert.deepEqual(completeProfile(model, offset).slice(0, 2).map((c) => c.label), ['kernel', 'os']);
    assert.deepEqual(completeProfile(model, valuesAt).map((c) => c.label), ['content']);
  });
});
