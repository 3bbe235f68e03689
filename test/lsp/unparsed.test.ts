// While a profile does not parse: predictions stay on the keys the user did not touch, the broken pack says it is not checked, and syntax errors sit where they start.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { lineOf, poll, TestServer } from './client';

const examples = join(process.cwd(), 'examples');

describe('predictions while a profile does not parse, over stdio', function () {
  let root: string;
  let server: TestServer;
  let uri: string;
  let text: string;
  const hints = (of: string) => server.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: of.split('\n').length, character: 0 } } });
  const lenses = () => server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  const labelOn = (all: InlayHint[], line: number) => all.find((h) => h.position.line === line)?.label;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'palette-unparsed-'));
    cpSync(examples, root, { recursive: true });
    const file = join(root, 'edge-retail', 'edge-retail.profile.yaml');
    uri = pathToFileURL(file).toString();
    text = readFileSync(file, 'utf8');
    server = await TestServer.start({}, { root });
    await server.open(uri, text);
    const first = await hints(text);
    assert.equal(labelOn(first, lineOf(text, 'system.registry: harbor')), '⟳ repave · via uri');
    assert.equal(labelOn(first, lineOf(text, 'etcd-snapshot-retention: 14')), 'service restart');
  });

  afterEach(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("a pack whose values do not parse predicts nothing, says so in its lens, and the other packs keep theirs", async () => {
    const broken = text.replace('system.repo: ubuntu', 'system.repo: [ubuntu');
    const version = await server.change(uri, broken);
    // The syntax error is on the line of the unclosed [.
    const diagnostics = (await server.diagnosticsFor(uri, version)).diagnostics.filter((d) => d.code === 'embedded-yaml-syntax');
    // yaml goes on to report what follows; the first error is on that line.
    assert.equal(Math.min(...diagnostics.map((d) => d.range.start.line)), lineOf(broken, 'system.repo: [ubuntu'));
    assert.match(String(diagnostics.find((d) => d.range.start.line === lineOf(broken, 'system.repo: [ubuntu'))?.message), /the \[ here is not closed/);
    const all = await hints(broken);
    const osLines = [lineOf(broken, '- name: edge-native-byoi'), lineOf(broken, '- name: edge-k3s')];
    assert.deepEqual(all.filter((h) => h.position.line > osLines[0] && h.position.line < osLines[1]).map((h) => `${h.position.line}: ${h.label}`), []);
    assert.equal(labelOn(all, lineOf(broken, 'etcd-snapshot-retention: 14')), 'service restart');
    const titles = (await lenses()).map((l) => l.command?.title);
    assert.ok(titles.includes('edge-native-byoi: not checked until it parses'), JSON.stringify(titles));
    assert.ok(titles.some((t) => t?.startsWith('edge-k3s: ')), JSON.stringify(titles));
  });

  it('a file whose YAML does not parse keeps the last good predictions outside the edit', async () => {
    // A quote left open in the OS pack's tag: yaml reads the rest of the file as one string.
    const broken = text.replace(/( {8}tag: )(\S+)\n/, '$1"$2\n');
    assert.notEqual(broken, text);
    const version = await server.change(uri, broken);
    const problems = (await server.diagnosticsFor(uri, version)).diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.ok(problems.length > 0);
    const all = await poll('hints of the broken version', async () => {
      const found = await hints(broken);
      return labelOn(found, lineOf(broken, 'etcd-snapshot-retention: 14')) ? found : undefined;
    });
    assert.equal(labelOn(all, lineOf(broken, 'etcd-snapshot-retention: 14')), 'service restart');
    assert.equal(labelOn(all, lineOf(broken, 'system.registry: harbor')), undefined, 'the edited pack is not checked');
    const titles = (await lenses()).map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.startsWith('This version: ') && t.endsWith('(as the file last parsed)')), JSON.stringify(titles));
  });
});

describe('an undefined alias, over stdio', () => {
  it('is a syntax error at the alias, and code actions there still answer', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palette-alias-'));
    const server = await TestServer.start({}, { root });
    try {
      const uri = pathToFileURL(join(root, 'alias.profile.yaml')).toString();
      const text = [
        'metadata:',
        '  name: alias-demo',
        'spec:',
        '  version: 1.0.0',
        '  template:',
        '    cloudType: edge-native',
        '    type: cluster',
        '    packs:',
        '      - name: hello',
        '        type: spectro',
        '        layer: addon',
        '        tag: 1.0.0',
        '        values: |-',
        '          replicas: 2',
        '          extra: *missing',
        '',
      ].join('\n');
      await server.open(uri, text);
      const diagnostics = (await server.diagnosticsFor(uri, 1)).diagnostics;
      const alias = diagnostics.find((d) => d.code === 'embedded-yaml-syntax');
      assert.ok(alias, JSON.stringify(diagnostics));
      const line = lineOf(text, 'extra: *missing');
      assert.deepEqual(alias.range.start, { line, character: text.split('\n')[line].indexOf('*missing') });
      assert.match(String(alias.message), /\*missing refers to no anchor/);
      assert.ok(!diagnostics.some((d) => /too many alias/i.test(String(d.message))));
      const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: alias.range, context: { diagnostics: [alias] } });
      assert.ok(Array.isArray(actions));
    } finally {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
