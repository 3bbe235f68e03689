// The baseline, impact inlay hints, code lenses and update findings over stdio, on a temp workspace with a local store.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { BaselineCandidatesRequest, BaselineInfoRequest, SetBaselineRequest, type BaselineInfo } from '../../server/src/protocol';
import { lineOf, poll, TestServer } from './client';

const examples = join(process.cwd(), 'examples');

describe('impact predictions over stdio', function () {
  let root: string;
  let server: TestServer;
  let uri: string;
  let text: string;
  const fullRange = () => ({ start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } });
  const hints = () => server.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: fullRange() });
  const lenses = () => server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  const hintOn = (all: InlayHint[], line: number) => all.find((h) => h.position.line === line);

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'palette-impact-'));
    cpSync(examples, root, { recursive: true });
    const file = join(root, 'edge-retail', 'edge-retail.profile.yaml');
    uri = pathToFileURL(file).toString();
    // With a Kubernetes minor step (the example 1.1.0 keeps 1.30.5 so that it can be rolled back).
    text = readFileSync(file, 'utf8').replace('        tag: 1.30.5\n', '        tag: 1.31.2\n');
    writeFileSync(file, text);
    server = await TestServer.start({}, { root });
    await server.open(uri, text);
  });

  afterEach(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('compares with the newest lower version in the local store by default', async () => {
    const info = await server.connection.sendRequest(BaselineInfoRequest, { uri });
    assert.equal(info.source, 'store');
    assert.equal(info.label, 'edge-retail 1.0.0 (store)');
    assert.equal(info.detail, join(root, '.palette', 'profiles', 'edge-retail', '1.0.0.yaml'));
  });

  it('puts the predicted impact at the end of each changed line, with the reason and source', async () => {
    const all = await hints();
    const registry = hintOn(all, lineOf(text, 'system.registry: harbor'));
    assert.ok(registry, 'no hint on the registry line');
    assert.equal(registry.label, '⟳ repave · via uri');
    assert.equal(registry.position.character, text.split('\n')[lineOf(text, 'system.registry: harbor')].length);
    const tooltip = (registry.tooltip as MarkupContent).value;
    assert.match(tooltip, /options\.system\.uri uses it/);
    assert.match(tooltip, /\[source\]\(https:\/\/docs\.spectrocloud\.com\/clusters\/edge\/cluster-management\/upgrade-behavior\//);
    assert.equal(hintOn(all, lineOf(text, 'etcd-snapshot-retention: 14'))?.label, 'service restart');
    // The docs name the pack parameters the uri uses, not the Kubernetes version macro: a possible repave.
    assert.equal(hintOn(all, lineOf(text, 'tag: 1.31.2'))?.label, '⟳ repave? · via uri');
    assert.match(tooltip, /\n> Changes to any other parameters that are used by the `options\.system\.uri` parameter will also trigger a cluster repave\.\n/);
    // Unchanged lines carry nothing.
    assert.equal(hintOn(all, lineOf(text, 'system.uri:')), undefined);
  });

  it('rolls impacts up in code lenses at the top and above each pack', async () => {
    const all = await lenses();
    const top = all.filter((l) => l.range.start.line === 0).map((l) => l.command?.title);
    assert.ok(top[0]?.startsWith('This version: repave, '), top[0]);
    assert.ok(top.includes('Review changes'));
    assert.ok(top.includes('vs edge-retail 1.0.0 (store)'));
    const calico = all.find((l) => l.command?.arguments?.[1] === 'cni-calico');
    assert.equal(calico?.command?.title, 'No change');
    const k3s = all.find((l) => l.command?.arguments?.[1] === 'edge-k3s');
    assert.match(k3s?.command?.title ?? '', /^edge-k3s: repave, 1 change; service restart, 1/);
  });

  it('follows a picked baseline, and drops predictions when told to compare with nothing', async () => {
    const candidates = (await server.connection.sendRequest(BaselineCandidatesRequest, { uri })).candidates;
    const labels = candidates.map((c) => c.label);
    for (const expected of ['Automatic', 'edge-retail 1.0.0', 'Cluster store-042', 'Git HEAD', 'Nothing']) assert.ok(labels.includes(expected), `${expected} missing from ${labels.join(', ')}`);
    const none: BaselineInfo = await server.connection.sendRequest(SetBaselineRequest, { uri, choice: { kind: 'none' } });
    assert.equal(none.source, 'none');
    assert.deepEqual(await hints(), []);
    const back = await server.connection.sendRequest(SetBaselineRequest, { uri, choice: { kind: 'auto' } });
    assert.equal(back.source, 'store');
    assert.ok((await hints()).length > 0);
  });

  it('against a cluster, reports the override the new version conflicts with', async () => {
    await server.connection.sendRequest(SetBaselineRequest, { uri, choice: { kind: 'cluster', name: 'store-042' } });
    const diagnostics = await poll('a conflict diagnostic', async () => {
      const last = server.diagnostics.filter((d) => d.uri === uri).at(-1);
      return last?.diagnostics.some((d) => d.code === 'override-conflict') ? last.diagnostics : undefined;
    });
    const conflict = diagnostics.find((d) => d.code === 'override-conflict')!;
    assert.match(String(conflict.message), /replicas/);
  });

  it('reports a Kubernetes downgrade against the baseline as an error diagnostic', async () => {
    const downgraded = text.replace('tag: 1.31.2', 'tag: 1.29.1');
    const version = await server.change(uri, downgraded);
    const published = await server.diagnosticsFor(uri, version);
    const downgrade = published.diagnostics.find((d) => d.code === 'k8s-downgrade');
    assert.ok(downgrade, `no k8s-downgrade in ${published.diagnostics.map((d) => d.code).join(', ')}`);
    assert.equal(downgrade.range.start.line, lineOf(downgraded, 'tag: 1.29.1'));
  });

  it('reports a baseline of another profile name as a profile-name-mismatch diagnostic on the name', async () => {
    const renamed = text.replace(/^  name: edge-retail$/m, '  name: Edge Retail (Prod)');
    assert.notEqual(renamed, text);
    await server.connection.sendRequest(SetBaselineRequest, { uri, choice: { kind: 'version', name: 'edge-retail', version: '1.0.0' } });
    const version = await server.change(uri, renamed);
    const published = await server.diagnosticsFor(uri, version);
    const mismatch = published.diagnostics.find((d) => d.code === 'profile-name-mismatch');
    assert.ok(mismatch, `no profile-name-mismatch in ${published.diagnostics.map((d) => d.code).join(', ')}`);
    assert.equal(mismatch.severity, 2);
    assert.equal(mismatch.range.start.line, lineOf(renamed, 'Edge Retail (Prod)'));
    assert.ok(!published.diagnostics.some((d) => d.code === 'schema'), 'the name itself is valid');
  });

  it('refreshes hints and lenses when settings change, and turns hints off', async () => {
    assert.ok((await hints()).length > 0);
    server.settings = { inlayHints: { enabled: false }, codeLens: { enabled: false } };
    const before = { ...server.refreshes };
    await server.settingsChanged();
    // The server pulls the settings, then asks the client to refresh; the start-up refresh may land in between.
    await poll('hints and lenses to go', async () => ((await hints()).length === 0 && (await lenses()).length === 0 ? true : undefined));
    await poll('a refresh request', async () => (server.refreshes.inlayHints > before.inlayHints && server.refreshes.codeLenses > before.codeLenses ? true : undefined));
  });

  it('applies the cluster kind setting: stages.boot repaves on RKE2 where it reboots on K3s', async () => {
    const bootLine = lineOf(text, 'timedatectl set-timezone America/Chicago');
    const onK3s = (await hints()).find((h) => h.position.line === bootLine);
    assert.equal(onK3s?.label, '↻ reboot');
    server.settings = { clusterKind: 'edge-rke2' };
    await server.settingsChanged();
    const onRke2 = await poll('the RKE2 prediction', async () => {
      const hint = (await hints()).find((h) => h.position.line === bootLine);
      return hint?.label === '⟳ repave' ? hint : undefined;
    });
    assert.match((onRke2.tooltip as MarkupContent).value, /RKE2/);
  });

  it('picks up a version published to the store while the profile is open', async () => {
    const newer = readFileSync(join(root, '.palette', 'profiles', 'edge-retail', '1.0.0.yaml'), 'utf8').replace('version: 1.0.0', 'version: 1.0.5');
    writeFileSync(join(root, '.palette', 'profiles', 'edge-retail', '1.0.5.yaml'), newer);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, '.palette', 'profiles', 'edge-retail', '1.0.5.yaml')).toString(), type: 1 }] });
    const info = await poll('the new baseline', async () => {
      const i = await server.connection.sendRequest(BaselineInfoRequest, { uri });
      return i.label.includes('1.0.5') ? i : undefined;
    });
    assert.equal(info.source, 'store');
  });

  it('falls back to the file at git HEAD when neither the store nor the workspace has a lower version', async function () {
    const repo = mkdtempSync(join(tmpdir(), 'palette-git-'));
    try {
      const file = join(repo, 'solo.profile.yaml');
      const committed = readFileSync(join(examples, 'edge-rke2', 'edge-rke2.profile.yaml'), 'utf8').replace(/name: edge-rke2\b/, 'name: solo-profile');
      writeFileSync(file, committed);
      const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { stdio: 'pipe' });
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'first');
      const edited = committed.replace('modprobe dm_crypt', 'modprobe dm_crypt && modprobe br_netfilter');
      assert.notEqual(edited, committed);
      const solo = await TestServer.start({}, { root: repo });
      try {
        const soloUri = pathToFileURL(file).toString();
        await solo.open(soloUri, edited);
        const info = await solo.connection.sendRequest(BaselineInfoRequest, { uri: soloUri });
        assert.equal(info.source, 'git');
        assert.match(info.label, /git HEAD/);
        const line = lineOf(edited, 'br_netfilter');
        const all = await solo.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: soloUri }, range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } } });
        assert.equal(all.find((h) => h.position.line === line)?.label, '⟳ repave');
      } finally {
        await solo.stop();
      }
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
