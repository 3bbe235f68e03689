// After Apply and Publish the open review tells what is true now, and reviews of one target do not pile up tabs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReviewSession } from '../../client/src/review/session';
import { closeAllEditors, openInEditor, waitFor, workspaceUri } from './util';
import { api, clickDialog, exists, readText, screenshot, Snapshot, store } from './views-support';

const v110 = { name: 'edge-retail', version: '1.1.0' };

const diffTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
const reviewPanels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Review'));

async function ready(session: ReviewSession): Promise<void> {
  await waitFor('the review rendered', () => session.model && !session.stale && session.rendered === session.revision, 45_000);
}

async function panelText(session: ReviewSession, pattern: RegExp): Promise<string> {
  return waitFor(`the panel to show ${pattern}`, async () => {
    const { text } = await session.panel.probe();
    return pattern.test(text) ? text : undefined;
  }, 45_000);
}

describe('Review after the action', function () {
  this.timeout(150_000);
  let snapshot: Snapshot;
  before(async () => {
    snapshot = await Snapshot.take(store());
  });
  afterEach(async () => {
    await closeAllEditors();
    await snapshot.restore();
  });

  it('after Publish from the review, the panel says Published 1.1.0 and offers applying it to the clusters on 1.0.0', async () => {
    await vscode.workspace.fs.delete(store('profiles', 'edge-retail', '1.1.0.yaml')).then(undefined, () => undefined);
    const exports = await api();
    await waitFor('a running language client', () => exports.client()?.isRunning());
    const working = workspaceUri('edge-retail', 'edge-retail.profile.yaml');
    // As from the code lens: the working file is open in an editor, so the server has it.
    await openInEditor(working);
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', working);
    const session = await waitFor('the review of the working file', () => (exports.review()?.request.kind === 'file' ? exports.review() : undefined));
    await ready(session);
    assert.equal(session.view().action?.kind, 'publish');
    clickDialog('Publish');
    await session.handle({ type: 'publish', revision: session.revision });
    const text = await panelText(session, /Published edge-retail 1\.1\.0/);
    assert.match(text, /store-042 \(1\.0\.0\), store-043 \(1\.0\.0\)/);
    assert.match(text, /Apply 1\.1\.0 to clusters…/);
    assert.doesNotMatch(text, /already exists/);
    const probe = await session.panel.probe();
    assert.equal(probe.applyDisabled, undefined, 'no Publish or Apply button is left');
    assert.equal(await readText(store('profiles', 'edge-retail', '1.1.0.yaml')), await readText(working));
    await screenshot('review-after-publish');
  });

  it('after Apply from the review, the panel says store-042 runs 1.1.0 with nothing pending, Apply is gone and the diff is closed', async () => {
    const exports = await api();
    await exports.backend().then(async (b) => b.publish(await readText(workspaceUri('edge-retail', 'edge-retail.profile.yaml'))));
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { cluster: 'store-042', version: v110 });
    const session = await waitFor('the review of store-042', () => (exports.review()?.request.kind === 'cluster' ? exports.review() : undefined));
    await ready(session);
    await waitFor('its diff tab', () => diffTabs().length === 1 || undefined);
    // Take the new value for the replicas conflict, so Apply is enabled, then approve the repave it asks for.
    const conflict = session.model!.conflicts[0];
    await session.handle({ type: 'resolve', conflict: conflict.id, choice: 'theirs' });
    await waitFor('Apply enabled', () => session.applyEnabled() || undefined, 45_000);
    clickDialog('Approve repave and apply');
    await session.handle({ type: 'apply', revision: session.revision });
    const text = await panelText(session, /store-042 runs edge-retail 1\.1\.0\. Nothing is pending/);
    assert.match(text, /store-042: edge-retail 1\.1\.0/);
    assert.doesNotMatch(text, /1\.1\.0 → 1\.1\.0|no-op/);
    assert.equal((await session.panel.probe()).applyDisabled, undefined, 'Apply is gone');
    await waitFor('the diff closed', () => diffTabs().length === 0 || undefined);
    assert.match(await readText(store('clusters', 'store-042.yaml')), /version: 1\.1\.0/);
    await waitFor('the applied draft removed from pending/', async () => !(await exists(store('pending', 'store-042.profile.yaml'))) || undefined);
    await screenshot('review-after-apply');
  });

  it('a second review of the same cluster replaces the first: one panel and one diff', async () => {
    const exports = await api();
    await exports.backend().then(async (b) => b.publish(await readText(workspaceUri('edge-retail', 'edge-retail.profile.yaml'))));
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { cluster: 'store-042', version: v110 });
    const first = await waitFor('the first review', () => exports.review());
    await ready(first);
    await vscode.commands.executeCommand('paletteProfileStudio.reviewChanges', { cluster: 'store-042', version: v110 });
    const second = await waitFor('the second review', () => (exports.review() !== first ? exports.review() : undefined));
    await ready(second);
    await waitFor('one review panel and one diff', () => (reviewPanels().length === 1 && diffTabs().length === 1) || undefined);
  });
});
