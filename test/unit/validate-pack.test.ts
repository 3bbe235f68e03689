// Pack files: pack.json, schema.yaml and presets.yaml against their schemas, and values checked against schema.yaml constraints.
import * as assert from 'node:assert/strict';
import { parsePackSchema, parsePackValues } from '../../server/src/core/parse/packFiles';
import { parseProfile } from '../../server/src/core/parse/profile';
import type { Problem } from '../../server/src/core/types';
import { compileRe2, isSensitivePath, validatePackFile, validateProfile, type PackFileKind } from '../../server/src/core/validate/index';
import { caret } from './caret';

/** caret() with ¦ standing in for a literal |, which the caret would otherwise find first. */
function marked(source: string): { text: string; offset: number } {
  const { text, offset } = caret(source);
  return { text: text.replace(/¦/g, '|'), offset };
}

function at(problems: Problem[], text: string, offset: number, code: string, covered: string): Problem {
  const hit = problems.find((p) => p.start === offset && p.code === code);
  assert.ok(hit, `no ${code} at ${offset}; got ${JSON.stringify(problems.map((p) => [p.start, p.code, p.message]))}`);
  assert.equal(text.slice(hit.start, hit.end), covered);
  return hit;
}

const SCHEMA = [
  "app.image:\n  schema: '{{ required ¦ format \"${string:/^ghcr[.]io/.+:[0-9.]+$/}\" }}'",
  "app.replicas:\n  schema: '{{ required ¦ format \"${number:[1-10]}\" }}'",
  "app.port:\n  schema: '{{ format \"${number}\" }}'",
  "app.enabled:\n  schema: '{{ format \"${boolean}\" }}'",
  "app.password:\n  schema: '{{ format \"${password}\" }}'",
  "app.serviceType:\n  schema: '{{ format \"${list:[ClusterIP,NodePort,LoadBalancer]}\" }}'",
  "app.address:\n  schema: '{{ format \"${ipv4}\" }}'",
  "app.version:\n  schema: '{{ format \"${version}\" }}'",
  "app.namespace:\n  schema: '{{ required ¦ readonly }}'",
  "app.origins.$[]:\n  schema: '{{ format \"${string:/^https?:.+$/}\" }}'",
].join('\n').replace(/¦/g, '|') + '\n';

const VALUES = `app:
  image: ghcr.io/org/app:1.2.0
  replicas: 3
  port: 8080
  enabled: true
  password: ""
  serviceType: NodePort
  address: 10.0.0.1
  version: 1.30.4
  namespace: app
  origins:
    - https://a.example.com
    - http://b.example.com
`;

/** VALUES with one line replaced; the caret marks where the problem should start. */
function valuesWith(find: string, replace: string): { text: string; offset: number } {
  assert.ok(VALUES.includes(find), find);
  return marked(VALUES.replace(find, replace));
}

function checkValues(text: string): Problem[] {
  return validatePackFile('pack-values', text, { schemaText: SCHEMA });
}

describe('validate: pack.json', () => {
  it('accepts a complete pack.json', () => {
    assert.deepEqual(validatePackFile('pack-json', '{\n  "name": "hello",\n  "displayName": "Hello",\n  "version": "1.0.0",\n  "layer": "addon"\n}\n'), []);
  });

  it('reports a missing required field on the object\'s first line', () => {
    const { text, offset } = marked('|{\n  "name": "hello",\n  "displayName": "Hello",\n  "version": "1.0.0"\n}\n');
    const p = at(validatePackFile('pack-json', text), text, offset, 'schema', '{');
    assert.equal(p.message, "Missing required field 'layer'");
  });

  it('reports a nested missing field and a bad enum at their JSON positions', () => {
    const { text, offset } = marked('{\n  "name": "x", "displayName": "X", "version": "1", "layer": |"addons",\n  "constraints": {"dependencies": [{"packName": "a", "layer": "cni"}]}\n}');
    const problems = validatePackFile('pack-json', text);
    assert.match(at(problems, text, offset, 'schema', '"addons"').message, /^Unknown layer 'addons'/);
    const dep = text.indexOf('{"packName"');
    assert.equal(at(problems, text, dep, 'schema', '{"packName": "a", "layer": "cni"}').message, "Missing required field 'type' in constraints.dependencies[0]");
  });

  it('reports only the syntax error of broken JSON', () => {
    const problems = validatePackFile('pack-json', '{"name": "x",, }');
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => p.code !== 'schema'), JSON.stringify(problems));
  });
});

describe('validate: schema.yaml', () => {
  it('accepts the constraints used below', () => {
    assert.deepEqual(validatePackFile('pack-schema', SCHEMA), []);
  });

  it('reports template syntax and schema problems once each', () => {
    const { text, offset } = marked("a.b:\n  schema: '{{ required }'\n|a c:\n  schema: '{{ required }}'\nd:\n  schema: '{{ required }}'\n  hint: x\n");
    const problems = validatePackFile('pack-schema', text);
    assert.equal(at(problems, text, offset, 'schema', 'a c').message, "Key 'a c' is not allowed here: keys must not contain white space");
    at(problems, text, text.indexOf('hint'), 'schema', 'hint');
    assert.equal(problems.filter((p) => p.code === 'schema-template').length, 1, JSON.stringify(problems));
    assert.equal(problems.length, 3, JSON.stringify(problems));
  });
});

describe('validate: values.yaml against schema.yaml', () => {
  it('accepts values that fit every constraint', () => {
    assert.deepEqual(checkValues(VALUES), []);
  });

  const cases: [string, string, string, string, RegExp][] = [
    ['string regex', '  image: ghcr.io/org/app:1.2.0', '  image: |docker.io/app:latest', 'docker.io/app:latest', /does not match/],
    ['number', '  port: 8080', '  port: |eighty', 'eighty', /is not a number/],
    ['number range', '  replicas: 3', '  replicas: |11', '11', /outside the range 1-10/],
    ['boolean', '  enabled: true', '  enabled: |yes', 'yes', /is not true or false/],
    ['password (a single value)', '  password: ""', '  password: |{a: 1}', '{a: 1}', /single value/],
    ['list', '  serviceType: NodePort', '  serviceType: |NodePrt', 'NodePrt', /not one of ClusterIP, NodePort, LoadBalancer \(did you mean 'NodePort'\?\)/],
    ['ipv4', '  address: 10.0.0.1', '  address: |10.0.0.256', '10.0.0.256', /not an IPv4 address/],
    ['version', '  version: 1.30.4', '  version: |1.30', '1.30', /not a version/],
    ['$[] items', '    - http://b.example.com', '    - |ftp://b.example.com', 'ftp://b.example.com', /app\.origins\[1\]/],
  ];
  for (const [name, find, replace, covered, message] of cases) {
    it(`constraint-format: ${name}`, () => {
      const { text, offset } = valuesWith(find, replace);
      const problems = checkValues(text);
      const p = at(problems, text, offset, 'constraint-format', covered);
      assert.equal(p.severity, 'error');
      assert.match(p.message, message);
      assert.equal(problems.length, 1, JSON.stringify(problems));
    });
  }

  it('constraint-format: a password takes any single value, and templates are left to deploy time', () => {
    const text = VALUES.replace('  password: ""', '  password: 12345').replace('  port: 8080', "  port: '{{ .spectro.var.port }}'");
    assert.deepEqual(checkValues(text), []);
  });

  it('required-in-profile: the pack leaves a required value for the profile, a hint on its nearest parent key or on its key', () => {
    const { text, offset } = marked('|' + VALUES.replace('  replicas: 3\n', ''));
    const problems = checkValues(text);
    const p = at(problems, text, offset, 'required-in-profile', 'app');
    assert.equal(p.severity, 'hint');
    assert.equal(p.message, 'app.replicas is required by schema.yaml but is missing: it must be set in the profile that uses this pack');
    const empty = valuesWith('  namespace: app', '  |namespace: ""');
    const hint = at(checkValues(empty.text), empty.text, empty.offset, 'required-in-profile', 'namespace');
    assert.equal(hint.severity, 'hint');
    assert.match(hint.message, /is empty: it must be set in the profile/);
    assert.ok(checkValues(empty.text).every((x) => x.code !== 'constraint-required'));
  });

  it('without schema.yaml, values.yaml has only its syntax checked', () => {
    assert.deepEqual(validatePackFile('pack-values', 'app:\n  replicas: 99\n'), []);
  });
});

describe('validate: presets.yaml', () => {
  const presets = 'presets:\n  - name: small\n    displayName: Small\n    group: Size\n    remove:\n      - app.replicas\n      - |app.replica\n    add: ¦\n      app:\n        replicas: 1\n';

  it('preset-remove-unknown: a remove path not in values.yaml, on the path', () => {
    const { text, offset } = marked(presets);
    const problems = validatePackFile('pack-presets', text, { valuesText: VALUES });
    const p = at(problems, text, offset, 'preset-remove-unknown', 'app.replica');
    assert.equal(p.severity, 'info');
    assert.equal(problems.length, 1, JSON.stringify(problems));
  });

  it('does not check remove paths without values.yaml, and reports schema problems and bad add YAML', () => {
    const { text } = marked(presets);
    assert.deepEqual(validatePackFile('pack-presets', text), []);
    const bad = 'presets:\n  - name: a\n    displayName: A\n    groupz: G\n    add: |\n      a: [1\n';
    const problems = validatePackFile('pack-presets', bad);
    assert.ok(problems.some((p) => p.code === 'schema' && p.message === "Missing required field 'group' in presets[0]"), JSON.stringify(problems));
    assert.ok(problems.some((p) => p.code === 'schema' && /Unknown key 'groupz'.*did you mean 'group'/.test(p.message)));
    assert.ok(problems.some((p) => p.code === 'embedded-yaml-syntax' && p.start >= bad.indexOf('a: [1')));
  });
});

describe('validate: a profile layer against its pack folder', () => {
  const folder = { values: parsePackValues(VALUES).tree, constraints: parsePackSchema(SCHEMA).constraints };
  const profile = (values: string) =>
    `metadata:\n  name: demo\nspec:\n  template:\n    cloudType: aws\n    type: cluster\n    packs:\n      - name: app-pack\n        layer: addon\n        |values: ¦-\n${values.replace(/^/gm, '          ')}\n`;

  it('checks format, required and readonly inside the embedded values, at outer positions', () => {
    const bad = VALUES.replace('  replicas: 3', '  replicas: 0').replace('  namespace: app', '  namespace: other').replace('  image: ghcr.io/org/app:1.2.0', '  image: ""');
    const { text } = marked(profile(bad));
    const problems = validateProfile(parseProfile(text), { packFolders: new Map([['app-pack', folder]]) });
    assert.match(at(problems, text, text.indexOf('0\n', text.indexOf('replicas:')), 'constraint-format', '0').message, /pack app-pack's schema\.yaml/);
    const ro = at(problems, text, text.indexOf('other'), 'constraint-readonly', 'other');
    assert.equal(ro.severity, 'warning');
    assert.match(ro.message, /default is 'app'/);
    assert.match(at(problems, text, text.indexOf('image: ""'), 'constraint-required', 'image').message, /app\.image is required .* but is empty/);
    assert.equal(problems.length, 3, JSON.stringify(problems));
  });

  it('a matching layer passes; layers without a folder are not checked', () => {
    const { text } = marked(profile(VALUES));
    assert.deepEqual(validateProfile(parseProfile(text), { packFolders: new Map([['app-pack', folder]]) }), []);
    const other = marked(profile('app:\n  replicas: 99')).text;
    assert.deepEqual(validateProfile(parseProfile(other), { packFolders: new Map([['another', folder]]) }), []);
  });

  it('a required value the layer leaves out is taken from the pack defaults; without them it is reported on the values key', () => {
    const { text, offset } = marked(profile('other: 1'));
    assert.deepEqual(validateProfile(parseProfile(text), { packFolders: new Map([['app-pack', folder]]) }), []);
    const problems = validateProfile(parseProfile(text), { packFolders: new Map([['app-pack', { constraints: folder.constraints }]]) });
    assert.equal(at(problems, text, offset, 'constraint-required', 'values').message, "app.image is required by pack app-pack's schema.yaml but is missing");
  });

  it('a manifest layer is not the registry pack of the same name', () => {
    const { text } = marked(profile('app:\n  replicas: 99').replace('        layer: addon\n', '        layer: addon\n        type: manifest\n'));
    assert.deepEqual(validateProfile(parseProfile(text), { packFolders: new Map([['app-pack', folder]]) }), []);
  });
});

describe('validate: helpers and robustness', () => {
  it('knows which values are sensitive', () => {
    const constraints = parsePackSchema(SCHEMA).constraints;
    assert.equal(isSensitivePath(constraints, 'app.password'), true);
    assert.equal(isSensitivePath(constraints, 'app.port'), false);
  });

  it('compiles pack patterns with RE2 syntax', () => {
    assert.equal(compileRe2('(?i)^abc$')?.test('ABC'), true);
    assert.equal(compileRe2('\\Aa[[:digit:]]+\\z')?.test('a123'), true);
    assert.equal(compileRe2('(?P<major>\\d+)\\.\\d+')?.test('1.2'), true);
    assert.equal(compileRe2('('), undefined);
    // Lookbehind is JavaScript, not RE2: Palette would not compile it either.
    assert.equal(compileRe2('(?<=a)b'), undefined);
  });

  it('never throws on junk, for every kind of pack file', () => {
    const junk = ['', '{', '[1, 2', 'a: &a [*a]', 'presets: 3', 'presets:\n  - add: {a: 1}\n    remove: x', 'x:\n  schema: 3', '"\\u12', '\t- a', 'a: b: c'];
    const kinds: PackFileKind[] = ['pack-json', 'pack-values', 'pack-schema', 'pack-presets'];
    for (const kind of kinds) {
      for (const text of junk) {
        for (const p of validatePackFile(kind, text, { valuesText: text, schemaText: text })) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, `${kind} ${JSON.stringify(text)}`);
      }
    }
  });
});
