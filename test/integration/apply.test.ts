// Apply Version to Cluster in a real VS Code: refusals, the repave modal declined and approved, rollback, in-place update and the pending update, overrides.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { ApplyOutcome } from '../../client/src/commands/apply';
import { prepareApply } from '../../server/src/backend/flows';
import type { VersionInfo } from '../../server/src/backend/types';
import { closeAllEditors, waitFor, workspaceUri } from './util';
import { api, clickDialog, exists, pressKeys, readText, Snapshot, store } from './views-support';

const v = (version: string) => ({ name: 'edge-retail', version });
const apply = (args: unknown) => vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion', args);
const record = (cluster: string) => readText(store('clusters', `${cluster}.yaml`));
const replicasOf = (values: string | undefined) => (parse(values ?? '') as { manifests?: { 'hello-universe'?: { replicas?: number } } })?.manifests?.['hello-universe']?.replicas;

async function cluster(name: string) {
  return (await api()).backend().then((b) => b.readCluster(name));
}

describe('apply', () => {
  let snapshot: Snapshot;
  const working = () => workspaceUri('edge-retail', 'edge-retail.profile.yaml');
  before(async () => {
    snapshot = await Snapshot.take(store());
    // 1.1.0 published straight through the backend: the publish suite covers the command.
    await (await (await api()).backend()).publish(await readText(working()));
  });
  after(async () => {
    await closeAllEditors();
    await snapshot.restore();
  });

  it('one cluster without a review yet: opens the review for it (its Apply comes back with reviewed: true) and writes nothing', async () => {
    const before = await record('store-042');
    const [outcome] = await apply({ cluster: 'store-042', version: v('1.1.0') });
    assert.equal(outcome.status, 'review-opened');
    assert.equal(await record('store-042'), before);
  });

  it('refuses a Provisioning cluster with a clear message and changes nothing', async () => {
    const before = await record('store-043');
    const [outcome] = await apply({ cluster: 'store-043', version: v('1.1.0'), reviewed: true });
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.status === 'refused' ? outcome.reasons.join(' ') : '', /Provisioning/);
    assert.equal(await record('store-043'), before);
  });

  it('several clusters, each with its own plan: store-043 refused, store-042 declined at the repave modal, nothing written', async () => {
    const before = await record('store-042');
    const pending = apply({ clusters: ['store-042', 'store-043'], version: v('1.1.0') });
    // store-042: the summary of its own plan, then the repave approval (typing its name, with several clusters), declined.
    clickDialog('Apply');
    pressKeys([{ press: 'Escape' }], 'repaves store-042');
    const outcomes = await pending;
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.status]), [['store-042', 'declined'], ['store-043', 'refused']]);
    assert.equal(await record('store-042'), before);
    assert.equal(await exists(store('history', 'store-042.jsonl')), false);
  });

  it('applies 1.1.0 to store-042 once the repave is approved: record updated, overrides kept, history appended, views updated', async () => {
    const pending = apply({ cluster: 'store-042', version: v('1.1.0'), reviewed: true });
    clickDialog('Approve repave and apply');
    const [outcome] = await pending;
    assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    const after = await cluster('store-042');
    assert.deepEqual(after.profile, v('1.1.0'));
    // The cluster's replicas: 3 survives 1.1.0's change of the default (1 → 2).
    assert.equal(replicasOf(after.overrides['hello-universe']), 3);
    assert.match(after.overrides['edge-k3s'] ?? '', /oidc-issuer-url/);
    const history = await (await (await api()).backend()).history('store-042');
    assert.equal(history.length, 1);
    assert.deepEqual([history[0].to.version, history[0].impact, history[0].repaveApproved, history[0].result], ['1.1.0', 'repave', true, 'applied']);
    const { views } = await api();
    await waitFor('the Clusters view to show 1.1.0', async () => {
      const nodes = await views.clusters.getChildren();
      const item = views.clusters.getTreeItem(nodes.find((n) => n.kind === 'cluster' && n.cluster.name === 'store-042')!);
      return String(item.description).startsWith('edge-retail 1.1.0 · Running') ? true : undefined;
    });
  });

  it('rolls store-042 back to 1.0.0 through the repave approval with its overrides kept, and forward to 1.1.0 again', async () => {
    const back = apply({ cluster: 'store-042', version: v('1.0.0'), reviewed: true });
    // The registry goes back to ttl.sh, so the provider image changes: a repave, approved like any other.
    clickDialog('Approve repave and apply');
    const [rolledBack] = await back;
    assert.equal(rolledBack.status, 'applied', JSON.stringify(rolledBack));
    const onOld = await cluster('store-042');
    assert.deepEqual(onOld.profile, v('1.0.0'));
    assert.equal(replicasOf(onOld.overrides['hello-universe']), 3);
    assert.match(onOld.overrides['edge-k3s'] ?? '', /max-pods=150/);
    const backend = await (await api()).backend();
    assert.match(await backend.appliedText('store-042'), /system\.registry: ttl\.sh/);

    const forward = apply({ cluster: 'store-042', version: v('1.1.0'), reviewed: true });
    clickDialog('Approve repave and apply');
    assert.equal((await forward)[0].status, 'applied');
    assert.equal(replicasOf((await cluster('store-042')).overrides['hello-universe']), 3);
    const history = await backend.history('store-042');
    assert.deepEqual(history.map((h) => `${h.from?.version}→${h.to.version}`), ['1.0.0→1.1.0', '1.1.0→1.0.0', '1.0.0→1.1.0']);
  });

  it('updates 1.1.0 in place after the warning (declined first): store-042 shows Updates Available, and applying the pending update keeps its overrides', async () => {
    const draft = workspaceUri('edge-retail', 'edge-retail.profile.yaml');
    const changed = (await readText(draft)).replace('SystemMaxUse=1G', 'SystemMaxUse=2G');
    const source = vscode.Uri.joinPath(draft, '..', 'edge-retail-inplace.profile.yaml');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(changed));
    try {
      const declined = vscode.commands.executeCommand<VersionInfo | undefined>('paletteProfileStudio.updateInPlace', v('1.1.0'), source);
      clickDialog('Cancel');
      assert.equal(await declined, undefined);
      assert.equal((await cluster('store-042')).updatesAvailable, false);

      const updating = vscode.commands.executeCommand<VersionInfo | undefined>('paletteProfileStudio.updateInPlace', v('1.1.0'), source);
      clickDialog('Update in place');
      const info = await updating;
      assert.equal(info?.revision, 2);
      assert.equal((await cluster('store-042')).updatesAvailable, true);
      const { views } = await api();
      await waitFor('Updates Available in the Clusters view', async () => {
        const nodes = await views.clusters.getChildren();
        const node = nodes.find((n) => n.kind === 'cluster' && n.cluster.name === 'store-042');
        const item = node && views.clusters.getTreeItem(node);
        return item?.contextValue === 'cluster.updatesAvailable' && String(item.description).endsWith('Updates Available') ? true : undefined;
      });

      // The pending update is the same version; the journald change reboots (no repave, no modal).
      const [outcome] = await apply({ cluster: 'store-042', version: v('1.1.0'), reviewed: true });
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      const after = await cluster('store-042');
      assert.equal(after.updatesAvailable, false);
      assert.equal(after.appliedRevision, 2);
      assert.equal(replicasOf(after.overrides['hello-universe']), 3);
      assert.match(await (await (await api()).backend()).appliedText('store-042'), /SystemMaxUse=2G/);
    } finally {
      await vscode.workspace.fs.delete(source);
    }
  });

  it('applies the reviewed pending draft given as pendingUri: its values become the overrides', async () => {
    const prep = await prepareApply(await (await api()).backend(), 'store-042', v('1.1.0'));
    const reviewed = prep.pendingText.replace(/replicas: 3\b/, 'replicas: 5');
    assert.notEqual(reviewed, prep.pendingText);
    const document = await vscode.workspace.openTextDocument({ language: 'palette-profile', content: reviewed });
    const [outcome] = await apply({ cluster: 'store-042', version: v('1.1.0'), pendingUri: document.uri, reviewed: true });
    assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    assert.equal(replicasOf((await cluster('store-042')).overrides['hello-universe']), 5);
  });

  it('Edit Cluster Overrides saves the edited values as the override; closing unsaved writes nothing', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('paletteProfileStudio.editOverrides', { cluster: 'store-042', pack: 'hello-universe' });
    assert.equal(editor.document.uri.toString(), 'palette-override:/store-042/hello-universe.values.yaml');
    assert.equal(replicasOf(editor.document.getText()), 5);
    const text = editor.document.getText();
    const at = text.indexOf('replicas: 5');
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'replicas: 5'.length)), 'replicas: 4')));
    const before = await record('store-042');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(await record('store-042'), before, 'closing without saving writes nothing');

    const again = await vscode.commands.executeCommand<vscode.TextEditor>('paletteProfileStudio.editOverrides', { cluster: 'store-042', pack: 'hello-universe' });
    const start = again.document.getText().indexOf('replicas: 5');
    assert.ok(start >= 0, 'the unsaved edit did not stick');
    assert.ok(await again.edit((e) => e.replace(new vscode.Range(again.document.positionAt(start), again.document.positionAt(start + 'replicas: 5'.length)), 'replicas: 4')));
    assert.ok(await again.document.save());
    assert.equal(replicasOf((await cluster('store-042')).overrides['hello-universe']), 4);
    assert.match(await record('store-042'), /replicas: 4/);
  });

  it('refuses a Kubernetes downgrade: once on 1.2.0 (Kubernetes 1.31.2), going back to 1.1.0 is refused and writes nothing', async () => {
    const backend = await (await api()).backend();
    const next = (await readText(working())).replace(/^ {2}version: 1\.1\.0$/m, '  version: 1.2.0').replace('        tag: 1.30.5\n', '        tag: 1.31.2\n');
    await backend.publish(next);
    const up = apply({ cluster: 'store-042', version: v('1.2.0'), reviewed: true });
    clickDialog('Approve repave and apply');
    assert.equal((await up)[0].status, 'applied');
    const before = await record('store-042');
    const [down] = await apply({ cluster: 'store-042', version: v('1.1.0'), reviewed: true });
    assert.equal(down.status, 'refused');
    assert.match(down.status === 'refused' ? down.reasons.join(' ') : '', /downgrad/i);
    assert.equal(await record('store-042'), before);
  });
});

describe('apply: dropped overrides', () => {
  let snapshot: Snapshot;
  before(async () => {
    snapshot = await Snapshot.take(store());
    // 1.0.1: 1.0.0 without hello-universe's replicas default, so store-042's replicas: 3 has nowhere to go.
    const backend = await (await api()).backend();
    const text = (await backend.readVersion(v('1.0.0'))).replace(/^ {2}version: 1\.0\.0$/m, '  version: 1.0.1').replace("              siteId: '{{.spectro.var.site_id}}'\n              replicas: 1\n", "              siteId: '{{.spectro.var.site_id}}'\n");
    await backend.publish(text);
  });
  after(async () => {
    await closeAllEditors();
    await snapshot.restore();
  });

  it('asks before dropping an override: declined writes nothing, accepted applies without it', async () => {
    const before = await record('store-042');
    const declined = apply({ cluster: 'store-042', version: v('1.0.1'), reviewed: true });
    clickDialog('Cancel');
    assert.deepEqual((await declined).map((o) => o.status), ['declined']);
    assert.equal(await record('store-042'), before);
    assert.equal(await exists(store('history', 'store-042.jsonl')), false);

    const accepted = apply({ cluster: 'store-042', version: v('1.0.1'), reviewed: true });
    clickDialog('Drop the overrides and apply');
    const [outcome] = await accepted;
    assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
    const after = await cluster('store-042');
    assert.deepEqual(after.profile, v('1.0.1'));
    assert.equal(replicasOf(after.overrides['hello-universe']), undefined);
    assert.match(after.overrides['edge-k3s'] ?? '', /oidc-issuer-url/, 'the other override is carried');
  });
});
