// The Profiles and Clusters views on the example store: versions, packs with updates, clusters, the tag filter and refresh on store changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClusterNode } from '../../client/src/views/clustersView';
import type { ProfileNode } from '../../client/src/views/profilesView';
import { closeAllEditors, waitFor } from './util';
import { answerQuickPick, api, Snapshot, store } from './views-support';

const description = (item: vscode.TreeItem) => String(item.description ?? '');
const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

async function profileNodes(parent?: ProfileNode) {
  const { profiles } = (await api()).views;
  return (await profiles.getChildren(parent)).map((node) => ({ node, item: profiles.getTreeItem(node) }));
}

async function clusterNodes(parent?: ClusterNode) {
  const { clusters } = (await api()).views;
  return (await clusters.getChildren(parent)).map((node) => ({ node, item: clusters.getTreeItem(node) }));
}

describe('views', () => {
  let snapshot: Snapshot;
  before(async () => {
    await api();
    snapshot = await Snapshot.take(store());
  });
  after(async () => {
    await (await api()).views.filterClusters(null);
    await snapshot.restore();
    await closeAllEditors();
  });

  it('Profiles: edge-retail → 1.0.0 (used by store-042 and store-043) → its packs, hello-universe with Update available', async () => {
    const roots = await profileNodes();
    const profile = roots.find((r) => label(r.item) === 'edge-retail');
    assert.ok(profile, roots.map((r) => label(r.item)).join(', '));
    assert.equal(profile.item.contextValue, 'profile');
    const versions = await profileNodes(profile.node);
    const v1 = versions.find((v) => label(v.item) === '1.0.0');
    assert.ok(v1);
    assert.equal(description(v1.item), 'used by store-042, store-043');
    assert.equal(v1.item.command?.command, 'paletteProfileStudio.openVersion');
    const packs = await profileNodes(v1.node);
    assert.deepEqual(packs.map((p) => label(p.item)), ['edge-native-byoi', 'edge-k3s', 'cni-calico', 'csi-longhorn', 'hello-universe']);
    const hello = packs.find((p) => label(p.item) === 'hello-universe')!;
    // examples/packs/hello-universe/pack.json is 1.2.0; the profile has 1.0.0.
    assert.equal(description(hello.item), 'addon · 1.0.0 · Update available (1.2.0)');
    assert.equal(hello.item.contextValue, 'pack.updateAvailable');
    const k3s = packs.find((p) => label(p.item) === 'edge-k3s')!;
    assert.equal(description(k3s.item), 'k8s · 1.30.5');
  });

  it('Clusters: status, version, distribution, tags and overrides of each cluster', async () => {
    const roots = await clusterNodes();
    assert.deepEqual(roots.map((r) => label(r.item)), ['store-042', 'store-043']);
    const [s42, s43] = roots;
    assert.equal(description(s42.item), 'edge-retail 1.0.0 · Running');
    assert.equal(description(s43.item), 'edge-retail 1.0.0 · Provisioning');
    assert.equal(s42.item.contextValue, 'cluster');
    const details = await clusterNodes(s42.node);
    const row = (name: string) => details.find((d) => label(d.item) === name);
    assert.equal(description(row('Status')!.item), 'Running');
    assert.equal(description(row('Distribution')!.item), 'k3s · edge-native');
    assert.equal(description(row('Tags')!.item), 'service:hello-universe-frontend');
    assert.equal(description(row('Profile')!.item), 'edge-retail 1.0.0');
    assert.equal(description(row('Last apply')!.item), 'never');
    const overrides = details.filter((d) => d.item.contextValue === 'clusterPack').map((d) => label(d.item));
    assert.deepEqual(overrides, ['edge-k3s', 'hello-universe']);
  });

  it('refreshes when a cluster record appears in the store, and the tag filter keeps only clusters with the tag', async () => {
    const record = 'name: lab-001\ncloudType: edge-native\nkubernetesDistribution: rke2\nstatus: Running\ntags: [env:lab]\nprofile: { name: edge-retail, version: 1.0.0 }\noverrides: {}\nvariables: { site_id: "001" }\n';
    await vscode.workspace.fs.writeFile(store('clusters', 'lab-001.yaml'), new TextEncoder().encode(record));
    await waitFor('lab-001 in the Clusters view', async () => ((await clusterNodes()).some((c) => label(c.item) === 'lab-001') ? true : undefined));
    // The version node now names three clusters: the Profiles view refreshed from the same watcher.
    const [profile] = await profileNodes();
    const v1 = (await profileNodes(profile.node)).find((v) => label(v.item) === '1.0.0')!;
    assert.equal(description(v1.item), 'used by lab-001, store-042, store-043');

    const { views } = await api();
    // Tags in the pick are sorted: env:lab, then service:hello-universe-frontend.
    const tag = await answerQuickPick(vscode.commands.executeCommand<string | undefined>('paletteProfileStudio.filterClustersByTag'), 1);
    assert.equal(tag, 'service:hello-universe-frontend');
    assert.deepEqual((await clusterNodes()).map((c) => label(c.item)), ['store-042', 'store-043']);
    await vscode.commands.executeCommand('paletteProfileStudio.filterClustersByTag', 'env:lab');
    assert.deepEqual((await clusterNodes()).map((c) => label(c.item)), ['lab-001']);
    await vscode.commands.executeCommand('paletteProfileStudio.clearClusterFilter');
    assert.equal(views.clusters.filter(), undefined);
    assert.equal((await clusterNodes()).length, 3);
  });

  it('opens a published version as a read-only profile document', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('paletteProfileStudio.openVersion', { name: 'edge-retail', version: '1.0.0' });
    assert.equal(editor.document.uri.scheme, 'palette-version');
    assert.equal(editor.document.languageId, 'palette-profile');
    assert.match(editor.document.getText(), /^\s+version: 1\.0\.0$/m);
  });
});
