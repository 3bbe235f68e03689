// Profile rules beyond JSON Schema: duplicate packs, values held in strings, macro and variable references.
import * as assert from 'node:assert/strict';
import { parseProfile } from '../../server/src/core/parse/profile';
import type { Problem } from '../../server/src/core/types';
import { validateProfile } from '../../server/src/core/validate/index';
import { inSystemUri, quoting } from '../../server/src/core/validate/variableRules';
import { caret } from './caret';

/** caret() with ¦ standing in for YAML's block indicator |, which the caret would otherwise find first. */
function marked(source: string): { text: string; offset: number } {
  const { text, offset } = caret(source);
  return { text: text.replace(/¦/g, '|'), offset };
}

/** Validates a text whose ¦ stand for | (texts built by profile() without a caret). */
function validate(text: string): Problem[] {
  return validateProfile(parseProfile(text.replace(/¦/g, '|')));
}

function codes(text: string, code: string): Problem[] {
  return validate(text).filter((p) => p.code === code);
}

function at(text: string, offset: number, code: string, covered: string): Problem {
  const problems = validate(text);
  const hit = problems.find((p) => p.start === offset && p.code === code);
  assert.ok(hit, `no ${code} at ${offset}; got ${JSON.stringify(problems.map((p) => [p.start, p.code, p.message]))}`);
  assert.equal(text.slice(hit.start, hit.end), covered);
  return hit;
}

/** An Edge profile whose OS layer holds `osValues` (indented 10) and whose add-on manifest holds `manifest`. */
function profile(osValues: string, opts: { manifest?: string; variables?: string } = {}): string {
  const variables = opts.variables ?? '  variables:\n    - name: site_id\n      displayName: Site\n';
  return [
    'metadata:\n  name: demo\nspec:\n  version: 1.0.0\n  template:\n    cloudType: edge-native\n    type: cluster\n    packs:\n',
    '      - name: edge-native-byoi\n        layer: os\n        values: ¦-\n          options:\n            system.registry: ttl.sh\n            system.repo: ubuntu\n',
    osValues,
    '      - name: edge-k3s\n        layer: k8s\n        values: ¦-\n          cluster:\n            config:\n              cluster-cidr: 10.0.0.0/16\n',
    '      - name: hello\n        layer: addon\n        type: manifest\n        values: ""\n        manifests:\n          - name: hello\n            content: ¦-\n',
    opts.manifest ?? "              site: '{{.spectro.var.site_id}}'\n",
    variables,
  ].join('');
}

describe('validate: layers', () => {
  it('duplicate-pack: the second pack of a name in one layer, on its name', () => {
    const { text, offset } = marked(profile('', { manifest: '              a: b\n', variables: '' }).replace('      - name: hello\n', '      - name: hello\n        layer: addon\n      - name: |hello\n'));
    const p = at(text, offset, 'duplicate-pack', 'hello');
    assert.equal(p.severity, 'error');
    assert.match(p.message, /Pack 'hello' appears twice in layer 'addon' \(first at spec\.template\.packs\[2\]\)/);
  });

  it('duplicate-pack: the same pack in two layers is allowed', () => {
    const text = profile('', { variables: '' }).replace('      - name: hello\n        layer: addon', '      - name: edge-k3s\n        layer: addon');
    assert.deepEqual(codes(text, 'duplicate-pack'), []);
  });

  it('values-not-string: values written as a mapping, on the values key', () => {
    const { text, offset } = marked('metadata:\n  name: demo\nspec:\n  template:\n    cloudType: aws\n    type: cluster\n    packs:\n      - name: hello\n        |values:\n          a: 1\n');
    const p = at(text, offset, 'values-not-string', 'values');
    assert.match(p.message, /not a mapping/);
    assert.deepEqual(codes(text, 'schema'), [], 'the schema type error is not repeated');
  });

  it('values-not-string: a string, an empty string or nothing is fine', () => {
    for (const values of ['values: "a: 1"', 'values: ""', 'values:']) {
      const text = `metadata:\n  name: demo\nspec:\n  template:\n    cloudType: aws\n    type: cluster\n    packs:\n      - name: hello\n        ${values}\n`;
      assert.deepEqual(validate(text), [], values);
    }
  });
});

describe('validate: macros', () => {
  it('a clean profile has no macro or variable problems', () => {
    const text = profile('            system.uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/{{ .spectro.system.kubernetes.version }}"\n');
    assert.deepEqual(validate(text), []);
  });

  it('macro-unknown-pack: on the pack name, with a suggestion', () => {
    const { text, offset } = marked(profile('            system.uri: "{{ .spectro.pack.|edge-k3z.cluster.config }}"\n'));
    const p = at(text, offset, 'macro-unknown-pack', 'edge-k3z');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, "No pack 'edge-k3z' in this profile (did you mean 'edge-k3s'?)");
  });

  it('macro-unknown-path: on the path, a warning; dotted and nested spellings both resolve', () => {
    const { text, offset } = marked(profile('            system.uri: "{{ .spectro.pack.edge-k3s.|cluster.config.cluster-cidrr }}"\n'));
    const p = at(text, offset, 'macro-unknown-path', 'cluster.config.cluster-cidrr');
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /did you mean 'cluster\.config\.cluster-cidr'/);
    const ok = profile('            system.uri: "{{ .spectro.pack.edge-k3s.cluster.config.cluster-cidr }}-{{ .spectro.pack.edge-native-byoi.options.system.repo }}"\n');
    assert.deepEqual(codes(ok, 'macro-unknown-path'), []);
  });

  it('macro-unknown-path: a default makes an undefined path deliberate', () => {
    const text = profile('            system.uri: \'{{ .spectro.pack.edge-k3s.cluster.nope | default "x" }}\'\n');
    assert.deepEqual(codes(text, 'macro-unknown-path'), []);
  });

  it('macro-unknown-system: on the path, with a suggestion; known ones pass', () => {
    const { text, offset } = marked(profile('            system.uri: "{{ .spectro.system.|kubernetes.versoin }}"\n'));
    const p = at(text, offset, 'macro-unknown-system', 'kubernetes.versoin');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, "Unknown system macro '.spectro.system.kubernetes.versoin' (did you mean 'kubernetes.version'?)");
    const ok = profile('            system.uri: "{{ .spectro.system.cluster.name }}-{{ .spectro.system.clusterprofile.infra.version }}-{{ .spectro.system.reverseproxy.vhostport }}"\n');
    assert.deepEqual(codes(ok, 'macro-unknown-system'), []);
  });

  it('macro-unknown: a misspelt namespace', () => {
    const { text, offset } = marked(profile('            system.uri: "{{ .spectro.|sytem.cluster.name }}"\n'));
    assert.match(at(text, offset, 'macro-unknown', 'sytem').message, /did you mean 'system'/);
  });

  it('ignores references inside YAML comments', () => {
    const text = profile('            # system.uri: "{{ .spectro.pack.nope.x }} {{.spectro.var.nope}}"\n');
    assert.deepEqual(validate(text), []);
  });
});

describe('validate: profile variables', () => {
  it('variable-undefined: on the name, in values and in manifest content', () => {
    const inValues = marked(profile("            system.customTag: '{{.spectro.var.|site_idd}}'\n"));
    const p = at(inValues.text, inValues.offset, 'variable-undefined', 'site_idd');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, "Profile variable 'site_idd' is not declared in spec.variables (did you mean 'site_id'?)");
    const inManifest = marked(profile('', { manifest: "              other: '{{.spectro.var.|region}}'\n              site: '{{.spectro.var.site_id}}'\n" }));
    at(inManifest.text, inManifest.offset, 'variable-undefined', 'region');
  });

  it('variable-undefined: a declared variable passes', () => {
    assert.deepEqual(codes(profile("            system.customTag: '{{.spectro.var.site_id}}'\n"), 'variable-undefined'), []);
  });

  it('variable-unquoted: outside quotes, a warning on the template', () => {
    for (const value of ['|{{.spectro.var.site_id}}', 'x-|{{.spectro.var.site_id}}']) {
      const { text, offset } = marked(profile(`            system.customTag: ${value}\n`));
      const p = at(text, offset, 'variable-unquoted', '{{.spectro.var.site_id}}');
      assert.equal(p.severity, 'warning');
    }
  });

  it('variable-unquoted: single or double quotes pass (double quotes are what the docs ask for when a value can hold a single quote)', () => {
    for (const value of ["'{{.spectro.var.site_id}}'", "'store-{{.spectro.var.site_id}}'", '"{{.spectro.var.site_id}}"', '"x-{{.spectro.var.site_id}}"']) {
      assert.deepEqual(codes(profile(`            system.customTag: ${value}\n`), 'variable-unquoted'), [], value);
    }
    assert.match(quoting.quote, /wrap `\{\{\.spectro\.var\.variable_name\}\}` in double quotes/);
  });

  it('variable-unused: a hint on the declared name; used variables pass', () => {
    const { text, offset } = marked(profile('', { variables: '  variables:\n    - name: site_id\n    - name: |spare\n' }));
    const p = at(text, offset, 'variable-unused', 'spare');
    assert.equal(p.severity, 'hint');
    assert.deepEqual(codes(text, 'variable-unused').length, 1);
  });

  it('variable-in-pack-content: an error on the template under pack.content', () => {
    const { text, offset } = marked(profile("          pack:\n            content:\n              images:\n                - image: '|{{.spectro.var.site_id}}'\n"));
    const p = at(text, offset, 'variable-in-pack-content', '{{.spectro.var.site_id}}');
    assert.equal(p.severity, 'error');
  });

  it('variable-in-pack-content: elsewhere under pack is fine', () => {
    const text = profile("          pack:\n            namespace: '{{.spectro.var.site_id}}'\n            content:\n              images: []\n");
    assert.deepEqual(codes(text, 'variable-in-pack-content'), []);
  });

  it('variable-in-system-uri: a warning on the template when the uri also uses a macro', () => {
    for (const uri of ["'{{ .spectro.pack.edge-native-byoi.options.system.registry }}/|{{.spectro.var.site_id}}'", "'x-|{{.spectro.var.site_id}}-{{ .spectro.system.kubernetes.version }}'"]) {
      const { text, offset } = marked(profile(`            system.uri: ${uri}\n`));
      assert.equal(at(text, offset, 'variable-in-system-uri', '{{.spectro.var.site_id}}').severity, 'warning');
    }
  });

  it('variable-in-system-uri: a uri that uses no macro may hold a variable, as the docs allow', () => {
    for (const uri of ["'x-{{.spectro.var.site_id}}'", "'{{.spectro.var.site_id}}'"]) {
      assert.deepEqual(codes(profile(`            system.uri: ${uri}\n`), 'variable-in-system-uri'), [], uri);
    }
    assert.equal(inSystemUri.quote, 'You can create a profile variable for the `system.uri` parameter so long as a macro is not already being used.');
  });
});
