// Where the API key may go, in a real VS Code: one key per endpoint, asked for before a new endpoint gets anything; a workspace cannot redirect the endpoint or the store; no test API outside Test mode.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ApplyOutcome } from '../../client/src/commands/apply';
import { apiKeySecret, BackendManager, legacyApiKeySecret } from '../../client/src/backend/manager';
import { testExports } from '../../client/src/testExports';
import { exampleWorld, finish, project, type World } from '../unit/palette-api-support';
import { closeAllEditors, extensionId, waitFor, workspaceUri } from './util';
import { api, exists, pressKeys, readText } from './views-support';

const config = () => vscode.workspace.getConfiguration('paletteProfileStudio');
const user = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);
const applyTo043 = () =>
  Promise.resolve(vscode.commands.executeCommand<ApplyOutcome[]>('paletteProfileStudio.applyVersion', { cluster: 'store-043', version: { name: 'edge-retail', version: '1.0.0' }, reviewed: true }));

/** Another server on this machine that records what it is sent (headers included) and accepts nothing. */
async function spyServer() {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end('{"code":"Unauthorized","message":"spy"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A SecretStorage in memory, for a BackendManager of the test's own (the extension's real one keeps its secrets). */
class MemorySecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string) {
    this.values.delete(key);
    this.emitter.fire({ key });
  }
}

describe('endpoint keys', () => {
  let w: World | undefined;
  let spy: Awaited<ReturnType<typeof spyServer>> | undefined;
  beforeEach(async () => {
    w = await exampleWorld();
    spy = await spyServer();
    await user('backend', 'palette');
    await user('palette.baseUrl', w.fake.url);
    await user('palette.projectUid', project);
    await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', w.fake.apiKey);
  });
  afterEach(async () => {
    for (const url of [spy!.url, w!.fake.url]) {
      await user('palette.baseUrl', url);
      await vscode.commands.executeCommand('paletteProfileStudio.clearApiKey');
    }
    for (const key of ['backend', 'palette.baseUrl', 'palette.projectUid', 'palette.allowInsecureHttp', 'store.path']) await user(key, undefined);
    await closeAllEditors();
    await spy!.close();
    await finish(w);
  });

  it('keeps a key per endpoint: a new baseUrl is sent no other endpoint\'s key, a command asks for its own, and the first keeps its key', async () => {
    await user('palette.baseUrl', spy!.url);
    assert.equal(await (await api()).hasApiKey(), false, 'the first endpoint\'s key counts for the second');
    await assert.rejects((await api()).backend(), new RegExp(`No Palette API key is set for ${spy!.url.replace(/\./g, '\\.')} \\(project ${project}\\)`));
    const { views } = await api();
    views.model.refresh();
    await waitFor('the Profiles view to say there is no key', async () => {
      const [node] = await views.profiles.getChildren();
      return node?.kind === 'message' && /No Palette API key is set for/.test(node.text) ? true : undefined;
    });

    // A command the user starts asks for this endpoint's key; closing the box sends nothing.
    const title = `Palette API key for ${spy!.url}`;
    const abandoned = applyTo043();
    pressKeys([{ press: 'Escape' }], title);
    await abandoned;
    assert.equal(spy!.seen.length, 0, 'the second endpoint was called without its own key');

    const typed = 'pk-typed-for-the-second-endpoint-93e1';
    const applying = applyTo043();
    pressKeys([{ type: typed }, { press: 'Enter' }], title);
    await applying;
    assert.ok(spy!.seen.length > 0, 'the typed key was not used');
    assert.deepEqual([...new Set(spy!.seen.map((s) => s.headers.apikey))], [typed], 'the second endpoint received another key');

    // Back to the first endpoint: its own key, untouched, and Palette accepts it.
    await user('palette.baseUrl', w!.fake.url);
    assert.equal(await (await api()).hasApiKey(), true);
    const profiles = await (await (await api()).backend()).listProfiles();
    assert.ok(profiles.some((p) => p.name === 'edge-retail'));
  });

  it('refuses plain http to another machine unless the user setting allows it', async () => {
    await user('palette.baseUrl', 'http://palette.example.invalid');
    await assert.rejects((await api()).backend(), /Refusing to send the API key to http:\/\/palette\.example\.invalid over plain http/);
    await user('palette.allowInsecureHttp', true);
    // Allowed now: what stops it is only that this endpoint has no key of its own.
    await assert.rejects((await api()).backend(), /No Palette API key is set for http:\/\/palette\.example\.invalid/);
  });

  it('binds a key stored before keys were per endpoint to the endpoint configured then, once', async () => {
    const secrets = new MemorySecrets();
    const output = vscode.window.createOutputChannel('Palette key migration test', { log: true });
    await secrets.store(legacyApiKeySecret, 'pk-legacy-7731');
    const first = new BackendManager(secrets, output);
    try {
      assert.equal(await first.hasApiKey(), true);
      assert.equal(secrets.values.get(apiKeySecret(first.endpoint().id)), 'pk-legacy-7731');
      assert.equal(secrets.values.has(legacyApiKeySecret), false, 'the single key is still there for every endpoint');
      await user('palette.baseUrl', spy!.url);
      assert.equal(await first.hasApiKey(), false, 'the migrated key serves another endpoint');
      const second = new BackendManager(secrets, output);
      assert.equal(await second.hasApiKey(), false, 'migrated again to the endpoint of the next start');
      second.dispose();
      assert.deepEqual([...secrets.values.keys()], [apiKeySecret(`${w!.fake.url}#${project}`)]);
    } finally {
      first.dispose();
      output.dispose();
    }
  });

  describe('a workspace\'s .vscode/settings.json', () => {
    const settingsFile = () => workspaceUri('.vscode', 'settings.json');
    let original: string | undefined;
    /** Writes the workspace settings a hostile repository could carry, and waits until VS Code has read them. */
    async function workspaceSettings(values: Record<string, unknown>): Promise<void> {
      const base = original ? (JSON.parse(original) as Record<string, unknown>) : {};
      const marker = Math.round(Math.random() * 1000) / 10 + 1;
      const text = JSON.stringify({ ...base, ...values, 'paletteProfileStudio.maxFileSizeMB': marker }, null, 2);
      await vscode.workspace.fs.writeFile(settingsFile(), new TextEncoder().encode(text));
      await waitFor('VS Code to read the workspace settings', () => config().get('maxFileSizeMB') === marker);
    }
    before(async () => {
      original = (await exists(settingsFile())) ? await readText(settingsFile()) : undefined;
    });
    afterEach(async () => {
      if (original === undefined) await vscode.workspace.fs.delete(settingsFile());
      else await vscode.workspace.fs.writeFile(settingsFile(), new TextEncoder().encode(original));
      await waitFor('the workspace settings restored', () => config().inspect('maxFileSizeMB')?.workspaceValue === (original ? (JSON.parse(original) as Record<string, unknown>)['paletteProfileStudio.maxFileSizeMB'] : undefined));
    });

    it('cannot point the extension at another server: the requests and the key go to the user\'s endpoint, the other server receives nothing', async () => {
      await vscode.commands.executeCommand('paletteProfileStudio.setApiKey', w!.fake.apiKey);
      await workspaceSettings({ 'paletteProfileStudio.palette.baseUrl': spy!.url, 'paletteProfileStudio.backend': 'palette' });
      const before = w!.fake.calls.length;
      const backend = await (await api()).backend();
      assert.ok((await backend.listProfiles()).some((p) => p.name === 'edge-retail'));
      const [outcome] = await applyTo043();
      assert.equal(outcome?.status, 'refused', JSON.stringify(outcome));
      assert.ok(w!.fake.calls.length > before, 'the user\'s Palette was not called');
      assert.deepEqual(spy!.seen, [], 'the workspace\'s server was called');
    });

    it('cannot switch the backend to Palette', async () => {
      await user('backend', undefined);
      await workspaceSettings({ 'paletteProfileStudio.palette.baseUrl': spy!.url, 'paletteProfileStudio.backend': 'palette' });
      assert.equal((await (await api()).backend()).kind, 'local');
      assert.deepEqual(spy!.seen, []);
    });

    it('can put the store only inside the workspace; a folder elsewhere only from user settings', async () => {
      await user('backend', undefined);
      for (const outside of ['../elsewhere-store', '/tmp/elsewhere-store']) {
        await workspaceSettings({ 'paletteProfileStudio.store.path': outside });
        await assert.rejects((await api()).backend(), /store\.path" \(.*\) points outside the workspace folder/, outside);
      }
      await workspaceSettings({ 'paletteProfileStudio.store.path': 'nested/store' });
      assert.equal((await (await api()).backend()).label, 'store');
      await workspaceSettings({});
      await user('store.path', '/tmp/user-chosen-store');
      assert.equal((await (await api()).backend()).label, 'user-chosen-store');
    });

    it('cannot make the language server read baselines from a store outside the workspace', async function () {
      this.timeout(120_000);
      await user('store.path', undefined);
      const version = async (v: string) => (await readText(workspaceUri('.palette', 'profiles', 'edge-retail', '1.0.0.yaml'))).replace('version: 1.0.0', `version: ${v}`);
      const inside = workspaceUri('nested-store', 'profiles', 'edge-retail', '1.0.7.yaml');
      const outsideDir = mkdtempSync(join(tmpdir(), 'pps-outside-store-'));
      mkdirSync(join(outsideDir, 'profiles', 'edge-retail'), { recursive: true });
      writeFileSync(join(outsideDir, 'profiles', 'edge-retail', '1.0.9.yaml'), await version('1.0.9'));
      await vscode.workspace.fs.writeFile(inside, new TextEncoder().encode(await version('1.0.7')));
      const exports = await api();
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('edge-retail', 'edge-retail.profile.yaml')));
      const baseline = (label: string) => waitFor(`the baseline ${label}`, () => (exports.baseline(editor.document.uri)?.label === label ? true : undefined), 30_000);
      try {
        // The server follows a workspace store inside the workspace...
        await workspaceSettings({ 'paletteProfileStudio.store.path': 'nested-store' });
        await baseline('edge-retail 1.0.7 (store)');
        // ...but one outside it is not read: the default store is.
        await workspaceSettings({ 'paletteProfileStudio.store.path': outsideDir });
        await baseline('edge-retail 1.0.0 (store)');
      } finally {
        await vscode.workspace.fs.delete(workspaceUri('nested-store'), { recursive: true });
        rmSync(outsideDir, { recursive: true, force: true });
      }
    });
  });
});

describe('test API', () => {
  it('activate() returns the test API only in ExtensionMode.Test: in production other extensions get nothing that reaches the key', () => {
    let built = 0;
    const build = () => ({ backend: () => ++built });
    assert.equal(testExports(vscode.ExtensionMode.Production, build), undefined);
    assert.equal(testExports(vscode.ExtensionMode.Development, build), undefined);
    assert.equal(built, 0, 'the API was built outside Test mode');
    assert.equal(typeof testExports(vscode.ExtensionMode.Test, build)?.backend, 'function');
    // This harness launches with extensionTestsPath, which is Test mode: the real exports are there.
    assert.ok(vscode.extensions.getExtension(extensionId)?.exports, 'the harness does not run the extension in Test mode');
  });
});
