// Writing merged values: only the carried overrides change; the pending version's formatting and comments stay.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { mergeValues } from '../../server/src/core/merge/overrides';
import { applyChanges } from '../../server/src/core/merge/apply';

/** Values the `yaml` printer would reformat: octal-looking numbers, a long line, a flow list, `True`, odd spacing. */
const pending = `# Pack values for 2.0.0
pack:
  namespace: demo   # where it goes

  drain:
    timeout: 120 # seconds to wait before giving up, zero means infinite
    gracePeriod: 60
files:
  - path: /etc/demo.conf
    permissions: 0644
    content: |
      [Main]
      Verbose=1
hardening: True
uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/{{ .spectro.pack.edge-native-byoi.options.system.repo }}:{{ .spectro.system.kubernetes.version }}"
tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
`;

describe('merge: writing values', () => {
  it('changes one value and leaves every other byte, comments and spacing alone', () => {
    const base = pending.replace('timeout: 120', 'timeout: 60');
    const cluster = pending.replace('timeout: 120', 'timeout: 60').replace('gracePeriod: 60', 'gracePeriod: 30');
    const m = mergeValues(base, cluster, pending);
    assert.equal(m.text, pending.replace('gracePeriod: 60', 'gracePeriod: 30'));
  });

  it('keeps a trailing comment on a changed value', () => {
    const base = pending.replace('timeout: 120', 'timeout: 60');
    const m = mergeValues(base, base.replace('timeout: 60', 'timeout: 90'), base);
    assert.equal(m.text, pending.replace('timeout: 120 #', 'timeout: 90 #'));
  });

  it('quotes strings that YAML 1.1 would read as booleans or octal numbers', () => {
    const m = mergeValues('a: x\nb: y\n', 'a: "yes"\nb: "0755"\n', 'a: x\nb: y\n');
    assert.equal(m.text, 'a: "yes"\nb: "0755"\n');
  });

  it('writes a multi-line string as a literal block at the right indentation', () => {
    const base = pending;
    const cluster = pending.replace('Verbose=1', 'Verbose=0');
    const m = mergeValues(base, cluster, pending);
    assert.equal(m.text, pending.replace('Verbose=1', 'Verbose=0'));
    assert.equal((parse(m.text) as { files: { content: string }[] }).files[0].content, '[Main]\nVerbose=0\n');
  });

  it('edits inside a flow collection on its line', () => {
    const m = mergeValues('t: {a: 1, b: 2}\n', 't: {a: 1, b: 3, c: 4}\n', 't: {a: 1, b: 2} # flow\n');
    assert.equal(m.text, 't: {a: 1, b: 3, c: 4} # flow\n');
    const gone = mergeValues('t: {a: 1, b: 2}\n', 't: {a: 1}\n', 't: {a: 1, b: 2}\n');
    assert.equal(gone.text, 't: {a: 1}\n');
  });

  it('writes `{}` when the cluster emptied a map, rather than leaving a null', () => {
    const m = mergeValues('env:\n  A: "1"\nother: x\n', 'env: {}\nother: x\n', 'env:\n  A: "1"\nother: y\n');
    assert.equal(m.text, 'env: {}\nother: y\n');
  });

  it('removes the first key of a sequence item, moving the next key onto the dash line', () => {
    const base = 'stages:\n  - retries: 3\n    name: a\n    run: x\n';
    const m = mergeValues(base, 'stages:\n  - name: a\n    run: x\n', base);
    assert.equal(m.text, 'stages:\n  - name: a\n    run: x\n');
  });

  it('replaces a scalar with a map and a map with a scalar', () => {
    const toMap = mergeValues('a: 1\nb: 2\n', 'a:\n  x: 1\nb: 2\n', 'a: 1 # c\nb: 3\n');
    assert.equal(toMap.text, 'a:\n  x: 1 # c\nb: 3\n');
    const toScalar = mergeValues('a:\n  x: 1\nb: 2\n', 'a: off\nb: 2\n', 'a:\n  x: 1\nb: 3\n');
    assert.deepEqual(parse(toScalar.text), { a: 'off', b: 3 });
    assert.equal(toScalar.text, 'a: "off"\nb: 3\n');
  });

  it('adds a key at the end of values written without a final newline (a |- block)', () => {
    const m = mergeValues('a:\n  b: 1', 'a:\n  b: 1\n  c: 2', 'a:\n  b: 2');
    assert.equal(m.text, 'a:\n  b: 2\n  c: 2');
  });

  it('edits a nested key written in dotted form inside a named list item', () => {
    const base = 'stages:\n  initramfs:\n    - name: k\n      sysctl:\n        fs.inotify.max_user_watches: "524288"\n';
    const cluster = base.replace('"524288"', '"1048576"');
    const pending = `${base}  boot: []\n`;
    const m = mergeValues(base, cluster, pending);
    assert.deepEqual(m.kept.map((k) => k.path), ['stages.initramfs[name=k].sysctl.fs.inotify.max_user_watches']);
    assert.equal(m.text, pending.replace('"524288"', '"1048576"'));
  });

  it('replaces every spelling of a value set wholesale (dotted keys below it go)', () => {
    const text = 'options:\n  system.uri: u\n  system.repo: r\n  keep: 1\n';
    const out = applyChanges(text, [{ segments: ['options', 'system'], action: 'set', value: 'flat' }]);
    assert.deepEqual(out.problems, []);
    assert.deepEqual(parse(out.text), { options: { keep: 1, system: 'flat' } });
  });

  it('recreates missing parents for a re-added override, as nested keys', () => {
    const out = applyChanges('a: 1\n', [{ segments: ['x', 'y', { name: 'n' }, 'z'], action: 'set', value: 5 }]);
    assert.deepEqual(parse(out.text), { a: 1, x: { y: [{ name: 'n', z: 5 }] } });
  });

  it('writes into an empty document', () => {
    const out = applyChanges('', [{ segments: ['a'], action: 'set', value: 1 }]);
    assert.deepEqual(parse(out.text), { a: 1 });
  });
});
