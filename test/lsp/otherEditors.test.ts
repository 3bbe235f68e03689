// Neovim and Helix as the README configures them: the server started by their command line, told only `yaml` or `json`.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentSymbolRequest, HoverRequest, InlayHintRequest } from 'vscode-languageserver-protocol/node';
import { TestServer } from './client';

const readme = readFileSync('README.md', 'utf8');
const placeholder = '/path/to/palette-profile-studio';

function fenced(language: string, containing: string): string {
  const block = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].find((m) => m[1] === language && m[2].includes(containing));
  assert.ok(block, `no ${language} block with ${containing} in the README`);
  return block[2];
}

const words = (message: string | { value: string }) => (typeof message === 'string' ? message : message.value);
const here = (arg: string) => arg.replace(placeholder, resolve('.'));

/** The Neovim snippet: `cmd` and `settings` of its `vim.lsp.config` call. */
function neovim(): { command: string[]; settings: Record<string, unknown> } {
  const lua = fenced('lua', 'vim.lsp.config');
  const cmd = /cmd = \{([^}]*)\}/.exec(lua);
  assert.ok(cmd, lua);
  assert.match(lua, /filetypes = \{ 'yaml', 'json' \}/);
  const settings = /paletteProfileStudio = (\{.*\}),?\n/.exec(lua);
  assert.ok(settings, lua);
  // A Lua table of strings and tables, written as JSON: `{ a = { b = 'x' } }` → `{ "a": { "b": "x" } }`.
  const json = settings[1].replace(/(\w+) = /g, '"$1": ').replace(/'/g, '"');
  return { command: [...cmd[1].matchAll(/'([^']*)'/g)].map((m) => here(m[1])), settings: JSON.parse(json) as Record<string, unknown> };
}

/** The Helix snippet: `command`, `args` and the `config` table it sends as initialization options. */
function helix(): { command: string[]; config: Record<string, unknown> } {
  const toml = fenced('toml', '[language-server.palette-profile]');
  const command = /^command = "([^"]*)"$/m.exec(toml);
  const args = /^args = (\[.*\])$/m.exec(toml);
  assert.ok(command && args, toml);
  const section = /\[language-server\.palette-profile\.config\.paletteProfileStudio\]\n((?:.+\n)+)/.exec(toml);
  assert.ok(section, toml);
  const entries = section[1].trim().split('\n').map((line) => line.replace(/^(\w+) = /, '"$1": ').replace(/(\w+) = /g, '"$1": '));
  const config = { paletteProfileStudio: JSON.parse(`{${entries.join(',')}}`) as Record<string, unknown> };
  for (const language of ['yaml', 'json']) assert.match(toml, new RegExp(`name = "${language}"\\nlanguage-servers = \\[.*"palette-profile"\\]`));
  return { command: [command[1], ...(JSON.parse(args[1]) as string[]).map(here)], config };
}

describe('other editors: the README snippets', () => {
  it('start the server as `node dist/server.js --stdio`, with the same settings', () => {
    const expected = ['node', resolve('dist', 'server.js'), '--stdio'];
    assert.deepEqual(neovim().command, expected);
    assert.deepEqual(helix().command, expected);
    assert.deepEqual(helix().config.paletteProfileStudio, neovim().settings);
  });

  const editors = [
    // Neovim answers `workspace/configuration` from `settings` and sends no initialization options.
    { name: 'Neovim', start: () => TestServer.start(undefined, { root, command: neovim().command, settings: neovim().settings }) },
    // Helix sends its `config` table as initialization options and answers from it too.
    { name: 'Helix', start: () => TestServer.start(helix().config, { root, command: helix().command, settings: helix().config.paletteProfileStudio as Record<string, unknown> }) },
  ];
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'pps-editors-'));
    cpSync('examples', root, { recursive: true });
    mkdirSync(join(root, 'chart'));
    writeFileSync(join(root, 'chart', 'values.yaml'), 'replicaCount: 1\nimage:\n  repository: nginx\n');
  });

  for (const editor of editors) {
    describe(editor.name, () => {
      let server: TestServer;
      before(async () => {
        server = await editor.start();
      });
      after(async () => server?.stop());
      const uri = (path: string) => pathToFileURL(join(root, path)).toString();

      it("checks a pack's values.yaml (languageId yaml) against the pack's schema.yaml", async () => {
        const values = uri('packs/hello-universe/values.yaml');
        await server.open(values, readFileSync(join(root, 'packs/hello-universe/values.yaml'), 'utf8').replace('replicas: 1', 'replicas: 50'), 'yaml');
        const published = await server.diagnosticsFor(values, 1);
        const format = published.diagnostics.find((d) => d.code === 'constraint-format');
        assert.ok(format, JSON.stringify(published.diagnostics));
        assert.match(words(format.message), /replicas|1-10|range/i);
      });

      it('checks a profile (languageId yaml) that is not named *.profile.yaml', async () => {
        const profile = uri('downloads/edge-retail.yaml');
        await server.open(profile, readFileSync(join(root, 'edge-retail/edge-retail.profile.yaml'), 'utf8').replace('layer: k8s', 'layer: kubernetes'), 'yaml');
        const published = await server.diagnosticsFor(profile, 1);
        assert.ok(published.diagnostics.some((d) => d.code === 'schema' && /Unknown layer 'kubernetes'/.test(words(d.message))), JSON.stringify(published.diagnostics));
      });

      it('checks a JSON export (languageId json): update checks and impact hints at their places in the JSON', async () => {
        const exported = uri('edge-retail/edge-retail-export.json');
        const text = readFileSync(join(root, 'edge-retail/edge-retail-export.json'), 'utf8');
        await server.open(exported, text, 'json');
        const published = await server.diagnosticsFor(exported, 1);
        const orphaned = published.diagnostics.find((d) => d.code === 'orphaned-resources');
        assert.ok(orphaned, JSON.stringify(published.diagnostics));
        assert.match(text.split('\n')[orphaned.range.start.line], /"name": "hello-universe"/);
        const hints = await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: exported }, range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } } });
        assert.ok(hints?.some((h) => /repave/.test(String(h.label))), JSON.stringify(hints));
      });

      it('answers nothing for other YAML (a Helm chart values.yaml)', async () => {
        const chart = uri('chart/values.yaml');
        await server.open(chart, readFileSync(join(root, 'chart/values.yaml'), 'utf8'), 'yaml');
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: chart }, position: { line: 0, character: 2 } });
        assert.equal(hover, null);
        assert.deepEqual(await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: chart } }), []);
        assert.deepEqual(server.diagnostics.filter((d) => d.uri === chart && d.diagnostics.length > 0), []);
      });
    });
  }
});
