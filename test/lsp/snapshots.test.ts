// Requests answer for the document version they were asked about, even when edits arrive while they wait on the disk; library warnings are logged as warnings.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DidChangeWatchedFilesNotification, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { SetBaselineRequest } from '../../server/src/protocol';
import { TestServer } from './client';

const example = readFileSync(join('examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('requests on a snapshot of their document version', () => {
  let server: TestServer;
  let root: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pps-snapshots-'));
    cpSync(join('examples', 'packs'), join(root, 'packs'), { recursive: true });
    server = await TestServer.start({}, { root });
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a completion that reads the pack folder while a typing burst arrives keeps its range at the caret', async () => {
    const find = "'{{.spectro.var.site_id}}'\n              replicas: 2\n";
    const at = example.indexOf(find) + find.length;
    const text = example.slice(0, at) + '              rep\n' + example.slice(at);
    const caret = at + '              rep'.length;
    const uri = pathToFileURL(join(root, 'burst.profile.yaml')).toString();
    for (let round = 0; round < 5; round++) {
      await server.open(uri, text);
      // The handler awaits the pack folder's files (stat, read) while the burst is applied.
      const pending = server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, caret) });
      let typed = text;
      for (let i = 0; i < 8; i++) {
        typed = `# ${i}\n` + typed;
        void server.change(uri, typed);
      }
      const result = await pending;
      const items: CompletionItem[] = result === null ? [] : Array.isArray(result) ? result : (result as CompletionList).items;
      assert.ok(items.length > 0, 'completions offered');
      for (const item of items) {
        const range = (item.textEdit as TextEdit).range;
        assert.deepEqual(range.end, positionOf(text, caret), `${item.label}: the range ends at the caret of the version asked about`);
        assert.equal(text.split('\n')[range.start.line].slice(range.start.character, range.end.character), 'rep', item.label);
      }
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  });

  it('a yaml library warning reaches the client log as a warning, not an error', async () => {
    // A cluster record with a collection as a mapping key: yaml warns (a process warning) that it is stringified.
    mkdirSync(join(root, '.palette', 'clusters'), { recursive: true });
    writeFileSync(join(root, '.palette', 'clusters', 'store-9.yaml'), 'name: store-9\ncloudType: edge-native\n? [a, b]\n: 1\n');
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(root, '.palette', 'clusters', 'store-9.yaml')).toString(), type: 1 }] });
    const uri = pathToFileURL(join(root, 'keys.profile.yaml')).toString();
    await server.open(uri, example);
    await server.connection.sendRequest(SetBaselineRequest, { uri, choice: { kind: 'cluster', name: 'store-9' } });
    const entry = await waitFor('the stringified-key warning in the log', () => server.logMessages.find((m) => /Keys with collection values/.test(m.message)));
    assert.equal(entry.type, 2, `logged as type ${entry.type}: ${entry.message}`);
  });
});
