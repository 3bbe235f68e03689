// The server on a folder of pack-central-shaped packs: pack files get the folder's findings, profiles their packs' constraints.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestServer } from './client';

const root = path.resolve(process.cwd(), 'test', 'fixtures', 'packs');

function brief(d: Diagnostic): [string, number, number, number, string] {
  return [String(d.code), d.severity ?? 0, d.range.start.line, d.range.start.character, (typeof d.message === 'string' ? d.message : d.message.value).slice(0, 40)];
}

describe('language server: pack folders', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start({}, { root });
  });
  after(async () => server.stop());

  /** The newest diagnostics of `uri` once `ready` holds for them; polls what the server publishes. */
  async function settled(uri: string, ready: (d: Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = server.diagnostics.filter((d) => d.uri === uri).pop();
      if (latest && ready(latest.diagnostics)) return latest.diagnostics;
      if (Date.now() > deadline) throw new Error(`diagnostics of ${uri} never settled: ${JSON.stringify(latest?.diagnostics.map(brief))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('pack.json: the schema error, the leading v and the missing logo and README, from the folder on disk', async () => {
    const file = path.join(root, 'edge-probe-v0.9.0', 'pack.json');
    const uri = pathToFileURL(file).toString();
    await server.open(uri, readFileSync(file, 'utf8'), 'palette-pack-json');
    const diagnostics = await settled(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
      [
        ['pack-file-missing', 2, 5, 2],
        ['pack-file-missing', 2, 5, 2],
        ['pack-version-prefix', 2, 6, 13],
        ['schema', 1, 9, 6],
      ],
    );
  });

  it('values.yaml: the pack leaves a required value to the profile, a hint', async () => {
    const file = path.join(root, 'greeter-2.1.0', 'values.yaml');
    const uri = pathToFileURL(file).toString();
    await server.open(uri, readFileSync(file, 'utf8'), 'palette-pack-yaml');
    const diagnostics = await settled(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map(brief), [['required-in-profile', 4, 9, 4, 'manifests.greeter.greeting is required b']]);
  });

  it('a profile using the workspace pack: the same value left empty is an error at the value', async () => {
    const uri = pathToFileURL(path.join(root, 'site.profile.yaml')).toString();
    const text = 'metadata:\n  name: site\nspec:\n  version: 1.0.0\n  template:\n    cloudType: edge-native\n    type: add-on\n    packs:\n      - name: greeter\n        tag: 2.1.0\n        layer: addon\n        values: |-\n          manifests:\n            greeter:\n              greeting: ""\n              image: quay.io/example/greeter:2.1.0\n';
    await server.open(uri, text);
    const diagnostics = await settled(uri, (d) => d.some((x) => x.code === 'constraint-required'));
    const required = diagnostics.filter((d) => d.code === 'constraint-required');
    assert.deepEqual(required.map(brief), [['constraint-required', 1, 14, 14, "manifests.greeter.greeting is required b"]]);
  });
});
