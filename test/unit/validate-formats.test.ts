// Constraint formats: composite formats ("${string}/${string}:${version}"), RE2 patterns in linear time, and their parse errors in place.
import * as assert from 'node:assert/strict';
import { parsePackSchema } from '../../server/src/core/parse/packFiles';
import type { Problem } from '../../server/src/core/types';
import { validatePackFile } from '../../server/src/core/validate/index';

/** A one-constraint schema.yaml for `app.value`, the template in single quotes as packs write it. */
function schemaFor(format: string): string {
  return `app.value:\n  schema: '{{ required | format "${format}" }}'\n`;
}

/** Problems of a values.yaml holding `app.value: <value>` against `format`; the value starts at the returned offset. */
function check(format: string, value: string): { problems: Problem[]; text: string; at: number } {
  const text = `app:\n  value: ${value}\n`;
  return { problems: validatePackFile('pack-values', text, { schemaText: schemaFor(format) }), text, at: text.indexOf('value: ') + 7 };
}

function accepts(format: string, value: string): void {
  assert.deepEqual(check(format, value).problems, [], `${format} should accept ${value}`);
}

function rejects(format: string, value: string, message: RegExp): void {
  const { problems, text, at } = check(format, value);
  assert.equal(problems.length, 1, `${format} should reject ${value}: ${JSON.stringify(problems)}`);
  const [p] = problems;
  assert.equal(p.code, 'constraint-format');
  assert.equal(p.severity, 'error');
  assert.equal(p.start, at);
  assert.equal(text.slice(p.start, p.end), value);
  assert.match(p.message, message);
}

describe('formats: composite', () => {
  const image = '${string}/${string}:${version}';

  it('parses literal text and parts, each part with its span in schema.yaml', () => {
    const text = schemaFor(image);
    const { constraints, problems } = parsePackSchema(text);
    assert.deepEqual(problems, []);
    const format = constraints[0].template!.format!;
    assert.equal(format.type, 'composite');
    assert.equal(format.text, image);
    assert.deepEqual(format.pieces.map((p) => (typeof p === 'string' ? p : p.type)), ['string', '/', 'string', ':', 'version']);
    assert.equal(text.slice(format.parts[2].span.start, format.parts[2].span.end), '${version}');
    assert.equal(text.slice(format.span.start, format.span.end), `"${image}"`);
  });

  it('an image reference fits registry/repository:version', () => {
    accepts(image, 'ghcr.io/spectrocloud/hello-universe:1.1.1');
    accepts(image, 'docker.io/library/nginx:1.27.0');
    rejects(image, 'hello-universe:1.1.1', /does not have the shape of the format \(schema\.yaml: format "\$\{string\}\/\$\{string\}:\$\{version\}"\)/);
    rejects(image, 'ghcr.io/spectrocloud/hello-universe:latest', /does not have the shape/);
  });

  it('checks each part where it stands: the docs\' IP range example', () => {
    const range = '${ipv4} - ${ipv4}';
    accepts(range, '10.10.10.10 - 10.10.10.255');
    rejects(range, '10.10.10.10', /does not have the shape/);
    rejects(range, '10.10.10.10-10.10.10.255', /does not have the shape/);
    rejects(range, '10.10.10.10 - 10.10.10.256', /has '10\.10\.10\.256' where the format's second part \$\{ipv4\} is, which is not an IPv4 address/);
  });

  it('a pattern inside a composite matches its part: the docs\' string regex example', () => {
    const format = '${string}, ${string:/size=\\d+/}';
    accepts(format, "'type-zeroedthick, size=150'");
    rejects(format, "'type-zeroedthick, size=s'", /does not have the shape/);
    // A part's own anchors bound the part, not the whole value.
    accepts('${string:/^[a-z]+$/}-${number:[1-9]}', 'edge-3');
    rejects('${string:/^[a-z]+$/}-${number:[1-9]}', 'edge-12', /second part \$\{number\} is, which is outside the range 1-9/);
    accepts('${list:[a.b,c]}:${boolean}', "'a.b:true'");
    rejects('${list:[a.b,c]}:${boolean}', "'axb:true'", /does not have the shape/);
  });
});

describe('formats: single parts and RE2', () => {
  it('number, string and password take a /pattern/, as the pack-constraints page shows', () => {
    accepts('${number:/^(500[0-5])$/}', '5003');
    rejects('${number:/^(500[0-5])$/}', '5009', /does not match \/\^\(500\[0-5\]\)\$\//);
    rejects('${number:/^(500[0-5])$/}', 'abc', /does not match/);
    accepts('${password:/^[a-z0-9]{8,}$/}', 's3cretpass');
    assert.deepEqual(parsePackSchema(schemaFor('${number:/^5$/}')).problems, []);
  });

  it('RE2 syntax decides what compiles: lookbehind warns, Go\'s named groups and POSIX classes do not', () => {
    assert.deepEqual(parsePackSchema(schemaFor('${string:/(?P<v>[[:digit:]]+)\\z/}')).problems, []);
    const text = schemaFor('${string:/(?<=a)b/}');
    const offset = text.indexOf('/(?<=');
    const [p] = parsePackSchema(text).problems;
    assert.equal(p.code, 'schema-template');
    assert.equal(p.severity, 'warning');
    assert.equal(p.start, offset);
    assert.equal(text.slice(p.start, p.end), '/(?<=a)b/');
    assert.match(p.message, /does not compile as RE2/);
  });

  it('a catastrophic pattern answers in milliseconds (RE2 runs in linear time)', () => {
    const started = performance.now();
    const { problems } = check('${string:/^(a+)+$/}', 'a'.repeat(10_000) + 'b');
    assert.equal(problems.length, 1);
    accepts('${string:/^(a+)+$/}-${string:/^(a|aa)+$/}', 'a'.repeat(5_000) + '-' + 'a'.repeat(5_000));
    assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
  });

  it('malformed parts are reported at their place; unknown types warn', () => {
    const bad: [string, RegExp, Problem['severity']][] = [
      ['${string', /is written "\$\{TYPE\}"/, 'error'],
      ['${}', /is written "\$\{TYPE\}"/, 'error'],
      ['${string x}', /is written "\$\{TYPE\}"/, 'error'],
      ['plain text', /A format is written/, 'error'],
      ['${string:abc}', /between slashes/, 'error'],
      ['${ipv4}/${input}', /Unknown format type "input"/, 'warning'],
    ];
    for (const [format, message, severity] of bad) {
      const text = schemaFor(format);
      const problems = parsePackSchema(text).problems;
      assert.equal(problems.length, 1, `${format}: ${JSON.stringify(problems)}`);
      assert.match(problems[0].message, message, format);
      assert.equal(problems[0].severity, severity, format);
      assert.ok(problems[0].start >= text.indexOf('"${') || format === 'plain text', format);
    }
  });
});
