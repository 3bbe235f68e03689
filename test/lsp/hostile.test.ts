// Hostile documents over stdio: each gets its clear diagnostic, nothing crashes, and another document's hover still answers meanwhile.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import { hostileInputs, type HostileInput } from '../bench/hostileInputs';
import { TestServer } from './client';

const normalText = readFileSync(join('examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');
const registryAt = (() => {
  const at = normalText.indexOf('system.registry:') + 3;
  const before = normalText.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
})();

describe('hostile documents over stdio', () => {
  let root: string;
  let server: TestServer;
  let normalUri: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'palette-hostile-'));
    normalUri = pathToFileURL(join(root, 'normal.profile.yaml')).toString();
    writeFileSync(join(root, 'normal.profile.yaml'), normalText);
    server = await TestServer.start({}, { root });
    await server.open(normalUri, normalText);
    await server.diagnosticsFor(normalUri, 1);
  });

  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const hoverNormal = async (): Promise<string> => {
    const hover: Hover | null = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: normalUri }, position: registryAt });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents, 'no hover on the other document');
    return (hover.contents as { value: string }).value;
  };

  /** Writes the input where its kind applies (a pack file beside a pack.json) and returns its uri and language. */
  const place = (input: HostileInput, index: number): { uri: string; languageId: string } => {
    const pack = !input.file.endsWith('.profile.yaml');
    const file = join(root, `case${index}`, input.file);
    mkdirSync(dirname(file), { recursive: true });
    if (pack) writeFileSync(join(dirname(file), 'pack.json'), JSON.stringify({ name: `hostile${index}`, displayName: 'Hostile', version: '1.0.0', layer: 'addon' }));
    writeFileSync(file, input.bytes ?? input.text);
    return { uri: pathToFileURL(file).toString(), languageId: pack ? 'palette-pack-yaml' : 'palette-profile' };
  };

  hostileInputs().forEach((input, index) => {
    it(`${input.name}: a hover on another document answers before its check is out, then the right diagnostic`, async () => {
      const { uri, languageId } = place(input, index);
      // The text as the editor has it: bytes that are not UTF-8 arrive as U+FFFD.
      await server.open(uri, input.text, languageId);
      const markdown = await hoverNormal();
      assert.match(markdown, /options\.system\.registry/);
      assert.equal(server.diagnostics.some((d) => d.uri === uri), false, 'the hover waited for the hostile document');
      const published = await server.diagnosticsFor(uri, 1, 120_000);
      const messages = published.diagnostics.map((d) => `${String(d.code)} ${d.message}`);
      assert.ok(!messages.some((m) => /call stack|RangeError/i.test(m)), messages.join('\n'));
      if (input.expect) assert.ok(messages.some((m) => input.expect!.test(m)), messages.join('\n'));
      else assert.deepEqual(published.diagnostics.filter((d) => d.severity === 1).map((d) => d.message), []);
      if (input.bytes) {
        const encoding = published.diagnostics.find((d) => d.code === 'encoding');
        assert.ok(encoding, messages.join('\n'));
        assert.equal(encoding.severity, 1);
        assert.deepEqual(encoding.range.start, { line: 1, character: 11 });
      }
      // The hostile document's own features answer too, and the server is still there for the other one.
      await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
      await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      assert.match(await hoverNormal(), /options\.system\.registry/);
      assert.equal(server.child.exitCode, null);
    });
  });
});
