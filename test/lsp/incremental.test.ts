// Typing in a profile the server re-analyses piece by piece: what it publishes must match a fresh open of the same text.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InlayHintRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestServer } from './client';

const examples = join(process.cwd(), 'examples', 'edge-retail');
const original = readFileSync(join(examples, 'edge-retail.profile.yaml'), 'utf8');

function shape(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`).sort();
}

describe('language server: edits analysed incrementally', () => {
  let server: TestServer;
  let root: string;
  let fresh = 0;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'palette-incremental-'));
    const store = join(root, '.palette', 'profiles', 'edge-retail');
    mkdirSync(store, { recursive: true });
    copyFileSync(join(examples, 'edge-retail-1.0.0.profile.yaml'), join(store, '1.0.0.yaml'));
    server = await TestServer.start({}, { root });
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** Diagnostics and inlay hints of `text` opened as a new document, for comparison. */
  async function reference(text: string): Promise<{ diagnostics: string[]; hints: string }> {
    const uri = pathToFileURL(join(root, `fresh-${++fresh}.profile.yaml`)).toString();
    await server.open(uri, text);
    const published = await server.diagnosticsFor(uri, 1);
    return { diagnostics: shape(published.diagnostics), hints: await hints(uri, text) };
  }

  async function hints(uri: string, text: string): Promise<string> {
    const lines = text.split('\n').length;
    const found = await server.request<{ position: unknown; label: unknown }[]>(InlayHintRequest.method, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });
    return JSON.stringify(found.map((h) => [h.position, h.label]));
  }

  it('publishes for each edited version what a fresh open of that text gets', async () => {
    const uri = pathToFileURL(join(root, 'edge-retail.profile.yaml')).toString();
    await server.open(uri, original);
    await server.diagnosticsFor(uri, 1);
    const registry = original.indexOf('harbor.retail.example.com');
    const stages = original.indexOf('          stages:\n') + '          stages:\n'.length;
    assert.ok(registry > 0 && stages > 100);
    const steps = [
      // Typing inside one value, a few characters at a time.
      original.slice(0, registry) + 'my.' + original.slice(registry),
      original.slice(0, registry) + 'my.mirror.' + original.slice(registry),
      // A stage the Edge OS schema does not know, inside the values block.
      original.slice(0, stages) + '            bootz:\n              - commands: [reboot]\n' + original.slice(stages),
      // A line pulled out of the block: the outer structure changes and is parsed again.
      original.slice(0, stages) + 'bootz: 1\n' + original.slice(stages),
      original,
    ];
    let lastGood: unknown[][] = [];
    for (const text of steps) {
      const version = await server.change(uri, text);
      const published = await server.diagnosticsFor(uri, version);
      const expected = await reference(text);
      assert.deepEqual(shape(published.diagnostics), expected.diagnostics, `diagnostics of version ${version}`);
      const got = await hints(uri, text);
      if (!expected.diagnostics.some((d) => d.includes(' yaml-syntax '))) {
        assert.equal(got, expected.hints, `inlay hints of version ${version}`);
        lastGood = JSON.parse(got) as unknown[][];
      } else {
        // While the text does not parse, an edited document keeps predictions of its last version that did
        // (a fresh open has none to keep): only some of those, never new ones.
        const labels = (JSON.parse(got) as unknown[][]).map((h) => h[1]);
        const before = lastGood.map((h) => h[1]);
        assert.ok(labels.length > 0 && labels.every((l) => before.includes(l)), `inlay hints of version ${version}: ${JSON.stringify(labels)} from ${JSON.stringify(before)}`);
      }
    }
    const unknown = (await reference(steps[2])).diagnostics.filter((d) => d.includes("'bootz'"));
    assert.equal(unknown.length, 1, 'the values schema reported the unknown stage');
    assert.match(unknown[0], new RegExp(`^${steps[2].slice(0, stages).split('\n').length - 1}:12-`));
  });
});
