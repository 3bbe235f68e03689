// The bundled server over stdio: capabilities, versioned diagnostics, hovers, custom requests.
import * as assert from 'node:assert/strict';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { DocumentKindRequest } from '../../server/src/protocol';
import { TestServer } from './client';

describe('language server over stdio', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start();
  });
  after(async () => server.stop());

  it('announces its capabilities', () => {
    assert.equal(server.initializeResult?.serverInfo?.name, 'palette-profile-studio');
    assert.equal(server.initializeResult?.capabilities.hoverProvider, true);
  });

  it('publishes a syntax error with its exact range and the document version', async () => {
    const uri = 'file:///w/a.profile.yaml';
    await server.open(uri, 'metadata:\n  name: a\nspec: {version: 1.0.0\n');
    const published = await server.diagnosticsFor(uri, 1);
    assert.equal(published.version, 1);
    assert.ok(published.diagnostics.length > 0);
    const first = published.diagnostics[0];
    assert.equal(first.code, 'yaml-syntax');
    assert.equal(first.source, 'palette');
    assert.ok(first.range.start.line >= 2, JSON.stringify(first.range));
  });

  it('publishes only for the last of many quick edits', async () => {
    const uri = 'file:///w/quick.profile.yaml';
    await server.open(uri, 'a: 1\n');
    let last = 1;
    for (let i = 0; i < 30; i++) last = await server.change(uri, i % 2 ? 'a: [\n' : `a: ${i}\n`);
    last = await server.change(uri, 'a: [\n');
    const published = await server.diagnosticsFor(uri, last);
    assert.equal(published.diagnostics.length > 0, true);
    // A request round trip flushes anything the server still had queued for older versions.
    await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    const forUri = server.diagnostics.filter((d) => d.uri === uri);
    const lastIndex = forUri.findIndex((d) => d.version === last);
    assert.deepEqual(forUri.slice(lastIndex + 1).map((d) => d.version), [], 'stale diagnostics arrived after the final version');
    assert.ok(forUri.length < 10, `published ${forUri.length} times for 32 quick versions`);
  });

  it('answers a hover with the dotted path of the key', async () => {
    const uri = 'file:///w/hover.profile.yaml';
    await server.open(uri, 'spec:\n  template:\n    cloudType: aws\n');
    await server.diagnosticsFor(uri, 1);
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 6 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.match((hover.contents as { value: string }).value, /spec\.template\.cloudType/);
  });

  it('answers the documentKind request and survives unknown documents', async () => {
    await server.open('file:///w/pack/pack.json', '{}', 'palette-pack-json');
    assert.deepEqual(await server.connection.sendRequest(DocumentKindRequest, { uri: 'file:///w/pack/pack.json' }), { kind: 'pack-json' });
    assert.deepEqual(await server.connection.sendRequest(DocumentKindRequest, { uri: 'file:///nowhere.yaml' }), { kind: 'unknown' });
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  it('refuses a file over the configured size limit with one clear diagnostic', async () => {
    const small = await TestServer.start({ maxFileSizeMB: 0.001 });
    try {
      const uri = 'file:///w/big.profile.yaml';
      await small.open(uri, 'a: 1\n'.repeat(1000));
      const published = await small.diagnosticsFor(uri, 1);
      assert.equal(published.diagnostics.length, 1);
      assert.equal(published.diagnostics[0].code, 'file-too-large');
    } finally {
      await small.stop();
    }
  });
});
