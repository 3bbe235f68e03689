// textDocument/documentSymbol and textDocument/foldingRange over stdio, on the example profile and pack files.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-protocol';
import { TestServer } from './client';

const example = (path: string) => readFileSync(join('examples', path), 'utf8');

function notAfter(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}

function allSymbols(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...allSymbols(s.children ?? [])]);
}

describe('outline and folding over stdio', () => {
  let server: TestServer;
  const profileUri = 'file:///w/edge-retail/edge-retail.profile.yaml';
  const profileText = example('edge-retail/edge-retail.profile.yaml');
  const lines = profileText.split('\n');
  const lineOf = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle));

  const symbolsOf = (uri: string) => server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const foldsOf = (uri: string) => server.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });

  before(async () => {
    server = await TestServer.start();
    await server.open(profileUri, profileText);
  });
  after(async () => server.stop());

  it('answers documentSymbol with the profile, its layers, packs and variables as a hierarchy', async () => {
    const symbols = await symbolsOf(profileUri);
    assert.equal(symbols.length, 1);
    const root = symbols[0];
    assert.equal(root.name, 'edge-retail 1.1.0');
    assert.equal(root.kind, 2 /* Module */);
    assert.deepEqual(root.children?.map((c) => c.name), ['os', 'k8s', 'cni', 'csi', 'addon', 'variables']);
    const k3s = root.children![1].children![0];
    assert.equal(k3s.name, 'edge-k3s 1.30.5');
    assert.equal(k3s.kind, 4 /* Package */);
    assert.equal(k3s.detail, 'spectro · k8s');
    const item = lineOf('- name: edge-k3s');
    assert.deepEqual(k3s.selectionRange, { start: { line: item, character: 14 }, end: { line: item, character: 22 } });
    assert.deepEqual(k3s.range.start, { line: item, character: 8 });
    assert.deepEqual(k3s.range.end, { line: lineOf('oidc-extra-scope: profile,email'), character: lines[lineOf('oidc-extra-scope: profile,email')].length });
    const cluster = k3s.children!.find((c) => c.name === 'cluster');
    assert.deepEqual(cluster?.selectionRange, { start: { line: lineOf('          cluster:'), character: 10 }, end: { line: lineOf('          cluster:'), character: 17 } });
    const variables = root.children![5];
    assert.deepEqual(variables.children?.map((v) => [v.name, v.kind]), [
      ['site_id', 13 /* Variable */],
      ['registry_password', 13],
    ]);
  });

  it('keeps every selection range inside its range', async () => {
    for (const symbol of allSymbols(await symbolsOf(profileUri))) {
      assert.ok(contains(symbol.range, symbol.selectionRange), `${symbol.name}: ${JSON.stringify(symbol.selectionRange)} outside ${JSON.stringify(symbol.range)}`);
    }
  });

  it('answers foldingRange with packs, values blocks and the maps inside them', async () => {
    const folds = await foldsOf(profileUri);
    const endOf = (line: number) => folds.find((f) => f.startLine === line)?.endLine;
    const k3s = lineOf('- name: edge-k3s');
    const header = lineOf('values: |-', k3s);
    assert.equal(endOf(k3s), lineOf('oidc-extra-scope'));
    assert.equal(endOf(header), lineOf('oidc-extra-scope'));
    assert.equal(endOf(lineOf('kube-apiserver-arg:')), lineOf('audit-log-maxage=30'));
    assert.equal(endOf(lineOf('content: |-')), lineOf('nodePort: 30080'));
    assert.ok(folds.every((f, i) => f.endLine > f.startLine && (i === 0 || f.startLine > folds[i - 1].startLine)));
  });

  it('follows edits: the outline of the new version', async () => {
    const uri = 'file:///w/edit.profile.yaml';
    await server.open(uri, profileText);
    assert.equal((await symbolsOf(uri))[0].name, 'edge-retail 1.1.0');
    await server.change(uri, profileText.replace('version: 1.1.0', 'version: 1.2.0').replace('- name: cni-calico', '- name: cni-cilium'));
    const root = (await symbolsOf(uri))[0];
    assert.equal(root.name, 'edge-retail 1.2.0');
    assert.equal(root.children![2].children![0].name, 'cni-cilium 3.28.0');
  });

  it('answers folding asked right after open only once the first diagnostics are out, so they are not held up by parsing every pack', async () => {
    const uri = 'file:///w/first.profile.yaml';
    await server.open(uri, profileText);
    const folds = await foldsOf(uri);
    assert.ok(server.diagnostics.some((d) => d.uri === uri && d.version === 1), 'diagnostics for version 1 arrived before the folding answer');
    assert.ok(folds.length > 10);
  });

  it('answers with what it can for broken YAML, and with nothing for unknown documents', async () => {
    const uri = 'file:///w/broken.profile.yaml';
    await server.open(uri, profileText.replace('    type: cluster\n', '    type: [cluster\n'));
    const symbols = await symbolsOf(uri);
    assert.ok(Array.isArray(symbols));
    for (const symbol of allSymbols(symbols)) assert.ok(contains(symbol.range, symbol.selectionRange));
    assert.ok(Array.isArray(await foldsOf(uri)));
    assert.deepEqual(await symbolsOf('file:///w/never-opened.profile.yaml'), []);
    assert.deepEqual(await foldsOf('file:///w/never-opened.profile.yaml'), []);
  });

  it('outlines and folds pack.json and presets.yaml', async () => {
    const packJson = 'file:///w/packs/hello-universe/pack.json';
    await server.open(packJson, example('packs/hello-universe/pack.json'), 'palette-pack-json');
    assert.deepEqual((await symbolsOf(packJson)).map((s) => s.name), ['name', 'displayName', 'version', 'layer', 'addonType', 'cloudTypes', 'annotations', 'constraints']);
    const folds = await foldsOf(packJson);
    assert.deepEqual(folds[0], { startLine: 0, endLine: 45 });
    const presets = 'file:///w/packs/hello-universe/presets.yaml';
    await server.open(presets, example('packs/hello-universe/presets.yaml'), 'palette-pack-yaml');
    const [list] = await symbolsOf(presets);
    assert.equal(list.name, 'presets');
    assert.deepEqual(list.children?.map((p) => [p.name, p.detail]), [
      ['disable-api', 'UI only (no API, no database)'],
      ['enable-api', 'UI with API and Postgres'],
    ]);
    assert.deepEqual((await foldsOf(presets)).find((f) => f.startLine === 6), { startLine: 6, endLine: 10 });
  });
});
