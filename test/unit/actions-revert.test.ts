// Reverting one planned change to its baseline value: the edit leaves exactly the other changes, and keeps the file's formatting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../server/src/core/actions/edits';
import { revertEdits } from '../../server/src/core/actions/revert';
import { parsePath, revertTitle } from '../../server/src/core/actions/revertTitle';
import { parseProfile, type ProfileModel } from '../../server/src/core/parse/profile';
import { diffProfiles } from '../../server/src/core/plan/diff';
import { formatSegs } from '../../server/src/core/plan/diffTree';
import type { ProfileChange } from '../../server/src/core/plan/model';
import { planUpdate } from '../../server/src/core/plan/plan';
import { profileText, withK8sTag, type ProfileSpec } from './plan-fixtures';

const examples = join(__dirname, '..', '..', '..', 'examples');
const parse = (text: string) => parseProfile(text, undefined, { cache: null });
const key = (c: ProfileChange) => `${c.pack}|${c.part}|${c.path}|${c.change}`;

/** Reverts the change at `path` (of `pack`) and returns the new text and the changes left against the baseline. */
function revert(baseline: ProfileModel, pending: ProfileModel, pack: string, path: string) {
  const changes = diffProfiles(baseline, pending);
  const change = changes.find((c) => c.pack === pack && c.path === path);
  assert.ok(change, `no change ${pack} ${path} in ${changes.map(key).join(', ')}`);
  const edits = revertEdits(baseline, pending, change, changes);
  assert.ok(edits, `no revert for ${key(change)}`);
  const text = applyEdits(pending.text, edits);
  const after = parse(text);
  assert.deepEqual(after.problems, []);
  const left = diffProfiles(baseline, after).map(key);
  assert.deepEqual(left, changes.filter((c) => c !== change).map(key));
  return { text, edits, left };
}

function pair(base: ProfileSpec, next: ProfileSpec) {
  return { baseline: parse(profileText(base)), pending: parse(profileText(next)) };
}

describe('actions: revert a change to the baseline', () => {
  describe('on the example edge-retail 1.0.0 → 1.1.0, with a Kubernetes minor step', () => {
    const baseline = parse(readFileSync(join(examples, '.palette', 'profiles', 'edge-retail', '1.0.0.yaml'), 'utf8'));
    const pending = parse(withK8sTag(readFileSync(join(examples, 'edge-retail', 'edge-retail.profile.yaml'), 'utf8')));
    const plan = planUpdate(baseline, pending);

    it('reverts every values and tag change, each alone', () => {
      const revertible = plan.changes.filter((c) => c.part !== 'manifest' && c.path !== 'version');
      assert.equal(revertible.length, 7);
      for (const c of revertible) revert(baseline, pending, c.pack, c.path);
    });

    it('writes a scalar back in its baseline spelling, touching one line of the block', () => {
      const { text, edits } = revert(baseline, pending, 'edge-native-byoi', 'options.system.registry');
      assert.equal(edits.length, 1);
      assert.ok(!edits[0].newText.includes('\n'), JSON.stringify(edits));
      assert.match(text, /^ {12}system\.registry: ttl\.sh$/m);
      assert.equal(text.split('\n').length, pending.text.split('\n').length);
    });

    it('keeps the comment after a reverted value', () => {
      const { text } = revert(baseline, pending, 'edge-native-byoi', 'pack.drain.timeout');
      assert.match(text, /timeout: 60 # seconds to wait before giving up, zero means infinite/);
    });

    it('reverts a tag outside the values, and a line of a multi-line string inside them', () => {
      assert.match(revert(baseline, pending, 'edge-k3s', 'tag').text, /^ {8}tag: 1\.30\.5$/m);
      const { text } = revert(baseline, pending, 'edge-native-byoi', 'stages.reconcile[name=Journald limits].files[0].content');
      assert.match(text, /SystemMaxUse=500M/);
    });

    it('titles the action with the value it goes back to and the impact it undoes', () => {
      const registry = plan.changes.find((c) => c.path === 'options.system.registry')!;
      assert.equal(revertTitle(registry), "Revert edge-native-byoi: options.system.registry to 'ttl.sh' (undo this repave)");
      const retention = plan.changes.find((c) => c.path === 'cluster.config.etcd-snapshot-retention')!;
      assert.equal(revertTitle(retention), 'Revert edge-k3s: cluster.config.etcd-snapshot-retention to 5 (undo this service restart)');
    });
  });

  describe('added, removed and structural changes', () => {
    it('deletes an added key', () => {
      const { baseline, pending } = pair({ packs: [{ name: 'a', layer: 'addon', values: 'x: 1' }] }, { packs: [{ name: 'a', layer: 'addon', values: 'x: 1\ny:\n  z: 2' }] });
      const { text } = revert(baseline, pending, 'a', 'y');
      assert.equal(parse(text).packs[0].values?.text, 'x: 1');
    });

    it('re-inserts a removed key and a removed named list item in its old place', () => {
      const base = 'x: 1\nsteps:\n  - name: one\n    run: a\n  - name: two\n    run: b\n  - name: three\n    run: c\nkeep: true';
      const next = 'x: 1\nsteps:\n  - name: one\n    run: a\n  - name: three\n    run: c';
      const { baseline, pending } = pair({ packs: [{ name: 'a', layer: 'addon', values: base }] }, { packs: [{ name: 'a', layer: 'addon', values: next }] });
      const step = revert(baseline, pending, 'a', 'steps[name=two]');
      const steps = parse(step.text).packs[0].values?.doc?.toJS().steps as { name: string }[];
      assert.deepEqual(steps.map((s) => s.name), ['one', 'two', 'three']);
      const kept = revert(baseline, pending, 'a', 'keep');
      assert.equal((parse(kept.text).packs[0].values?.doc?.toJS() as { keep: boolean }).keep, true);
    });

    it('puts a removed item of a plain list back at its position', () => {
      const { baseline, pending } = pair({ packs: [{ name: 'a', layer: 'addon', values: 'args:\n  - one\n  - two\n  - three' }] }, { packs: [{ name: 'a', layer: 'addon', values: 'args:\n  - one\n  - three' }] });
      const { text } = revert(baseline, pending, 'a', 'args[1]');
      assert.deepEqual((parse(text).packs[0].values?.doc?.toJS() as { args: string[] }).args, ['one', 'two', 'three']);
    });

    it('removes an added pack and restores a removed one after its old neighbour', () => {
      const csi = { name: 'csi-x', layer: 'csi', tag: '1.0.0', values: 'storage:\n  class: fast' };
      const addon = { name: 'extra', layer: 'addon', tag: '2.0.0', values: 'a: 1' };
      const os = { name: 'os-x', layer: 'os', tag: '1.0.0', values: 'k: v' };
      const { baseline, pending } = pair({ packs: [os, csi] }, { packs: [os, addon] });
      const removed = revert(baseline, pending, 'extra', '');
      assert.deepEqual(parse(removed.text).packs.map((p) => p.name?.value), ['os-x']);
      const restored = revert(baseline, pending, 'csi-x', '');
      const packs = parse(restored.text).packs;
      assert.deepEqual(packs.map((p) => p.name?.value), ['os-x', 'csi-x', 'extra']);
      assert.equal(packs[1].values?.text, 'storage:\n  class: fast');
    });

    it('reverts a variable field and a removed variable', () => {
      const vars = '- name: site\n  format: string\n  required: true\n- name: zone\n  format: string';
      const { baseline, pending } = pair(
        { packs: [{ name: 'a', layer: 'addon', values: 'x: 1' }], variables: vars },
        { packs: [{ name: 'a', layer: 'addon', values: 'x: 1' }], variables: '- name: site\n  format: number\n  required: true' },
      );
      const field = revert(baseline, pending, '', 'variables.site.format');
      assert.match(field.text, /format: string/);
      const zone = revert(baseline, pending, '', 'variables.zone');
      assert.deepEqual(parse(zone.text).variables.map((v) => v.name?.value), ['site', 'zone']);
    });

    it('changes a value back to a map where the pending version wrote a scalar', () => {
      const { baseline, pending } = pair({ packs: [{ name: 'a', layer: 'addon', values: 'x:\n  y: 1\n  z: 2' }] }, { packs: [{ name: 'a', layer: 'addon', values: 'x: off' }] });
      const { text } = revert(baseline, pending, 'a', 'x');
      assert.deepEqual(parse(text).packs[0].values?.doc?.toJS(), { x: { y: 1, z: 2 } });
    });

    it('offers nothing for a change the diff does not hold', () => {
      const { baseline, pending } = pair({ packs: [{ name: 'a', layer: 'addon', values: 'v: 1' }] }, { packs: [{ name: 'a', layer: 'addon', values: 'v: 2' }] });
      const changes = diffProfiles(baseline, pending);
      const fake: ProfileChange = { ...changes[0], path: 'nope', keyPath: ['nope'] };
      assert.equal(revertEdits(baseline, pending, fake, changes), undefined);
    });
  });

  it('reads back every path shape the diff writes', () => {
    const shapes: Parameters<typeof formatSegs>[0][] = [['a', 'b', 0, { name: 'x.y]z' }, 'c'], ['labels', 'k8s.io/name'], [{ name: 'Time settings' }, 'commands', 3], ['']];
    for (const segs of shapes) assert.deepEqual(parsePath(formatSegs(segs)), segs, formatSegs(segs));
    assert.equal(parsePath('manifests.m[Deployment/ns/name].spec'), undefined);
  });
});
