// Set API Key and Apply Version to Cluster driven as a user drives them: keys typed into the real password box and quick picks (PALETTE_KEYS).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ApplyOutcome } from '../../client/src/commands/apply';
import { exampleWorld, finish, project, type World } from '../unit/palette-api-support';
import { closeAllEditors, extensionId, waitFor, workspaceUri } from './util';
import { api, clickDialog, exists, pressEnterInDialog, pressKeys, readText, screenshot, Snapshot, store } from './views-support';

const section = 'paletteProfileStudio';
const config = () => vscode.workspace.getConfiguration(section);
const keyBox = 'Palette API key';
const setApiKey = () => vscode.commands.executeCommand<boolean>('paletteProfileStudio.setApiKey');
const hasApiKey = async () => (await api()).hasApiKey();

/** Every setting the extension contributes, each as VS Code resolves it at every level (default, user, workspace, folder, language). */
function everySetting(): string {
  const properties = vscode.extensions.getExtension(extensionId)!.packageJSON.contributes.configuration.properties as Record<string, unknown>;
  const keys = Object.keys(properties).map((k) => k.slice(section.length + 1));
  assert.ok(keys.includes('palette.baseUrl'), `the contributed settings were not read: ${keys.join(', ')}`);
  return JSON.stringify(keys.map((key) => [key, config().inspect(key)]));
}

describe('user input: Set API Key typed into its password box', () => {
  let w: World | undefined;
  /** Palette answers a list of profiles through the stored key; a different key would get 401s. */
  async function paletteAccepts(): Promise<void> {
    const before = w!.fake.calls.length;
    const profiles = await (await (await api()).backend()).listProfiles();
    assert.ok(profiles.some((p) => p.name === 'edge-retail'));
    const calls = w!.fake.calls.slice(before);
    assert.ok(calls.length > 0 && calls.every((c) => c.status < 400), JSON.stringify(calls.map((c) => [c.method, c.path, c.status])));
  }

  before(async () => {
    w = await exampleWorld();
    await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey');
    await config().update('backend', 'palette', vscode.ConfigurationTarget.Global);
    await config().update('palette.baseUrl', w.fake.url, vscode.ConfigurationTarget.Global);
    await config().update('palette.projectUid', project, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey');
    for (const key of ['backend', 'palette.baseUrl', 'palette.projectUid']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await finish(w);
  });

  it('Escape with no key stored: the command resolves false and still no key', async () => {
    const setting = setApiKey();
    pressKeys([{ type: 'pk-typed-then-abandoned' }, { press: 'Escape' }], keyBox);
    assert.equal(await setting, false);
    assert.equal(await hasApiKey(), false);
    await assert.rejects((await api()).backend(), /No Palette API key is set/);
  });

  it('the typed key goes to secret storage, Palette accepts it, and no setting or log line holds it', async () => {
    const key = w!.fake.apiKey;
    const setting = setApiKey();
    pressKeys([{ type: key }, { press: 'Enter' }], keyBox);
    assert.equal(await setting, true);
    assert.equal(await hasApiKey(), true);
    await paletteAccepts();
    assert.ok(!everySetting().includes(key), 'the key is in a setting');
    const settingsFile = workspaceUri('.vscode', 'settings.json');
    if (await exists(settingsFile)) assert.ok(!(await readText(settingsFile)).includes(key), 'the key is in .vscode/settings.json');
    const log = (await api()).backendLog();
    // The log has the calls just made, so a key written with them would be there.
    assert.ok(log.some((line) => /^(GET|POST) \/v1\/\S+ → 200/.test(line)), log.join('\n'));
    assert.ok(!log.some((line) => line.includes(key)), 'the key is in the backend log');
  });

  it('Escape after typing another key keeps the stored one: Palette still accepts it', async () => {
    const setting = setApiKey();
    pressKeys([{ type: 'pk-wrong-key-never-stored' }, { press: 'Escape' }], keyBox);
    assert.equal(await setting, false);
    assert.equal(await hasApiKey(), true);
    await paletteAccepts();
  });

  it('Clear API Key removes it: Palette cannot be reached without setting one again', async () => {
    assert.equal(await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey'), true);
    assert.equal(await hasApiKey(), false);
    await assert.rejects((await api()).backend(), /No Palette API key is set for http:\/\/127\.0\.0\.1:\d+ \([^)]+\): run "Palette: Set API Key"/);
  });
});

describe('user input: Apply Version to Cluster picked in the quick picks', () => {
  let snapshot: Snapshot;
  const apply = () => vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion');
  const record = (cluster: string) => readText(store('clusters', `${cluster}.yaml`));
  before(async () => {
    snapshot = await Snapshot.take(store());
    // The review suites leave a 1.1.0 written into the store (the snapshot puts it back after): this suite's 1.1.0 is
    // the working file published straight through the backend, whatever ran before (the publish suite covers the command).
    await vscode.workspace.fs.delete(store('profiles', 'edge-retail', '1.1.0.yaml')).then(undefined, () => undefined);
    await (await (await api()).backend()).publish(await readText(workspaceUri('edge-retail', 'edge-retail.profile.yaml')));
  });
  after(async () => {
    await closeAllEditors();
    await snapshot.restore();
  });

  it('store-042 found by name, checked with Space, 1.1.0 picked: its review opens and nothing is written', async () => {
    const before = await record('store-042');
    const exports = await api();
    const earlier = exports.review();
    const pending = apply();
    pressKeys([{ type: 'store-042' }, { press: 'ArrowDown' }, { press: 'Space' }, { press: 'Enter' }], 'Apply a version to');
    pressKeys([{ type: '1.1.0' }, { press: 'Enter' }], 'Version to apply to store-042');
    const outcomes = await pending;
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.status]), [['store-042', 'review-opened']]);
    const review = await waitFor('the review of store-042', () => {
      const session = exports.review();
      const request = session !== earlier ? session?.request : undefined;
      return request?.kind === 'cluster' && request.cluster === 'store-042' ? request : undefined;
    });
    assert.deepEqual(review.version, { name: 'edge-retail', version: '1.1.0' });
    assert.equal(await record('store-042'), before);
    assert.equal(await exists(store('history', 'store-042.jsonl')), false);
  });

  it('Enter with nothing checked takes the highlighted cluster instead of closing on nothing', async () => {
    await closeAllEditors();
    const pending = apply();
    pressKeys([{ type: 'store-042' }, { press: 'Enter' }], 'Apply a version to');
    pressKeys([{ type: '1.1.0' }, { press: 'Enter' }], 'Version to apply to store-042');
    const outcomes = await pending;
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.status]), [['store-042', 'review-opened']]);
  });

  it('store-043 (Provisioning) is disabled before any version is asked: Space does not check it, Enter on it says why and applies nothing', async () => {
    await closeAllEditors();
    const before = [await record('store-042'), await record('store-043')];
    // Both found by their tag: store-042 checked, store-043 refused at the pick; only store-042 goes on, to its review.
    let pending = apply();
    pressKeys(
      [{ type: 'service:hello-universe-frontend' }, { press: 'ArrowDown' }, { press: 'Space' }, { press: 'ArrowDown' }, { press: 'Space' }, { press: 'Enter' }],
      'Apply a version to',
    );
    pressKeys([{ type: '1.1.0' }, { press: 'Enter' }], 'Version to apply to store-042');
    assert.deepEqual((await pending).map((o) => [o.cluster, o.status]), [['store-042', 'review-opened']]);
    // store-043 alone: no version pick follows, nothing is applied.
    pending = apply();
    pressKeys([{ type: 'store-043' }, { press: 'Enter' }], 'Apply a version to');
    assert.deepEqual(await pending, []);
    // As the picker shows them, for the README; Escape then closes it and nothing happens.
    pending = apply();
    pressKeys([{ type: 'store-04' }], 'Apply a version to');
    await screenshot('apply-picker');
    pressKeys([{ press: 'Escape' }], 'Apply a version to');
    assert.deepEqual(await pending, []);
    assert.deepEqual([await record('store-042'), await record('store-043')], before);
    assert.equal(await exists(store('history', 'store-043.jsonl')), false);
  });

  it('the repave modal\'s default button reviews instead of approving: Enter opens the review and applies nothing', async () => {
    await closeAllEditors();
    const before = await record('store-042');
    const exports = await api();
    const earlier = exports.review();
    const pending = vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion', { cluster: 'store-042', version: { name: 'edge-retail', version: '1.1.0' }, reviewed: true });
    pressEnterInDialog();
    const outcomes = await pending;
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.status]), [['store-042', 'declined']]);
    assert.equal(await record('store-042'), before);
    assert.equal(await exists(store('history', 'store-042.jsonl')), false);
    assert.equal(exports.review(), earlier, 'from the review itself, the default goes back to it and opens no other');
  });

  it('several clusters: each repave is approved by typing the cluster\'s name; Escape leaves it as it is', async () => {
    await closeAllEditors();
    const running = (await record('store-043')).replace('status: Provisioning', 'status: Running');
    await vscode.workspace.fs.writeFile(store('clusters', 'store-043.yaml'), new TextEncoder().encode(running));
    const before = [await record('store-042'), await record('store-043')];
    const pending = vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion', { clusters: ['store-042', 'store-043'], version: { name: 'edge-retail', version: '1.1.0' } });
    clickDialog('Apply');
    pressKeys([{ type: 'store-04' }, { press: 'Enter' }, { press: 'Escape' }], 'repaves store-042');
    clickDialog('Apply');
    pressKeys([{ type: 'store-043' }, { press: 'Enter' }], 'repaves store-043');
    const outcomes = await pending;
    assert.deepEqual(outcomes.map((o) => [o.cluster, o.status]), [['store-042', 'declined'], ['store-043', 'applied']]);
    assert.equal(await record('store-042'), before[0]);
    assert.match(await record('store-043'), /version: 1\.1\.0/);
  });
});
