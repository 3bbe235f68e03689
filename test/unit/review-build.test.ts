// The review of the example workspace: edge-retail 1.0.0 → 1.1.0 as a working file and as store-042's update.
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
const changeAt = (model: ReviewModel, pack: string, path: string) => model.packs.find((p) => p.pack === pack)?.changes.find((c) => c.path === path);

describe('review: edge-retail working file against 1.0.0', () => {
  const current = fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml'));
  const pending = fresh(read('edge-retail/edge-retail.profile.yaml'));
  const model = buildReview({ current, pending });

  it('says what publishing does, naming the change that decides it', () => {
    assert.equal(
      model.headline,
      'Publishing 1.1.0 of edge-retail (from 1.0.0) will repave all nodes, control plane first, because options.system.registry changed and options.system.uri uses it, so the provider image changes',
    );
    assert.deepEqual(model.target, { profile: 'edge-retail', fromVersion: '1.0.0', toVersion: '1.1.0', clusterKind: 'Edge K3s' });
    assert.equal(model.impact, 'repave');
    assert.equal(model.certainty, 'documented');
  });

  it('groups changes by pack in profile order, profile-level first, each pack at its worst impact', () => {
    assert.deepEqual(
      model.packs.map((p) => [p.layer, p.pack, p.impact, p.changes.length]),
      [['', '', 'no-op', 1], ['os', 'edge-native-byoi', 'repave', 4], ['k8s', 'edge-k3s', 'service-restart', 1], ['addon', 'hello-universe', 'redeploy', 6]],
    );
    assert.deepEqual(model.packs[1].changes.map((c) => [c.path, c.impact]), [
      ['pack.drain.timeout', 'no-op'],
      ['options.system.registry', 'repave'],
      ['stages.boot[name=Time settings].commands[0]', 'reboot'],
      ['stages.reconcile[name=Journald limits].files[0].content', 'config-reload'],
    ]);
  });

  it('counts changes per impact', () => {
    assert.deepEqual(model.counts, { 'no-op': 2, 'config-reload': 1, redeploy: 6, 'service-restart': 1, reboot: 1, repave: 1 });
  });

  it('gives each change its values, rule, source and a span in the side it is revealed on', () => {
    const c = changeAt(model, 'edge-native-byoi', 'options.system.registry');
    assert.ok(c);
    assert.deepEqual([c.change, c.before, c.after, c.rule, c.certainty, c.side], ['modified', 'ttl.sh', 'harbor.retail.example.com/edge', 'edge-uri-dependency', 'documented', 'pending']);
    assert.match(c.source, /upgrade-behavior\/#os-layer$/);
    assert.ok(c.span && c.currentSpan);
    assert.ok(pending.text.slice(c.span.start, c.span.end).includes('harbor.retail.example.com/edge'));
    assert.ok(current.text.slice(c.currentSpan.start, c.currentSpan.end).includes('ttl.sh'));
    const ids = model.packs.flatMap((p) => p.changes.map((x) => x.id));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('lists the ConfigMap the new version dropped as left behind, since Palette does not delete it', () => {
    assert.deepEqual(model.leftBehind.map((l) => [l.pack, l.resource]), [['hello-universe', 'ConfigMap/hello-universe/hello-universe-site']]);
    assert.match(model.leftBehind[0].reason, /does not delete/);
  });

  it('has warnings but no errors, so it is not blocked; no overrides for a file', () => {
    assert.deepEqual(model.findings.map((f) => [f.severity, f.code]), [['warning', 'orphaned-resources']]);
    assert.equal(model.blocked, false);
    assert.deepEqual([model.kept, model.conflicts, model.dropped], [[], [], []]);
  });

  it('is blocked by an error finding: a version that already exists', () => {
    const again = buildReview({ current, pending, existingVersions: ['1.0.0', '1.1.0'] });
    assert.ok(again.findings.some((f) => f.severity === 'error' && f.code === 'version-exists'));
    assert.equal(again.blocked, true);
  });

  it('is blocked when the pending side does not parse', () => {
    const broken = fresh(read('edge-retail/edge-retail.profile.yaml').replace('        tag: 1.30.5', '        tag: [1.30.5'));
    const m = buildReview({ current, pending: broken });
    assert.equal(m.blocked, true);
    assert.ok(m.findings.some((f) => f.severity === 'error' && f.side === 'pending' && f.span));
  });
});

describe('review: store-042 from edge-retail 1.0.0 to 1.1.0', () => {
  const currentVersion = fresh(read('edge-retail/edge-retail-1.0.0.profile.yaml'));
  const pendingVersion = fresh(read('edge-retail/edge-retail.profile.yaml'));
  const cluster = parseClusterRecord(read('.palette/clusters/store-042.yaml')).cluster as ClusterFile;
  const model = buildReview({ currentVersion, pendingVersion, cluster });
  const sides = reviewSides({ currentVersion, pendingVersion, cluster });

  it('says what applying does to the cluster', () => {
    assert.match(model.headline, /^Applying 1\.1\.0 to store-042 will repave all nodes, control plane first, because options\.system\.registry changed and options\.system\.uri uses it/);
    assert.deepEqual(model.target, { profile: 'edge-retail', fromVersion: '1.0.0', toVersion: '1.1.0', cluster: 'store-042', clusterKind: 'Edge K3s' });
  });

  it('compares what the cluster runs with what Apply sends: the carried max-pods=150 is no change', () => {
    assert.ok(sides.current.text.includes('- max-pods=150'));
    assert.ok(sides.pending.text.includes('- max-pods=150'));
    assert.equal(model.packs.flatMap((p) => p.changes).some((c) => c.path.startsWith('cluster.config.kubelet-arg')), false);
  });

  it('shows the replicas conflict as unresolved (pending keeps the new value until the reviewer chooses), and the kept override', () => {
    assert.deepEqual(model.conflicts.map((c) => [c.id, c.pack, c.path, c.base, c.mine, c.theirs, c.resolved]), [
      ['conflict:hello-universe:manifests.hello-universe.replicas', 'hello-universe', 'manifests.hello-universe.replicas', '1', '3', '2', undefined],
    ]);
    const span = model.conflicts[0].span;
    assert.ok(span);
    assert.equal(sides.pending.text.slice(span.start, span.end), 'replicas');
    assert.deepEqual(model.kept.map((k) => [k.pack, k.path, k.value]), [['edge-k3s', 'cluster.config.kubelet-arg', '["read-only-port=0","event-qps=0","max-pods=150"]']]);
    assert.deepEqual(model.dropped, []);
    // The cluster's replicas (3) against the new version's (2): a change the reviewer sees.
    const replicas = changeAt(model, 'hello-universe', 'manifests.hello-universe.replicas');
    assert.deepEqual([replicas?.before, replicas?.after], ['3', '2']);
  });

  it("puts pending spans in the draft's text, wherever the reviewer's edits moved things", () => {
    const draftText = `# reviewed by store ops\n# second line\n${sides.pending.text}`;
    const m = buildReview({ currentVersion, pendingVersion, cluster, draft: fresh(draftText) });
    const image = changeAt(m, 'hello-universe', 'manifests.hello-universe[Deployment/hello-universe/hello-universe-deployment].spec.template.spec.containers[name=hello-universe].image');
    assert.ok(image?.span);
    assert.equal(image.side, 'pending');
    assert.equal(draftText.slice(image.span.start, image.span.end), 'ghcr.io/spectrocloud/hello-universe:1.2.0');
    const span = m.conflicts[0].span;
    assert.ok(span);
    assert.equal(draftText.slice(span.start, span.end), 'replicas');
  });

  it('puts current spans in the text of what the cluster runs (the version with its overrides)', () => {
    const replicas = changeAt(model, 'hello-universe', 'manifests.hello-universe.replicas');
    assert.ok(replicas?.currentSpan);
    assert.equal(sides.current.text.slice(replicas.currentSpan.start, replicas.currentSpan.end), '3');
  });

  it('is blocked while the cluster is still provisioning', () => {
    const m = buildReview({ currentVersion, pendingVersion, cluster: { ...cluster, status: 'Provisioning' } });
    assert.equal(m.blocked, true);
    assert.deepEqual(m.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['cluster-provisioning']);
  });

  it('reports an override of a pack the running version lacks as a finding, not silently', () => {
    const m = buildReview({ currentVersion, pendingVersion, cluster: { ...cluster, overrides: { ...cluster.overrides, 'no-such-pack': 'a: 1' } } });
    assert.ok(m.findings.some((f) => f.code === 'override-dropped' && f.message.includes('no-such-pack')));
  });
});
