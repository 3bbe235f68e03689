// Schema words for any key path (profile, pack files, Edge values with Kairos stages) and hovers in pack files.
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { constraintFor, explainPackFileAt } from '../../server/src/core/explain/packFile';
import { schemaDocAt } from '../../server/src/core/explain/schemaDocs';
import { parsePackSchema } from '../../server/src/core/parse/packFiles';
import { marked, scalar } from './explain-fixtures';

describe('explain: schema words', () => {
  it('walks the profile schema through the packs list to a pack field, with its enum and default', () => {
    const type = schemaDocAt('profile', ['spec', 'template', 'packs', 3, 'type']);
    assert.match(type?.description ?? '', /Pack type/);
    assert.deepEqual(type?.enum, ['spectro', 'helm', 'manifest', 'oci']);
    assert.equal(type?.default, 'spectro');
    assert.ok(schemaDocAt('profile', ['metadata', 'labels', 'spectrocloud.com/anything'])?.description, 'a label value is described by additionalProperties');
  });

  it('follows $ref across schema files into the Kairos stages, for steps and their fields', () => {
    const stage = schemaDocAt('edge-k8s', ['stages', 'initramfs'], true);
    assert.match(stage?.description ?? '', /Kairos stage initramfs|stage `initramfs`/);
    assert.deepEqual(stage?.types, ['array', 'null']);
    const commands = schemaDocAt('edge-os', ['stages', 'boot', 0, 'commands'], true);
    assert.match(commands?.description ?? '', /Shell commands/);
    const hook = schemaDocAt('edge-os', ['stages', 'network.after'], true);
    assert.match(hook?.description ?? '', /hook/i);
  });

  it('matches dotted and nested spellings of Edge OS options to their own words', () => {
    assert.match(schemaDocAt('edge-os', ['options', 'system.uri'], true)?.description ?? '', /dotted-key spelling/);
    assert.match(schemaDocAt('edge-os', ['options', 'system', 'uri'], true)?.description ?? '', /nested spelling/);
    // A macro path is split; it still finds the property.
    assert.ok(schemaDocAt('edge-os', ['options', 'system', 'registry'], true)?.description);
  });

  it('says nothing for a key the schema does not know', () => {
    assert.equal(schemaDocAt('profile', ['spec', 'nope']), undefined);
    assert.equal(schemaDocAt('edge-os', ['stages', 'bootz'], true), undefined);
  });
});

describe('explain: pack files', () => {
  it('describes pack.json keys from the pack schema, keeping dotted keys literal', () => {
    const { text, offset } = marked('{\n  "name": "hello",\n  "lay‸er": "addon",\n  "version": "1.0.0"\n}');
    const e = explainPackFileAt('pack-json', parseDocument(text), offset);
    assert.equal(e?.title, 'layer');
    assert.equal(text.slice(e!.span.start, e!.span.end), '"layer"');
    assert.ok(e?.schema?.description);
    assert.deepEqual(e?.value, scalar('addon'));
  });

  it('gives a values.yaml value its schema.yaml constraint, list items through $[]', () => {
    const schemaText = "manifests.hello.replicas:\n  schema: '{{ required | format \"${number:[1-10]}\" }}'\nmanifests.hello.origins.$[]:\n  schema: '{{ format \"${string}\" }}'\n";
    const { text, offset } = marked('manifests:\n  hello:\n    repl‸icas: 2\n    origins:\n      - a\n');
    const e = explainPackFileAt('pack-values', parseDocument(text), offset, { schemaText });
    assert.equal(e?.title, 'manifests.hello.replicas');
    assert.equal(e?.constraint, '{{ required | format "${number:[1-10]}" }}');
    const constraints = parsePackSchema(schemaText).constraints;
    assert.equal(constraintFor(constraints, ['manifests', 'hello', 'origins', 0])?.path, 'manifests.hello.origins.$[]');
    assert.equal(constraintFor(constraints, ['manifests', 'hello', 'origins']), undefined);
  });

  it('describes schema.yaml and presets.yaml keys from their schemas', () => {
    const schema = marked("a.b:\n  sch‸ema: '{{ required }}'\n");
    assert.match(explainPackFileAt('pack-schema', parseDocument(schema.text), schema.offset)?.schema?.description ?? '', /template/i);
    const presets = marked('presets:\n  - name: small\n    disp‸layName: Small\n');
    const e = explainPackFileAt('pack-presets', parseDocument(presets.text), presets.offset);
    assert.equal(e?.title, 'presets[0].displayName');
    assert.ok(e?.schema?.description);
  });
});
