// Macro references in values: pack, system, user macros and profile variables, with spans and quoting.
import * as assert from 'node:assert/strict';
import { findMacros, findTemplates } from '../../server/src/core/parse/macros';
import { caret } from './caret';

const slice = (text: string, span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);

describe('findMacros', () => {
  it('finds a pack reference with a hyphenated pack name and a dotted path', () => {
    const text = 'image: "{{ .spectro.pack.edge-native-byoi.options.system.uri }}"';
    const [ref] = findMacros(text);
    assert.equal(ref.kind, 'pack');
    assert.equal(ref.pack, 'edge-native-byoi');
    assert.equal(ref.path, 'options.system.uri');
    assert.equal(slice(text, ref.span), '.spectro.pack.edge-native-byoi.options.system.uri');
    assert.equal(slice(text, ref.packSpan), 'edge-native-byoi');
    assert.equal(slice(text, ref.pathSpan), 'options.system.uri');
    assert.equal(slice(text, ref.templateSpan), '{{ .spectro.pack.edge-native-byoi.options.system.uri }}');
    assert.equal(ref.quote, 'double');
  });

  it('finds every reference of a system.uri line, in order', () => {
    const text = 'system.uri: "{{ .spectro.pack.os.options.system.registry }}/{{ .spectro.pack.os.options.system.repo }}:{{ .spectro.system.kubernetes.version }}"';
    const refs = findMacros(text);
    assert.deepEqual(refs.map((r) => [r.kind, r.pack, r.path]), [
      ['pack', 'os', 'options.system.registry'],
      ['pack', 'os', 'options.system.repo'],
      ['system', undefined, 'kubernetes.version'],
    ]);
  });

  it('reads pipes and the default of a reference', () => {
    const text = 'a: {{ .spectro.pack.x.a.b | default "fallback \\"q\\"" | upper }}';
    const [ref] = findMacros(text);
    assert.deepEqual(ref.pipes, ['default "fallback \\"q\\""', 'upper']);
    assert.equal(ref.defaultValue, 'fallback "q"');
    const [prefix] = findMacros('a: {{ default "v1" .spectro.pack.x.tag }}');
    assert.equal(prefix.defaultValue, 'v1');
    assert.equal(prefix.path, 'tag');
  });

  it('finds user macros and profile variables, noting single quotes', () => {
    const { text, offset } = caret("password: '{{.spectro.var.|registry_password}}'\nuser: {{ .spectro.var.user }}\nsite: {{ .spectro.macro.site_name }}\n");
    const [quoted, bare, macro] = findMacros(text);
    assert.equal(quoted.kind, 'var');
    assert.equal(quoted.name, 'registry_password');
    assert.equal(quoted.nameSpan?.start, offset);
    assert.equal(quoted.singleQuoted, true);
    assert.equal(bare.kind, 'var');
    assert.equal(bare.singleQuoted, false);
    assert.equal(bare.quote, 'none');
    assert.equal(macro.kind, 'macro');
    assert.equal(macro.name, 'site_name');
  });

  it("does not take an apostrophe in plain text for a quote, and notes comments", () => {
    const refs = findMacros("note: it's {{ .spectro.var.x }}\n# {{ .spectro.var.y }}\nz: 'a' {{ .spectro.var.z }}\n");
    assert.deepEqual(refs.map((r) => [r.name, r.quote, r.inComment]), [
      ['x', 'none', false],
      ['y', 'none', true],
      ['z', 'none', false],
    ]);
  });

  it('handles trim markers, unknown namespaces and unclosed templates', () => {
    const { text, offset } = caret('a: {{- .spectro.cluster.name -}}\nb: |{{ .spectro.pack.x.y\n');
    const { templates, unclosed } = findTemplates(text);
    assert.equal(templates.length, 1);
    assert.equal(templates[0].refs[0].kind, 'unknown');
    assert.equal(templates[0].refs[0].name, 'cluster');
    assert.deepEqual(unclosed, [{ start: offset, end: offset + 2 }]);
    assert.deepEqual(findMacros('no templates here'), []);
    assert.deepEqual(findMacros('{{ .Values.x }}'), []);
  });

  it('reports a pack reference without a path', () => {
    const [ref] = findMacros('{{ .spectro.pack.only }}');
    assert.equal(ref.pack, 'only');
    assert.equal(ref.path, undefined);
  });
});
