// Code actions over stdio, in a temp workspace whose store holds the baseline: each action's edit applied and checked.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol/node';
import { TestServer } from './client';

const baseline = `metadata:
  name: demo
spec:
  version: 1.0.0
  template:
    cloudType: edge-native
    type: cluster
    packs:
      - name: edge-native-byoi
        type: spectro
        layer: os
        tag: 2.1.0
        values: |-
          options:
            system.registry: ttl.sh # where images live
            system.repo: ubuntu
            system.uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/ubuntu:k3s"
      - name: edge-k3s
        type: spectro
        layer: k8s
        tag: 1.30.5
        values: |-
          cluster:
            config:
              etcd-snapshot-retention: 5
      - name: app
        type: spectro
        layer: addon
        tag: 1.0.0
        values: |-
          host: 'x'
  variables:
    - name: host
      format: string
`;

const pending = baseline
  .replace('version: 1.0.0', 'version: 1.1.0')
  .replace('system.registry: ttl.sh', 'system.registry: harbor.example.com/edge')
  .replace('tag: 1.30.5', 'tag: 1.30.x')
  .replace("host: 'x'", 'host: {{.spectro.var.host}}');

describe('code actions over stdio', function () {
  this.timeout(30_000);
  let root: string;
  let server: TestServer;
  const uri = () => pathToFileURL(join(root, 'demo.profile.yaml')).toString();
  let text = pending;
  let version = 1;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'palette-actions-'));
    mkdirSync(join(root, '.palette', 'profiles', 'demo'), { recursive: true });
    writeFileSync(join(root, '.palette', 'profiles', 'demo', '1.0.0.yaml'), baseline);
    writeFileSync(join(root, 'demo.profile.yaml'), pending);
    mkdirSync(join(root, '.palette', 'profiles', 'demo2'), { recursive: true });
    writeFileSync(join(root, '.palette', 'profiles', 'demo2', '1.0.0.yaml'), baseline.replace('name: demo', 'name: demo2').replace('tag: 1.30.5', 'tag: 1.31.4'));
    for (const [folder, v] of [['k3s-a', '1.30.7'], ['k3s-b', '1.30.2'], ['k3s-c', '1.31.0']]) {
      mkdirSync(join(root, 'packs', folder), { recursive: true });
      writeFileSync(join(root, 'packs', folder, 'pack.json'), JSON.stringify({ name: 'edge-k3s', version: v, layer: 'k8s' }));
    }
    server = await TestServer.start({}, { root });
    await server.open(uri(), pending);
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const lineOf = (needle: string): number => {
    const line = text.split('\n').findIndex((l) => l.includes(needle));
    assert.ok(line >= 0, needle);
    return line;
  };
  const at = (line: number): Range => ({ start: { line, character: 4 }, end: { line, character: 4 } });
  const diagnostics = async () => (await server.diagnosticsFor(uri(), version)).diagnostics;
  const actions = (range: Range, context: { diagnostics: Diagnostic[]; only?: string[] } = { diagnostics: [] }) =>
    server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri() }, range, context });
  /** Applies the action's edit to the open document, as the editor would, and sends the new text. */
  const apply = async (action: CodeAction | undefined) => {
    assert.ok(action?.edit?.changes, JSON.stringify(action));
    assert.deepEqual(Object.keys(action.edit.changes), [uri()]);
    text = TextDocument.applyEdits(TextDocument.create(uri(), 'palette-profile', version, text), action.edit.changes[uri()] as TextEdit[]);
    version = await server.change(uri(), text);
  };

  it('quotes a profile variable, as a preferred quick fix of its diagnostic', async () => {
    const warning = (await diagnostics()).find((d) => d.code === 'variable-unquoted');
    assert.ok(warning, 'no variable-unquoted diagnostic');
    const found = await actions(warning.range, { diagnostics: [warning] });
    const fix = found.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === 'variable-unquoted'));
    assert.ok(fix, JSON.stringify(found.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    await apply(fix);
    assert.match(text, /^ {10}host: '\{\{\.spectro\.var\.host\}\}'$/m);
    assert.deepEqual((await diagnostics()).filter((d) => d.code === 'variable-unquoted'), []);
  });

  it('pins a floating tag to the newest exact version of its line in the workspace', async () => {
    const line = lineOf('tag: 1.30.x');
    const floating = (await diagnostics()).filter((d) => d.code === 'floating-tag');
    assert.equal(floating.length, 1);
    const found = await actions(at(line), { diagnostics: floating });
    const pin = found.find((a) => a.title.startsWith('Pin edge-k3s'));
    assert.ok(pin, JSON.stringify(found.map((a) => a.title)));
    assert.equal(pin.title, 'Pin edge-k3s to 1.30.7 (newest known of 1.30.x)');
    assert.equal(pin.kind, 'quickfix');
    assert.deepEqual(pin.diagnostics?.map((d) => d.code), ['floating-tag']);
    await apply(pin);
    assert.equal(text.split('\n')[line], '        tag: 1.30.7');
    assert.deepEqual((await diagnostics()).filter((d) => d.code === 'floating-tag'), []);
  });

  it("pins to the baseline's exact tag when it is the newest known of the line", async () => {
    const other = pathToFileURL(join(root, 'demo2.profile.yaml')).toString();
    const body = pending.replace('name: demo', 'name: demo2').replace('tag: 1.30.x', 'tag: 1.31.x');
    await server.open(other, body);
    await server.diagnosticsFor(other, 1);
    const line = body.split('\n').findIndex((l) => l.includes('tag: 1.31.x'));
    const found = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: other }, range: at(line), context: { diagnostics: [] } });
    assert.deepEqual(found.filter((a) => a.title.startsWith('Pin')).map((a) => a.title), ['Pin edge-k3s to 1.31.4 (newest known of 1.31.x)']);
  });

  it('reverts a changed value to the baseline, saying which impact it undoes', async () => {
    const line = lineOf('system.registry:');
    const found = await actions(at(line));
    const revert = found.find((a) => a.title.startsWith('Revert edge-native-byoi: options.system.registry'));
    assert.ok(revert, JSON.stringify(found.map((a) => a.title)));
    assert.equal(revert.title, "Revert edge-native-byoi: options.system.registry to 'ttl.sh' (undo this repave)");
    assert.equal(revert.kind, 'refactor.rewrite');
    await apply(revert);
    assert.equal(text.split('\n')[line], '            system.registry: ttl.sh # where images live');
    await diagnostics();
    const again = await actions(at(line));
    assert.deepEqual(again.filter((a) => a.title.includes('options.system.registry')), [], 'the change is gone, so is its revert');
  });

  it('reverts a tag change too', async () => {
    const found = await actions(at(lineOf('tag: 1.30.7')));
    const revert = found.find((a) => a.title.startsWith('Revert edge-k3s tag'));
    assert.ok(revert, JSON.stringify(found.map((a) => a.title)));
    assert.match(revert.title, /to '1\.30\.5' \(undo this repave\)$/);
    await apply(revert);
    assert.match(text, /^ {8}tag: 1\.30\.5$/m);
  });

  it('bumps spec.version by patch, minor or major from its line', async () => {
    const found = await actions(at(lineOf('version: 1.1.0')));
    const bumps = found.filter((a) => a.title.startsWith('Bump version'));
    assert.deepEqual(bumps.map((a) => a.title), ['Bump version to 1.1.1 (patch)', 'Bump version to 1.2.0 (minor)', 'Bump version to 2.0.0 (major)']);
    await apply(bumps[1]);
    assert.match(text, /^ {2}version: 1\.2\.0$/m);
    assert.deepEqual(await actions(at(lineOf('name: demo'))), [], 'nothing to do on a line without a change, tag or version');
  });

  it('returns only the kinds asked for', async () => {
    const line = lineOf('version:');
    const all = await actions(at(line));
    assert.ok(all.some((a) => a.kind === 'refactor.rewrite'));
    assert.deepEqual(await actions(at(line), { diagnostics: [], only: ['quickfix'] }), []);
    assert.deepEqual(await actions(at(line), { diagnostics: [], only: ['source.fixAll'] }), []);
    assert.equal((await actions(at(line), { diagnostics: [], only: ['refactor'] })).length, all.length);
  });

  it('replaces a value outside an enum with each allowed one, the likely one preferred', async () => {
    const other = pathToFileURL(join(root, 'other.profile.yaml')).toString();
    const body = 'metadata:\n  name: other\nspec:\n  version: 1.0.0\n  template:\n    cloudType: aws\n    type: cluster\n    packs:\n      - name: app\n        type: spectro\n        layer: adon\n        values: |-\n          a: 1\n';
    await server.open(other, body);
    const published = await server.diagnosticsFor(other, 1);
    const problem = published.diagnostics.find((d) => d.code === 'schema' && String(d.message).includes("'adon'"));
    assert.ok(problem, JSON.stringify(published.diagnostics));
    const found = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: other }, range: problem.range, context: { diagnostics: [problem] } });
    assert.deepEqual(found.map((a) => a.title), ["Change to 'os'", "Change to 'k8s'", "Change to 'cni'", "Change to 'csi'", "Change to 'addon'", "Change to 'kernel'"]);
    const preferred = found.filter((a) => a.isPreferred);
    assert.deepEqual(preferred.map((a) => a.title), ["Change to 'addon'"]);
    const fixed = TextDocument.applyEdits(TextDocument.create(other, 'palette-profile', 1, body), preferred[0].edit!.changes![other] as TextEdit[]);
    assert.equal(fixed, body.replace('layer: adon', 'layer: addon'));
    await server.change(other, fixed);
    assert.deepEqual((await server.diagnosticsFor(other, 2)).diagnostics.filter((d) => d.code === 'schema'), []);
  });
});
