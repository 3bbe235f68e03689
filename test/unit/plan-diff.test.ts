// The planner's semantic diff: what counts as a change, how it is matched, named and located.
import * as assert from 'node:assert/strict';
import { diffProfiles } from '../../server/src/core/plan/diff';
import type { ProfileChange } from '../../server/src/core/plan/model';
import { locationOf } from '../../server/src/core/plan/model';
import { profile, type PackSpec } from './plan-fixtures';

function diffValues(before: string, after: string, layer = 'addon'): ProfileChange[] {
  const pack = (values: string): PackSpec => ({ name: 'p', layer, tag: '1.0.0', values });
  return diffProfiles(profile({ packs: [pack(before)] }), profile({ packs: [pack(after)] }));
}

function brief(changes: ProfileChange[]): string[] {
  return changes.map((c) => `${c.change} ${c.path}`);
}

describe('plan: semantic diff', () => {
  describe('values', () => {
    it('treats a dotted key and the nested keys it stands for as the same value', () => {
      assert.deepEqual(diffValues('options:\n  system.uri: x\n  system.registry: r', 'options:\n  system:\n    uri: x\n    registry: r'), []);
      assert.deepEqual(diffValues('a.b.c: 1', 'a:\n  b:\n    c: 1'), []);
      assert.deepEqual(diffValues('a.b: 1\nz: 0\na:\n  c: 2', 'a:\n  c: 2\n  b: 1\nz: 0'), []);
    });

    it('names a change by its dotted path whichever spelling each side uses', () => {
      const changes = diffValues('options:\n  system.uri: x', 'options:\n  system:\n    uri: y');
      assert.deepEqual(brief(changes), ['modified options.system.uri']);
      assert.deepEqual(changes[0].keyPath, ['options', 'system', 'uri']);
      assert.equal(changes[0].before, 'x');
      assert.equal(changes[0].after, 'y');
    });

    it('ignores quoting, flow versus block style, comments and key order', () => {
      const before = 'a: "x"\nb: [1, 2]\nc: {d: true, e: null}\n';
      const after = '# a comment\nc:\n  e: ~\n  d: true\nb:\n  - 1\n  - 2\na: x   # same string\n';
      assert.deepEqual(diffValues(before, after), []);
    });

    it('still sees a change of type (the string "5" is not the number 5)', () => {
      assert.deepEqual(brief(diffValues('a: "5"', 'a: 5')), ['modified a']);
    });

    it('reports a subtree that appears once, at its root', () => {
      const changes = diffValues('a: 1', 'a: 1\nb:\n  c:\n    d: 1\n    e: [1, 2]');
      assert.deepEqual(brief(changes), ['added b']);
      assert.deepEqual(changes[0].after, { c: { d: 1, e: [1, 2] } });
    });

    it('reports a subtree that disappears once, at its root', () => {
      assert.deepEqual(brief(diffValues('a: 1\nb:\n  c: 2\n  d: 3', 'a: 1')), ['removed b']);
    });

    it('reports leaf changes inside a subtree that stays', () => {
      assert.deepEqual(brief(diffValues('a:\n  b: 1\n  c: 2', 'a:\n  b: 1\n  c: 3\n  d: 4')), ['modified a.c', 'added a.d']);
    });

    it('matches Kairos stage steps by name, so inserting a step does not shift the others', () => {
      const before = 'stages:\n  boot:\n    - name: tz\n      commands: [date]\n    - name: ntp\n      commands: [chronyc]';
      const after = 'stages:\n  boot:\n    - name: first\n      commands: [echo]\n    - name: tz\n      commands: [date]\n    - name: ntp\n      commands: [chronyc, sync]';
      const changes = diffValues(before, after, 'os');
      assert.deepEqual(brief(changes), ['added stages.boot[name=ntp].commands[1]', 'added stages.boot[name=first]']);
      assert.deepEqual(changes[1].after, { name: 'first', commands: ['echo'] });
    });

    it('does not report a named list whose relative order is kept', () => {
      const before = 'stages:\n  boot:\n    - name: tz\n      commands: [date]';
      const after = 'stages:\n  boot:\n    - name: tz\n      commands: [date, uptime]';
      assert.deepEqual(brief(diffValues(before, after, 'os')), ['added stages.boot[name=tz].commands[1]']);
    });

    it('reports a moved named step as a change to the list order', () => {
      const before = 'stages:\n  boot:\n    - name: a\n    - name: b';
      const after = 'stages:\n  boot:\n    - name: b\n    - name: a';
      const changes = diffValues(before, after, 'os');
      assert.deepEqual(brief(changes), ['modified stages.boot']);
      assert.deepEqual(changes[0].keyPath, ['stages', 'boot']);
    });

    it('falls back to positions for steps without names', () => {
      const before = 'stages:\n  boot:\n    - commands: [a]\n    - commands: [b]';
      const after = 'stages:\n  boot:\n    - commands: [a]\n    - commands: [c]';
      const changes = diffValues(before, after, 'os');
      assert.deepEqual(brief(changes), ['modified stages.boot[1].commands[0]']);
      assert.deepEqual(changes[0].keyPath, ['stages', 'boot', 'commands']);
    });

    it('aligns lists of scalars by content: an insertion is one addition, an edit one modification', () => {
      assert.deepEqual(brief(diffValues('l: [a, b, c]', 'l: [a, x, b, c]')), ['added l[1]']);
      assert.deepEqual(brief(diffValues('l: [a, b, c]', 'l: [a, B, c]')), ['modified l[1]']);
      assert.deepEqual(brief(diffValues('l: [a, b, c]', 'l: [a, c]')), ['removed l[1]']);
    });

    it('compares a values string whose parsed YAML is equal as unchanged, even when its text differs a lot', () => {
      assert.deepEqual(diffValues('a:\n  b: 1\n  c: [x]', 'a: {c: ["x"], b: 1}'), []);
    });

    it('treats missing values and empty values alike', () => {
      const a = profile({ packs: [{ name: 'p', layer: 'addon', tag: '1' }] });
      const b = profile({ packs: [{ name: 'p', layer: 'addon', tag: '1', values: '' }] });
      assert.deepEqual(diffProfiles(a, b), []);
    });
  });

  describe('packs', () => {
    const packs: PackSpec[] = [
      { name: 'os', layer: 'os', tag: '1.0.0', values: 'a: 1' },
      { name: 'k8s', layer: 'k8s', tag: '1.30.1', values: 'b: 2' },
      { name: 'app', layer: 'addon', tag: '2.0.0', values: 'c: 3' },
    ];

    it('sees no change when packs only move in the list', () => {
      assert.deepEqual(diffProfiles(profile({ packs }), profile({ packs: [packs[2], packs[0], packs[1]] })), []);
    });

    it('reports a tag change at path "tag" with both tags', () => {
      const changes = diffProfiles(profile({ packs }), profile({ packs: [packs[0], { ...packs[1], tag: '1.31.0' }, packs[2]] }));
      assert.deepEqual(changes.map((c) => [c.pack, c.part, c.path, c.before, c.after]), [['k8s', 'tag', 'tag', '1.30.1', '1.31.0']]);
    });

    it('reports a pack type change at path "type"', () => {
      const changes = diffProfiles(profile({ packs }), profile({ packs: [packs[0], packs[1], { ...packs[2], type: 'helm' }] }));
      assert.deepEqual(changes.map((c) => [c.pack, c.part, c.path, c.before, c.after]), [['app', 'type', 'type', 'spectro', 'helm']]);
    });

    it('reports added and removed packs at path ""', () => {
      const changes = diffProfiles(profile({ packs }), profile({ packs: [packs[0], packs[1], { name: 'other', layer: 'addon', tag: '1.0.0' }] }));
      assert.deepEqual(changes.map((c) => [c.change, c.pack, c.part, c.path]), [['added', 'other', 'pack', ''], ['removed', 'app', 'pack', '']]);
      assert.deepEqual(changes[1].before, { name: 'app', layer: 'addon', type: 'spectro', tag: '2.0.0' });
    });

    it('matches packs by name and layer, so the same name in another layer is a different pack', () => {
      const changes = diffProfiles(profile({ packs }), profile({ packs: [packs[0], packs[1], { ...packs[2], layer: 'csi' }] }));
      assert.deepEqual(changes.map((c) => `${c.change} ${c.pack}/${c.layer}`), ['added app/csi', 'removed app/addon']);
    });
  });

  describe('manifests', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: hello\n  labels:\n    retail.example.com/site: "1"';
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site\n  namespace: hello\ndata:\n  A: "1"';
    const deploy = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: hello\nspec:\n  replicas: ${replicas}`;
    const withContent = (...docs: string[]) => profile({ packs: [{ name: 'hello', layer: 'addon', tag: '1.0.0', type: 'manifest', manifests: [{ name: 'hello', content: docs.join('\n---\n') }] }] });

    it('matches objects by kind, namespace and name, not by position', () => {
      assert.deepEqual(diffProfiles(withContent(ns, cm, deploy(1)), withContent(deploy(1), ns, cm)), []);
    });

    it('names a field change inside an object with the object id in brackets', () => {
      const changes = diffProfiles(withContent(ns, deploy(1)), withContent(ns, deploy(2)));
      assert.deepEqual(brief(changes), ['modified manifests.hello[Deployment/hello/web].spec.replicas']);
      assert.equal(changes[0].part, 'manifest');
      assert.equal(changes[0].manifest, 'hello');
      assert.equal(changes[0].object, 'Deployment/hello/web');
    });

    it('reports a removed object once, with the object as before', () => {
      const changes = diffProfiles(withContent(ns, cm, deploy(1)), withContent(ns, deploy(1)));
      assert.deepEqual(brief(changes), ['removed manifests.hello[ConfigMap/hello/site]']);
      assert.equal((changes[0].before as { kind: string }).kind, 'ConfigMap');
      assert.deepEqual(changes[0].keyPath, ['manifests', 'hello']);
    });

    it('reports an added object, and writes objects without a namespace as Kind/name', () => {
      assert.deepEqual(brief(diffProfiles(withContent(deploy(1)), withContent(ns, deploy(1)))), ['added manifests.hello[Namespace/hello]']);
    });

    it('keeps dotted Kubernetes keys whole and quotes them in the path', () => {
      const changed = ns.replace('"1"', '"2"');
      assert.deepEqual(brief(diffProfiles(withContent(ns), withContent(changed))), ['modified manifests.hello[Namespace/hello].metadata.labels["retail.example.com/site"]']);
    });

    it('reports a whole manifest removed, listing its objects', () => {
      const a = profile({ packs: [{ name: 'hello', layer: 'addon', tag: '1', manifests: [{ name: 'one', content: cm }, { name: 'two', content: ns }] }] });
      const b = profile({ packs: [{ name: 'hello', layer: 'addon', tag: '1', manifests: [{ name: 'one', content: cm }] }] });
      const changes = diffProfiles(a, b);
      assert.deepEqual(brief(changes), ['removed manifests.two']);
      assert.deepEqual(changes[0].before, ['Namespace/hello']);
    });
  });

  describe('profile level', () => {
    it('reports version and variable changes', () => {
      const vars = (regex: string) => `- name: site_id\n  format: string\n  regex: "${regex}"\n- name: gone\n  format: string`;
      const a = profile({ version: '1.0.0', packs: [], variables: vars('^[0-9]{3}$') });
      const b = profile({ version: '1.1.0', packs: [], variables: `${vars('^[0-9]{4}$').split('\n- name: gone')[0]}\n- name: fresh\n  format: number` });
      const changes = diffProfiles(a, b);
      assert.deepEqual(brief(changes), ['modified version', 'modified variables.site_id.regex', 'removed variables.gone', 'added variables.fresh']);
      assert.ok(changes.every((c) => c.part === 'profile' && c.pack === '' && c.layer === ''));
      assert.deepEqual(changes[3].after, { name: 'fresh', format: 'number' });
    });
  });

  describe('locations', () => {
    const a = profile({ packs: [{ name: 'p', layer: 'os', tag: '1', values: 'pack:\n  drain:\n    timeout: 60\n    cordon: true' }, { name: 'q', layer: 'addon', tag: '1' }] });
    const b = profile({ packs: [{ name: 'p', layer: 'os', tag: '1', values: 'pack:\n  drain:\n    timeout: 120' }] });
    const changes = diffProfiles(a, b);

    it('puts a modification on the value in both documents', () => {
      const c = changes.find((x) => x.path === 'pack.drain.timeout');
      assert.ok(c?.pendingSpan && c.currentSpan);
      assert.equal(b.text.slice(c.pendingSpan.start, c.pendingSpan.end), '120');
      assert.equal(a.text.slice(c.currentSpan.start, c.currentSpan.end), '60');
      assert.deepEqual(locationOf(c), { side: 'pending', span: c.pendingSpan });
    });

    it('puts a removal on the removed key in current and on its parent in pending', () => {
      const c = changes.find((x) => x.path === 'pack.drain.cordon');
      assert.ok(c?.pendingSpan && c.currentSpan);
      assert.equal(a.text.slice(c.currentSpan.start, c.currentSpan.end), 'cordon: true');
      assert.equal(b.text.slice(c.pendingSpan.start, c.pendingSpan.end), 'drain');
    });

    it('locates a removed pack in the current document only', () => {
      const c = changes.find((x) => x.pack === 'q');
      assert.equal(c?.pendingSpan, undefined);
      assert.ok(c?.currentSpan && a.text.slice(c.currentSpan.start, c.currentSpan.end).startsWith('name: q'));
      assert.equal(locationOf(c)?.side, 'current');
    });
  });
});
