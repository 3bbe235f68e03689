// Three-way merge of one pack's values: which overrides are kept, conflict, or are dropped, and what text results.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyMerge, mergeValues, readd, resolve } from '../../server/src/core/merge/overrides';

const current = `image:
  repository: ghcr.io/acme/app
  tag: 1.0.0
replicas: 1
logLevel: info
`;

describe('merge: override classification', () => {
  it('carries an override the new version left alone (replicas 3 while the image changed)', () => {
    const cluster = current.replace('replicas: 1', 'replicas: 3');
    const pending = current.replace('tag: 1.0.0', 'tag: 1.1.0');
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.overrides.map((o) => [o.path, o.kind, o.base, o.value]), [['replicas', 'changed', 1, 3]]);
    assert.deepEqual(m.kept.map((k) => [k.path, k.value, k.note]), [['replicas', 3, undefined]]);
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(m.dropped, []);
    assert.equal(m.text, pending.replace('replicas: 1', 'replicas: 3'));
    assert.equal(m.changed, true);
    assert.deepEqual(m.problems, []);
  });

  it('notes an override the new version made itself, and writes nothing for it', () => {
    const cluster = current.replace('replicas: 1', 'replicas: 3');
    const pending = current.replace('replicas: 1', 'replicas: 3');
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.kept.map((k) => [k.path, k.note]), [['replicas', 'already in new version']]);
    assert.equal(m.text, pending);
    assert.equal(m.changed, false);
  });

  describe('a conflict: the new version changed replicas 1 → 2, the cluster had 3', () => {
    const cluster = current.replace('replicas: 1', 'replicas: 3');
    const pending = current.replace('replicas: 1', 'replicas: 2');
    const m = mergeValues(current, cluster, pending);

    it('is reported with base, mine and theirs', () => {
      assert.deepEqual(m.kept, []);
      assert.equal(m.conflicts.length, 1);
      const c = m.conflicts[0];
      assert.deepEqual([c.path, c.base, c.mine, c.theirs, c.resolution], ['replicas', 1, 3, 2, undefined]);
    });

    it('keeps the new version until resolved, as Palette applies the pending side as it is', () => {
      assert.equal(m.text, pending);
      assert.equal(m.changed, false);
    });

    it('resolves to mine, theirs, or a value of the user’s own', () => {
      const mine = applyMerge(pending, { ...m, conflicts: [resolve(m.conflicts[0], 'mine')] });
      assert.equal(mine.text, pending.replace('replicas: 2', 'replicas: 3'));
      const theirs = applyMerge(pending, { ...m, conflicts: [resolve(m.conflicts[0], 'theirs')] });
      assert.equal(theirs.text, pending);
      assert.equal(theirs.changed, false);
      const custom = applyMerge(pending, { ...m, conflicts: [resolve(m.conflicts[0], { value: 5 })] });
      assert.equal(custom.text, pending.replace('replicas: 2', 'replicas: 5'));
    });

    it('resolve() does not change the conflict it was given', () => {
      const r = resolve(m.conflicts[0], 'mine');
      assert.equal(r.resolution, 'mine');
      assert.equal(m.conflicts[0].resolution, undefined);
    });

    it('takes resolutions up front through options.resolve', () => {
      const up = mergeValues(current, cluster, pending, { resolve: (c) => (c.path === 'replicas' ? 'mine' : undefined) });
      assert.equal(up.conflicts[0].resolution, 'mine');
      assert.equal(up.text, pending.replace('replicas: 2', 'replicas: 3'));
    });
  });

  it('conflicts when both sides added the same key with different values', () => {
    const m = mergeValues(current, `${current}extra: mine\n`, `${current}extra: theirs\n`);
    assert.deepEqual(m.conflicts.map((c) => [c.path, c.kind, c.base, c.mine, c.theirs]), [['extra', 'added', undefined, 'mine', 'theirs']]);
  });

  it('drops an override whose key the new version removed, and re-adds it only when asked', () => {
    const cluster = current.replace('logLevel: info', 'logLevel: debug');
    const pending = current.replace('logLevel: info\n', '');
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.kept, []);
    assert.equal(m.dropped.length, 1);
    const d = m.dropped[0];
    assert.deepEqual([d.path, d.reason, d.missing, d.value, d.base], ['logLevel', 'key-removed', 'logLevel', 'debug', 'info']);
    assert.match(d.message, /removed logLevel/);
    assert.equal(m.text, pending);
    const back = applyMerge(pending, { ...m, dropped: [readd(d)] });
    assert.equal(back.text, `${pending}logLevel: debug\n`);
    const asked = mergeValues(current, cluster, pending, { readd: () => true });
    assert.equal(asked.text, back.text);
  });

  it('drops an override whose parent the new version removed, naming the parent', () => {
    const cluster = current.replace('tag: 1.0.0', 'tag: 1.0.1');
    const pending = 'replicas: 1\nlogLevel: info\n';
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.dropped.map((d) => [d.path, d.reason, d.missing]), [['image.tag', 'parent-removed', 'image']]);
    const back = mergeValues(current, cluster, pending, { readd: () => true });
    assert.deepEqual(parse(back.text), { replicas: 1, logLevel: 'info', image: { tag: '1.0.1' } });
  });

  it('drops an override whose parent became a scalar, as parent-changed', () => {
    const cluster = current.replace('tag: 1.0.0', 'tag: 1.0.1');
    const pending = 'image: ghcr.io/acme/app:1.1.0\nreplicas: 1\nlogLevel: info\n';
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.dropped.map((d) => [d.path, d.reason, d.missing]), [['image.tag', 'parent-changed', 'image']]);
  });

  it('carries a key the cluster deleted as a deletion', () => {
    const cluster = current.replace('logLevel: info\n', '');
    const pending = current.replace('tag: 1.0.0', 'tag: 1.1.0');
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.kept.map((k) => [k.path, k.kind, k.value]), [['logLevel', 'removed', undefined]]);
    assert.equal(m.text, pending.replace('logLevel: info\n', ''));
  });

  it('conflicts when the cluster deleted a key the new version changed (mine is undefined)', () => {
    const cluster = current.replace('logLevel: info\n', '');
    const pending = current.replace('logLevel: info', 'logLevel: warn');
    const m = mergeValues(current, cluster, pending);
    assert.deepEqual(m.conflicts.map((c) => [c.path, c.kind, c.base, c.mine, c.theirs]), [['logLevel', 'removed', 'info', undefined, 'warn']]);
    assert.equal(applyMerge(pending, { ...m, conflicts: [resolve(m.conflicts[0], 'mine')] }).text, pending.replace('logLevel: warn\n', ''));
  });

  it('treats a deletion the new version also made as already done', () => {
    const cluster = current.replace('logLevel: info\n', '');
    const m = mergeValues(current, cluster, cluster);
    assert.deepEqual(m.kept.map((k) => [k.path, k.note]), [['logLevel', 'already in new version']]);
    assert.equal(m.changed, false);
  });

  it('writes a key the cluster added into the new version', () => {
    const m = mergeValues(current, current.replace('  tag: 1.0.0\n', '  tag: 1.0.0\n  pullPolicy: Always\n'), current.replace('tag: 1.0.0', 'tag: 1.1.0'));
    assert.deepEqual(m.kept.map((k) => [k.path, k.kind, k.value]), [['image.pullPolicy', 'added', 'Always']]);
    assert.equal(m.text, current.replace('  tag: 1.0.0\n', '  tag: 1.1.0\n  pullPolicy: Always\n'));
  });

  it('reports a problem and carries nothing when a side is not valid YAML', () => {
    const m = mergeValues(current, 'a: [1, 2', current);
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0], /cluster/);
    assert.equal(m.text, current);
  });

  it('returns the pending text unchanged, byte for byte, when the cluster has no overrides', () => {
    const pending = '# comment\r\nkey:   value   # spaced\r\nlist: [ a,b ]\r\nmode: 0644\r\n';
    const m = mergeValues(current, current, pending);
    assert.equal(m.text, pending);
    assert.equal(m.changed, false);
    assert.deepEqual([m.overrides, m.kept, m.conflicts, m.dropped, m.problems], [[], [], [], [], []]);
  });
});

describe('merge: values shapes', () => {
  it('equates dotted and nested spellings, and edits the dotted key the new version writes', () => {
    const base = 'options:\n  system.uri: "{{ .x }}"\n  system.registry: ttl.sh\n  system.repo: ubuntu\n';
    const cluster = 'options:\n  system:\n    uri: "{{ .x }}"\n    registry: harbor.example.com\n    repo: ubuntu\n';
    const pending = 'options:\n  system.uri: "{{ .x }}"\n  system.registry: ttl.sh # where images come from\n  system.repo: ubuntu\n  system.osName: ubuntu\n';
    const m = mergeValues(base, cluster, pending);
    assert.deepEqual(m.overrides.map((o) => [o.path, o.value]), [['options.system.registry', 'harbor.example.com']]);
    assert.equal(m.text, pending.replace('system.registry: ttl.sh', 'system.registry: harbor.example.com'));
  });

  it('adds a new key in the dotted spelling its siblings use', () => {
    const base = 'options:\n  system.registry: ttl.sh\n  system.repo: ubuntu\n';
    const cluster = 'options:\n  system:\n    registry: ttl.sh\n    repo: ubuntu\n    customTag: store\n';
    const m = mergeValues(base, cluster, base);
    assert.equal(m.text, 'options:\n  system.registry: ttl.sh\n  system.repo: ubuntu\n  system.customTag: store\n');
  });

  it('treats lists of scalars as one value and changes only the items that differ', () => {
    const base = 'args:\n  - a=1 # first\n  - b=2\n  - c=3 # third\n';
    const cluster = 'args: [a=1, b=20, c=3]\n';
    const pending = `${base}other: x\n`;
    const m = mergeValues(base, cluster, pending);
    assert.deepEqual(m.kept.map((k) => [k.path, k.value]), [['args', ['a=1', 'b=20', 'c=3']]]);
    assert.equal(m.text, 'args:\n  - a=1 # first\n  - b=20\n  - c=3 # third\nother: x\n');
  });

  it('conflicts on a whole list when both sides changed it', () => {
    const m = mergeValues('l: [1, 2]\n', 'l: [1, 3]\n', 'l: [1, 2, 4]\n');
    assert.deepEqual(m.conflicts.map((c) => [c.path, c.mine, c.theirs]), [['l', [1, 3], [1, 2, 4]]]);
  });

  it('matches items of a named list by name, wherever the new version moved them', () => {
    const base = 'stages:\n  boot:\n    - name: time\n      commands: [a]\n    - name: net\n      commands: [b]\n';
    const cluster = 'stages:\n  boot:\n    - name: time\n      commands: [a2]\n    - name: net\n      commands: [b]\n';
    const pending = 'stages:\n  boot:\n    - name: net # moved first\n      commands: [b]\n    - name: time\n      commands: [a]\n      timeout: 5\n';
    const m = mergeValues(base, cluster, pending);
    assert.deepEqual(m.kept.map((k) => k.path), ['stages.boot[name=time].commands']);
    assert.equal(m.text, pending.replace('commands: [a]', 'commands: [a2]'));
  });

  it('adds and removes named items the cluster added and removed', () => {
    const base = 'stages:\n  boot:\n    - name: a\n      x: 1\n    - name: b\n      x: 2\n';
    const cluster = 'stages:\n  boot:\n    - name: a\n      x: 1\n    - name: new\n      x: 9\n';
    const pending = 'stages:\n  boot:\n    - name: a\n      x: 1\n    - name: b\n      x: 2\n    - name: c\n      x: 3\n';
    const m = mergeValues(base, cluster, pending);
    assert.deepEqual(m.kept.map((k) => [k.path, k.kind, k.after]), [['stages.boot[name=b]', 'removed', undefined], ['stages.boot[name=new]', 'added', 'a']]);
    assert.equal(m.text, 'stages:\n  boot:\n    - name: a\n      x: 1\n    - name: new\n      x: 9\n    - name: c\n      x: 3\n');
  });

  it('overrides a named list as a whole when the cluster reordered it (stages run in order)', () => {
    const base = 'boot:\n  - name: a\n  - name: b\n';
    const m = mergeValues(base, 'boot:\n  - name: b\n  - name: a\n', `${base}x: 1\n`);
    assert.deepEqual(m.overrides.map((o) => [o.path, o.kind]), [['boot', 'changed']]);
    assert.deepEqual(parse(m.text), { boot: [{ name: 'b' }, { name: 'a' }], x: 1 });
  });
});
