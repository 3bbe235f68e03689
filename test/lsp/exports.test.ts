// A Palette JSON export as VS Code sends it (languageId json): read as a profile, edited as JSON, offered as YAML.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CompletionRequest, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { clientCommands, DocumentKindRequest } from '../../server/src/protocol';
import { TestServer } from './client';

describe('a JSON export over stdio', () => {
  let server: TestServer;
  let uri = '';
  let text = '';
  before(async () => {
    const root = mkdtempSync(join(tmpdir(), 'pps-export-'));
    cpSync('examples', root, { recursive: true });
    server = await TestServer.start({}, { root });
    // Saved from Palette under its own name: nothing in the name says profile.
    uri = pathToFileURL(join(root, 'edge-retail', 'Edge Retail (prod).json')).toString();
    text = readFileSync(join(root, 'edge-retail', 'edge-retail-export.json'), 'utf8');
    await server.open(uri, text, 'json');
    await server.diagnosticsFor(uri, 1);
  });
  after(async () => server?.stop());

  const at = (needle: string, shift = 0) => {
    const offset = text.indexOf(needle) + shift;
    assert.ok(offset >= shift, needle);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };

  it('is a profile to the server', async () => {
    assert.deepEqual(await server.connection.sendRequest(DocumentKindRequest, { uri }), { kind: 'profile' });
  });

  it('hovers a key inside a pack values string with its dotted path', async () => {
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at('system.registry: harbor', 3) });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents, JSON.stringify(hover));
    assert.match(hover.contents.value, /options\.system\.registry/);
    assert.match(hover.contents.value, /repave/i);
  });

  it('offers Convert to Profile YAML and no edit that would write YAML into the JSON', async () => {
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: at('system.registry: harbor'), end: at('system.registry: harbor') },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.command?.command, a.edit]),
      [['Convert to Profile YAML', 'refactor', clientCommands.convertToProfileYaml, undefined]],
    );
    assert.deepEqual(actions[0].command?.arguments, [uri]);
  });

  it('completes nothing: the candidates are YAML', async () => {
    const completion = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at('"layer": "os"', 10) });
    assert.equal(completion, null);
  });
});
