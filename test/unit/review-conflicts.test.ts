// Conflicts in the review: detected from the cluster's overrides, resolved in place with edits that keep the draft's formatting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClusterRecord, type ClusterFile } from '../../server/src/core/cluster/record';
import { parseProfile } from '../../server/src/core/parse/profile';
import { buildReview, reviewSides, type ClusterReviewInput } from '../../server/src/core/review/build';
import { applyTextEdits, conflictEdit, resolveConflictEdit } from '../../server/src/core/review/conflictEdit';
import { parseMergePath } from '../../server/src/core/review/overrides';
import { profile } from './plan-fixtures';

const examples = join(__dirname, '..', '..', '..', 'examples');
const read = (rel: string) => readFileSync(join(examples, rel), 'utf8');
const fresh = (text: string) => parseProfile(text, undefined, { cache: null });
const record = (name: string, overrides: Record<string, string>): ClusterFile => ({ name, cloudType: 'edge-native', kubernetesDistribution: 'k3s', status: 'Running', tags: [], overrides, variables: {}, extra: {} });

describe('review: conflicts on store-042', () => {
  const input: ClusterReviewInput = {
    currentVersion: fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml')),
    pendingVersion: fresh(read('edge-retail/edge-retail.profile.yaml')),
    cluster: parseClusterRecord(read('.palette/clusters/store-042.yaml')).cluster as ClusterFile,
  };
  // The reviewer's draft: the merge result, with a comment of theirs in the hello-universe values.
  const merged = reviewSides(input).pending.text;
  const draftText = merged.replace("              siteId: '{{.spectro.var.site_id}}'\n", "              siteId: '{{.spectro.var.site_id}}' # per store\n");
  const id = 'conflict:hello-universe:manifests.hello-universe.replicas';
  const withDraft = (text: string, takenNew?: string[]) => buildReview({ ...input, draft: fresh(text), takenNew });
  const replicasChange = (text: string) => withDraft(text).packs.flatMap((p) => p.changes).find((c) => c.path === 'manifests.hello-universe.replicas');

  it('starts unresolved: the draft holds the new value, which the reviewer has not chosen yet', () => {
    assert.notEqual(draftText, merged);
    assert.equal(withDraft(draftText).conflicts[0].resolved, undefined);
  });

  it('"keep mine" writes 3 into the replicas line only, keeping the comment, and the conflict reads as mine', () => {
    const result = resolveConflictEdit(input, draftText, id, 'mine');
    assert.deepEqual(result.problems, []);
    assert.equal(result.edits.length, 1);
    const after = applyTextEdits(draftText, result.edits);
    const expected = draftText.replace("# per store\n              replicas: 2\n", "# per store\n              replicas: 3\n");
    assert.notEqual(expected, draftText);
    assert.equal(after, expected);
    const model = withDraft(after);
    assert.equal(model.conflicts[0].resolved, 'mine');
    // The cluster keeps 3 replicas: that is no longer a change.
    assert.equal(replicasChange(after), undefined);
    assert.equal(model.conflicts[0].span && after.slice(model.conflicts[0].span.start, model.conflicts[0].span.end), 'replicas');
  });

  it('"take new" changes no text and is recorded by the caller, since the draft already holds it', () => {
    const result = resolveConflictEdit(input, draftText, id, 'theirs');
    assert.deepEqual(result, { edits: [], problems: [] });
    assert.equal(withDraft(draftText, [id]).conflicts[0].resolved, 'theirs');
    // Back to theirs after keeping mine: the text goes back and, once recorded, reads as theirs.
    const mine = applyTextEdits(draftText, resolveConflictEdit(input, draftText, id, 'mine').edits);
    const back = applyTextEdits(mine, resolveConflictEdit(input, mine, id, 'theirs').edits);
    assert.equal(back, draftText);
  });

  it('"edit" with another value reads as edited, and so does deleting the key', () => {
    const five = applyTextEdits(draftText, resolveConflictEdit(input, draftText, id, { value: 5 }).edits);
    assert.ok(five.includes('              replicas: 5\n'));
    assert.equal(withDraft(five).conflicts[0].resolved, 'edited');
    assert.deepEqual([replicasChange(five)?.before, replicasChange(five)?.after], ['3', '5']);
    const gone = applyTextEdits(draftText, conflictEdit(draftText, { pack: 'hello-universe', path: 'manifests.hello-universe.replicas' }, undefined).edits);
    assert.ok(!/siteId: .*\n {14}replicas: 2/.test(gone));
    assert.equal(withDraft(gone).conflicts[0].resolved, 'edited');
  });

  it('edits typed by hand in the draft are read the same way', () => {
    const typed = draftText.replace("# per store\n              replicas: 2\n", "# per store\n              replicas: 3 # as before\n");
    assert.equal(withDraft(typed).conflicts[0].resolved, 'mine');
  });

  it('reports what it cannot do instead of editing', () => {
    assert.deepEqual(conflictEdit(draftText, { pack: 'no-such-pack', path: 'a' }, 1).edits, []);
    assert.match(conflictEdit(draftText, { pack: 'no-such-pack', path: 'a' }, 1).problems[0], /no values string for pack no-such-pack/);
    assert.match(resolveConflictEdit(input, draftText, 'conflict:x:y', 'mine').problems[0], /No conflict conflict:x:y/);
  });
});

describe('review: conflicts in named lists, dotted keys and deleted keys', () => {
  const os = (panic: number, extra = '') => `stages:\n  initramfs:\n    - name: sysctl\n      sysctl:\n        kernel.panic: ${panic}\n${extra}`;
  const version = (v: string, values: string, k8s = 'cluster:\n  config:\n    a: 1\n    b: 2') => profile({ version: v, packs: [{ name: 'edge-native-byoi', layer: 'os', tag: '2.1.0', values }, { name: 'edge-k3s', layer: 'k8s', tag: '1.30.5', values: k8s }] });
  const currentVersion = version('1.0.0', os(10));
  const pendingVersion = version('1.1.0', os(30));

  it('finds the conflict inside a named Kairos step and resolves it through the dotted key', () => {
    const input: ClusterReviewInput = { currentVersion, pendingVersion, cluster: record('store-9', { 'edge-native-byoi': os(20) }) };
    const model = buildReview(input);
    assert.deepEqual(model.conflicts.map((c) => [c.path, c.base, c.mine, c.theirs, c.resolved]), [['stages.initramfs[name=sysctl].sysctl.kernel.panic', '10', '20', '30', undefined]]);
    assert.deepEqual(parseMergePath(model.conflicts[0].path), ['stages', 'initramfs', { name: 'sysctl' }, 'sysctl', 'kernel', 'panic']);
    const draft = reviewSides(input).pending.text;
    const mine = applyTextEdits(draft, resolveConflictEdit(input, draft, model.conflicts[0].id, 'mine').edits);
    assert.equal(mine, draft.replace('kernel.panic: 30', 'kernel.panic: 20'));
    assert.equal(buildReview({ ...input, draft: fresh(mine) }).conflicts[0].resolved, 'mine');
    // The current side is the cluster's 20, so after keeping it the OS layer does not change at all.
    assert.deepEqual(buildReview({ ...input, draft: fresh(mine) }).packs.map((p) => p.pack), ['']);
  });

  it('a key the cluster deleted: "keep mine" deletes it again', () => {
    const input: ClusterReviewInput = {
      currentVersion,
      pendingVersion: version('1.1.0', os(10), 'cluster:\n  config:\n    a: 1\n    b: 3'),
      cluster: record('store-9', { 'edge-k3s': 'cluster:\n  config:\n    a: 1' }),
    };
    const model = buildReview(input);
    assert.deepEqual(model.conflicts.map((c) => [c.pack, c.path, c.base, c.mine, c.theirs]), [['edge-k3s', 'cluster.config.b', '2', undefined, '3']]);
    const draft = reviewSides(input).pending.text;
    const mine = applyTextEdits(draft, resolveConflictEdit(input, draft, model.conflicts[0].id, 'mine').edits);
    assert.ok(draft.includes('    b: 3') && !mine.includes('    b: 3'));
    assert.equal(buildReview({ ...input, draft: fresh(mine) }).conflicts[0].resolved, 'mine');
  });
});
