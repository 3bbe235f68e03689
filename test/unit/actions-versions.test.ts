// Version actions: pinning a floating tag to the newest known version of its line, bumping spec.version, and the edit helpers under them.
import * as assert from 'node:assert/strict';
import { applyEdits, diffEdit, lineEdit, scalarText } from '../../server/src/core/actions/edits';
import { bumpEdit, bumpVersion, inLine, newestInLine, pinTagEdit } from '../../server/src/core/actions/versions';
import { parseProfile } from '../../server/src/core/parse/profile';
import { profileText } from './plan-fixtures';

const parse = (text: string) => parseProfile(text, undefined, { cache: null });

describe('actions: versions', () => {
  it('knows which exact versions are in a floating line', () => {
    assert.equal(inLine('1.30.x', '1.30.5'), true);
    assert.equal(inLine('1.30.x', '1.31.0'), false);
    assert.equal(inLine('1.x', '1.31.2'), true);
    assert.equal(inLine('v1.30.*', '1.30.5'), true);
    assert.equal(inLine('1.30.x', '1.30.x'), false);
    assert.equal(inLine('1.30.5', '1.30.5'), false, 'an exact tag has no line');
  });

  it('picks the newest exact version in the line, a release over its pre-release', () => {
    assert.equal(newestInLine('1.30.x', ['1.29.9', '1.30.2', '1.30.10', '1.31.0', '1.30.x']), '1.30.10');
    assert.equal(newestInLine('1.30.x', ['1.30.5-rc.1', '1.30.5', '1.30.4']), '1.30.5');
    assert.equal(newestInLine('1.30.x', ['1.31.0']), undefined);
  });

  it('pins a floating tag, keeping its quotes and everything else', () => {
    for (const [written, pinned] of [['1.30.x', '1.30.5'], ['"1.30.x"', '"1.30.5"'], ["'1.30.x'", "'1.30.5'"]]) {
      const text = profileText({ packs: [{ name: 'edge-k3s', layer: 'k8s', tag: written, values: 'a: 1' }] });
      const model = parse(text);
      const edit = pinTagEdit(model, model.packs[0], '1.30.5');
      assert.ok(edit);
      const after = applyEdits(text, [edit]);
      assert.equal(after, text.replace(`tag: ${written}`, `tag: ${pinned}`));
      assert.equal(parse(after).packs[0].tag?.value, '1.30.5');
    }
  });

  it('bumps strict semver as npm does', () => {
    assert.deepEqual(['patch', 'minor', 'major'].map((b) => bumpVersion('1.2.3', b as 'patch')), ['1.2.4', '1.3.0', '2.0.0']);
    assert.deepEqual(['patch', 'minor', 'major'].map((b) => bumpVersion('1.3.0-rc.1', b as 'patch')), ['1.3.0', '1.3.0', '2.0.0']);
    assert.equal(bumpVersion('2.0.0-beta+build.5', 'major'), '2.0.0');
    assert.equal(bumpVersion('1.2', 'patch'), undefined);
  });

  it('writes the bumped version over spec.version, and nothing for a version that is not semver', () => {
    const text = profileText({ version: '"1.1.0"', packs: [{ name: 'a', layer: 'addon', values: 'a: 1' }] });
    const bumped = bumpEdit(parse(text), 'minor');
    assert.ok(bumped);
    assert.equal(bumped.version, '1.2.0');
    assert.equal(parse(applyEdits(text, [bumped.edit])).version?.value, '1.2.0');
    assert.match(applyEdits(text, [bumped.edit]), /version: "1\.2\.0"/);
    assert.equal(bumpEdit(parse(profileText({ version: '1.1', packs: [] })), 'patch'), undefined);
  });

  it('writes scalars that read back as the same text', () => {
    assert.equal(scalarText('1.30.5'), '1.30.5');
    assert.equal(scalarText('1.30'), "'1.30'");
    assert.equal(scalarText('0644'), "'0644'");
    assert.equal(scalarText("it's"), "it's");
    assert.equal(scalarText('a: b'), "'a: b'");
    assert.equal(scalarText('x', '"y"'), '"x"');
  });

  it('turns two texts into one edit, grown to whole lines when asked', () => {
    const before = 'a: 1\nb: 120 # c\nd: 4\n';
    const after = 'a: 1\nb: 60 # c\nd: 4\n';
    const edit = diffEdit(before, after)!;
    assert.equal(applyEdits(before, [edit]), after);
    const line = lineEdit(before, after)!;
    assert.deepEqual(line, { start: 5, end: 15, newText: 'b: 60 # c' });
    assert.equal(applyEdits(before, [line]), after);
    assert.equal(lineEdit(before, before), undefined);
  });
});
