// Semantics over text: edits that do not change what Palette would apply (moves, key order, quoting, style, comments) show as no change.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClusterRecord, type ClusterFile } from '../../server/src/core/cluster/record';
import { parseProfile } from '../../server/src/core/parse/profile';
import { buildReview, reviewSides } from '../../server/src/core/review/build';
import type { ReviewModel } from '../../server/src/core/review/model';

const examples = join(__dirname, '..', '..', '..', 'examples');
const read = (rel: string) => readFileSync(join(examples, rel), 'utf8');
const fresh = (text: string) => parseProfile(text, undefined, { cache: null });
const original = read('edge-retail/edge-retail.profile.yaml');

/** Replaces `from` (which must occur exactly once) so a test cannot pass by editing nothing. */
function swap(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `expected one ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}

function review(text: string): ReviewModel {
  assert.notEqual(text, original);
  const pending = fresh(text);
  assert.deepEqual(pending.problems.filter((p) => p.severity === 'error'), []);
  return buildReview({ current: fresh(original), pending });
}

function assertNoChange(model: ReviewModel): void {
  assert.deepEqual(model.packs.flatMap((p) => p.changes.map((c) => `${p.pack} ${c.path}`)), []);
  assert.equal(model.impact, 'no-op');
  assert.equal(model.headline, 'Publishing 1.1.0 of edge-retail changes nothing on the nodes');
  assert.deepEqual(model.leftBehind, []);
}

const packBlock = (text: string, name: string) => {
  const start = text.indexOf(`\n      - name: ${name}\n`) + 1;
  const next = text.indexOf('\n      - name: ', start) + 1;
  const end = next === 0 ? text.indexOf('\n  variables:', start) + 1 : next;
  return text.slice(start, end);
};

describe('review: semantics over text (edge-retail 1.1.0 against itself, rewritten)', () => {
  it('a pack moved in the list is no change', () => {
    const csi = packBlock(original, 'csi-longhorn');
    const hello = packBlock(original, 'hello-universe');
    assertNoChange(review(swap(original, csi + hello, hello + csi)));
  });

  it('keys reordered inside values, and inside a manifest object, are no change', () => {
    let text = swap(original, '              cluster-init: true\n              flannel-backend: none\n', '              flannel-backend: none\n              cluster-init: true\n');
    text = swap(text, '                        image: ghcr.io/spectrocloud/hello-universe:1.2.0\n                        imagePullPolicy: IfNotPresent\n', '                        imagePullPolicy: IfNotPresent\n                        image: ghcr.io/spectrocloud/hello-universe:1.2.0\n');
    assertNoChange(review(text));
  });

  it('top-level sections of a values document reordered are no change', () => {
    const k3s = packBlock(original, 'edge-k3s');
    const stagesAt = k3s.indexOf('          stages:\n');
    const packAt = k3s.indexOf('          pack:\n');
    assert.ok(stagesAt > 0 && packAt > stagesAt);
    const moved = k3s.slice(0, stagesAt) + k3s.slice(packAt).replace(/\n$/, '') + '\n' + k3s.slice(stagesAt, packAt).replace(/\n$/, '') + '\n';
    assertNoChange(review(swap(original, k3s, moved)));
  });

  it('quoting that keeps the value is no change: "x", \'x\' and x', () => {
    let text = swap(original, 'cluster-cidr: "192.170.0.0/16"', "cluster-cidr: '192.170.0.0/16'");
    text = swap(text, 'service-cidr: "192.169.0.0/16"', 'service-cidr: 192.169.0.0/16');
    text = swap(text, 'system.repo: ubuntu', 'system.repo: "ubuntu"');
    text = swap(text, '          fs.inotify.max_user_instances: "8192"', "          fs.inotify.max_user_instances: '8192'");
    assertNoChange(review(text));
  });

  it('quoting that changes the type is a change: "0" is a string, 0 a number', () => {
    const model = review(swap(original, 'spectrocloud.com/install-priority: "0"', 'spectrocloud.com/install-priority: 0'));
    assert.deepEqual(model.packs.flatMap((p) => p.changes.map((c) => [p.pack, c.path, c.before, c.after])), [['hello-universe', 'pack.spectrocloud.com/install-priority', '"0"', '0']]);
  });

  it('flow and block style, and dotted and nested keys, are no change', () => {
    let text = swap(original, '              disable:\n                - traefik\n                - servicelb\n', '              disable: [traefik, servicelb]\n');
    text = swap(text, '          pack:\n            namespace: hello-universe\n            spectrocloud.com/install-priority: "0"\n', '          pack.namespace: hello-universe\n          pack:\n            spectrocloud.com/install-priority: "0"\n');
    assertNoChange(review(text));
  });

  it('a values string written double-quoted instead of as a block, with equal YAML, is no change', () => {
    const pack = fresh(original).packs.find((p) => p.name?.value === 'hello-universe');
    const values = pack?.values;
    assert.ok(values && values.style === 'BLOCK_LITERAL');
    const text = original.slice(0, values.start) + JSON.stringify(values.text) + (original[values.end - 1] === '\n' ? '\n' : '') + original.slice(values.end);
    const model = review(text);
    assert.equal(fresh(text).packs.find((p) => p.name?.value === 'hello-universe')?.values?.style, 'QUOTE_DOUBLE');
    assertNoChange(model);
  });

  it('comment-only edits, outside and inside values, are no change', () => {
    let text = swap(original, '# edge-retail 1.1.0: working copy', '# edge-retail 1.1.0 (reviewed): working copy');
    text = swap(text, '# seconds to wait before giving up, zero means infinite', '# two minutes');
    text = swap(text, '        tag: 1.30.5\n', '        tag: 1.30.5 # K3s for the 2025 stores\n');
    text = swap(text, "              siteId: '{{.spectro.var.site_id}}'\n              replicas: 2\n", "              siteId: '{{.spectro.var.site_id}}'\n              # kept at two for the pilot\n              replicas: 2\n");
    assertNoChange(review(text));
  });

  it("for a cluster, a draft reformatted by the reviewer shows the same changes as the merge result", () => {
    const currentVersion = fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml'));
    const pendingVersion = fresh(original);
    const cluster = parseClusterRecord(read('.palette/clusters/store-042.yaml')).cluster as ClusterFile;
    const merged = reviewSides({ currentVersion, pendingVersion, cluster }).pending.text;
    let draft = swap(merged, 'cluster-cidr: "192.170.0.0/16"', 'cluster-cidr: 192.170.0.0/16');
    draft = swap(draft, '                - max-pods=150\n', '                - max-pods=150 # store-042 needs more pods\n');
    const paths = (m: ReviewModel) => m.packs.flatMap((p) => p.changes.map((c) => [p.pack, c.path, c.impact]));
    const before = buildReview({ currentVersion, pendingVersion, cluster });
    const after = buildReview({ currentVersion, pendingVersion, cluster, draft: fresh(draft) });
    assert.deepEqual(paths(after), paths(before));
    assert.equal(after.headline, before.headline);
  });
});
