// Pack folder files: pack.json, values.yaml, schema.yaml constraint templates and presets.yaml, with positions.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackJson, parsePackPresets, parsePackSchema, parsePackValues } from '../../server/src/core/parse/packFiles';
import { parseSchemaTemplate, schemaPathMatches } from '../../server/src/core/parse/schemaTemplate';
import { valuesTree } from '../../server/src/core/parse/valuesTree';
import { LineIndex } from '../../server/src/core/lines';

const packDir = join(__dirname, '../../../examples/packs/hello-universe');
const read = (name: string) => readFileSync(join(packDir, name), 'utf8');
const slice = (text: string, span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);

/** Offset of a marker `¦` (schema templates use `|` themselves). */
function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('¦');
  assert.ok(offset >= 0, 'no caret marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

describe('pack.json', () => {
  it('parses the example with spans', () => {
    const text = read('pack.json');
    const pack = parsePackJson(text);
    assert.deepEqual(pack.problems, []);
    assert.equal(pack.name?.value, 'hello-universe');
    assert.equal(slice(text, pack.name?.span), '"hello-universe"');
    assert.equal((pack.value as { version: string }).version, '1.2.0');
    const ref = pack.tree.getAt('constraints.resources[0].components[0].resourceRequestParamRef')!;
    assert.equal(ref.value, 'manifests.hello-universe.resources.requests.cpu');
  });

  it('reports what YAML accepts but JSON does not', () => {
    for (const text of ['{\n  "name": "x", # comment\n  "version": "1.0.0"\n}', "{'name': 'x'}", '{"name": "x",}']) {
      const { problems } = parsePackJson(text);
      assert.equal(problems.length, 1, `${text}: ${JSON.stringify(problems)}`);
      assert.equal(problems[0].code, 'json-syntax');
      assert.ok(problems[0].end <= text.length);
    }
  });

  it('locates a JSON syntax error and warns on duplicate keys', () => {
    const text = '{\n  "name": "x",\n  "layer": [1\n}';
    const { problems } = parsePackJson(text);
    assert.ok(problems.length > 0);
    assert.equal(problems[0].code, 'json-syntax');
    assert.ok(new LineIndex(text).position(problems[0].start).line >= 3);
    const dup = parsePackJson('{"name": "a", "name": "b"}').problems;
    assert.deepEqual(dup.map((p) => [p.code, p.severity]), [['json-duplicate-key', 'warning']]);
  });
});

describe('values.yaml', () => {
  it('parses the example into a tree', () => {
    const text = read('values.yaml');
    const values = parsePackValues(text);
    assert.deepEqual(values.problems, []);
    const port = values.tree.getAt('manifests.hello-universe.port')!;
    assert.equal(port.value, 8080);
    assert.equal(slice(text, port.keySpan), 'port');
    assert.equal(values.tree.getAt('pack.content.images[1].image')?.value, 'ghcr.io/spectrocloud/hello-universe-api:1.1.0');
  });

  it('reports syntax errors', () => {
    assert.equal(parsePackValues('a: [1\n').problems[0].code, 'yaml-syntax');
  });
});

describe('schema.yaml', () => {
  it('parses every constraint of the example', () => {
    const text = read('schema.yaml');
    const schema = parsePackSchema(text);
    assert.deepEqual(schema.problems, []);
    const byPath = new Map(schema.constraints.map((c) => [c.path, c.template]));
    assert.equal(schema.constraints.length, 8);
    assert.deepEqual(byPath.get('manifests.hello-universe.replicas'), {
      required: true,
      readonly: false,
      format: byPath.get('manifests.hello-universe.replicas')!.format,
      functions: byPath.get('manifests.hello-universe.replicas')!.functions,
    });
    assert.deepEqual(byPath.get('manifests.hello-universe.replicas')!.format!.range, [1, 10]);
    assert.equal(byPath.get('manifests.hello-universe.namespace')!.readonly, true);
    assert.deepEqual(byPath.get('manifests.hello-universe.port')!.hints, ['Container port of the UI', 'Must match the Service targetPort']);
    assert.deepEqual(byPath.get('manifests.hello-universe.serviceType')!.format!.options, ['ClusterIP', 'NodePort', 'LoadBalancer']);
    assert.equal(byPath.get('manifests.hello-universe.image')!.format!.regex, '^ghcr[.]io.+hello-universe.*:[0-9.]+(-proxy)?$');
    assert.equal(byPath.get('manifests.hello-universe.dbPassword')!.format!.type, 'password');
    const origins = schema.constraints.find((c) => c.path.endsWith('$[]'))!;
    assert.deepEqual(origins.segments.slice(-2), ['allowedOrigins', '$[]']);
    assert.equal(slice(text, origins.pathSpan), 'manifests.hello-universe.allowedOrigins.$[]');
    const hint = byPath.get('manifests.hello-universe.port')!.hintSpans![1];
    assert.equal(slice(text, hint), '"Must match the Service targetPort"');
  });

  it('reports malformed templates at their place in the file', () => {
    const { text, offset } = caret('a.b:\n  schema: \'{{ required | format "${number:[10-¦1]}" }}\'\n');
    const { problems } = parsePackSchema(text);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].code, 'schema-template');
    assert.ok(problems[0].start <= offset && offset <= problems[0].end, JSON.stringify(problems[0]));
    const bad = [
      ['a:\n  schema: \'required\'\n', /one template/],
      ['a:\n  schema: \'{{ required | frobnicate }}\'\n', /Unknown function/],
      ['a:\n  schema: \'{{ format "number" }}\'\n', /\$\{TYPE\}/],
      ['a:\n  schema: \'{{ format }}\'\n', /one argument/],
      ['a:\n  schema: \'{{ hints }}\'\n', /at least one/],
      ['a:\n  schema: \'{{ format "${list:[]}" }}\'\n', /at least one choice/],
      ['a:\n  schema: \'{{ format "${string:/(/}" }}\'\n', /does not compile/],
      ['a:\n  schema: \'{{ format "${colour}" }}\'\n', /Unknown format type/],
      ['a:\n  schema: \'{{ hints "open }}\'\n', /not closed/],
      ['a:\n  schema: 5\n', /must be a string/],
      ['a:\n  other: 1\n', /no "schema"/],
    ] as const;
    for (const [source, message] of bad) {
      const found = parsePackSchema(source).problems;
      assert.ok(found.some((p) => message.test(p.message)), `${source}: ${JSON.stringify(found)}`);
      for (const p of found) assert.ok(p.start >= 0 && p.end <= source.length);
    }
  });

  it('maps spans through escapes of a double-quoted schema string', () => {
    const text = 'a:\n  schema: "{{ required | hints \\"x\\" \\"two\\" }}"\n';
    const schema = parsePackSchema(text);
    assert.deepEqual(schema.problems, []);
    assert.deepEqual(schema.constraints[0].template!.hints, ['x', 'two']);
    assert.equal(slice(text, schema.constraints[0].template!.hintSpans![1]), '\\"two\\"');
  });

  it('parses a bare template string', () => {
    const { template, problems } = parseSchemaTemplate('{{ readonly }}');
    assert.deepEqual(problems, []);
    assert.equal(template?.readonly, true);
    assert.equal(template?.required, false);
  });

  it('matches $[] against array indexes', () => {
    assert.ok(schemaPathMatches('a.list.$[]', 'a.list[3]'));
    assert.ok(schemaPathMatches('a.list.$[].name', 'a.list[0].name'));
    assert.ok(!schemaPathMatches('a.list.$[]', 'a.list'));
    assert.ok(schemaPathMatches('charts.x.y', 'charts.x.y'));
    assert.ok(!schemaPathMatches('charts.x.y', 'charts.xzy'));
  });
});

describe('presets.yaml', () => {
  it('parses the example presets and their add blocks with positions', () => {
    const text = read('presets.yaml');
    const presets = parsePackPresets(text);
    assert.deepEqual(presets.problems, []);
    assert.deepEqual(presets.presets.map((p) => [p.name?.value, p.group?.value]), [
      ['disable-api', 'Backend'],
      ['enable-api', 'Backend'],
    ]);
    assert.deepEqual(presets.presets[0].remove.map((r) => r.value), ['manifests.hello-universe.dbPassword']);
    assert.deepEqual(presets.presets[1].remove, []);
    const add = presets.presets[1].add!;
    const entry = valuesTree(add.doc).getAt('manifests.hello-universe.apiEnabled')!;
    assert.equal(entry.value, true);
    assert.equal(slice(text, add.toOuterSpan(entry.keySpan!)), 'apiEnabled');
  });

  it('reports a syntax error inside add at its place in the file', () => {
    const text = 'presets:\n  - name: a\n    group: g\n    add: |\n      x: [1\n';
    const { problems } = parsePackPresets(text);
    assert.equal(problems[0].code, 'embedded-yaml-syntax');
    assert.equal(new LineIndex(text).position(problems[0].start).line, 5);
  });
});
