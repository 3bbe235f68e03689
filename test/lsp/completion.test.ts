// textDocument/completion over stdio: outer keys and enums, embedded values, macros, pack folders of the workspace.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TestServer } from './client';

const example = readFileSync(join('examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8');

/** Line and character of an offset, as the protocol counts them. */
function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function replaceOnce(text: string, find: string, replace: string): string {
  const at = text.indexOf(find);
  assert.ok(at >= 0 && text.indexOf(find, at + 1) < 0, `fixture text not found exactly once: ${find}`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

describe('completion over stdio', () => {
  let server: TestServer;
  let root: string;
  let count = 0;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pps-completion-'));
    cpSync(join('examples', 'packs'), join(root, 'packs'), { recursive: true });
    // A second version of the same pack, to order versions by.
    mkdirSync(join(root, 'packs', 'hello-universe-1.10.0'));
    writeFileSync(join(root, 'packs', 'hello-universe-1.10.0', 'pack.json'), JSON.stringify({ name: 'hello-universe', version: '1.10.0', layer: 'addon' }));
    writeFileSync(join(root, 'packs', 'hello-universe-1.10.0', 'values.yaml'), 'manifests:\n  hello-universe:\n    newInTen: true\n');
    server = await TestServer.start({}, { root });
  });
  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens `marked` (a profile with one `‸`) as a new document and asks for completions at the marker. */
  async function complete(marked: string, name = `p${++count}.profile.yaml`, languageId = 'palette-profile') {
    const offset = marked.indexOf('‸');
    assert.ok(offset >= 0);
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const uri = pathToFileURL(join(root, name)).toString();
    await server.open(uri, text, languageId);
    const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, offset) });
    const items: CompletionItem[] = result === null ? [] : Array.isArray(result) ? result : (result as CompletionList).items;
    const edited = (item: CompletionItem) => {
      const edit = item.textEdit as TextEdit;
      const lines = text.split('\n');
      return lines[edit.range.start.line].slice(edit.range.start.character, edit.range.end.character);
    };
    return { items, labels: items.map((i) => i.label), text, edited, result };
  }

  it('announces its trigger characters', () => {
    assert.deepEqual(server.initializeResult?.capabilities.completionProvider?.triggerCharacters, ['.', ':', ' ', '{']);
  });

  it('offers the layers on layer: as enum members with the schema description', async () => {
    const { items, labels, edited } = await complete(replaceOnce(example, '        layer: cni\n', '        layer: c‸\n'));
    assert.deepEqual(labels, ['kernel', 'os', 'k8s', 'cni', 'csi', 'addon']);
    const cni = items.find((i) => i.label === 'cni')!;
    assert.equal(cni.kind, 20 /* EnumMember */);
    assert.equal(edited(cni), 'c');
    assert.equal((cni.textEdit as TextEdit).newText, 'cni');
    assert.match(JSON.stringify(cni.documentation), /Layer of the stack/);
  });

  it('offers keys of a layer with the insert text written for YAML and a follow-up suggestion', async () => {
    const { items } = await complete('spec:\n  template:\n    packs:\n      - name: a\n        ‸\n');
    const layer = items.find((i) => i.label === 'layer')!;
    assert.equal(layer.kind, 10 /* Property */);
    assert.equal((layer.textEdit as TextEdit).newText, 'layer: ');
    assert.equal(layer.command?.command, 'editor.action.triggerSuggest');
    assert.equal(layer.insertTextMode, 2 /* adjustIndentation */);
    assert.ok(!items.some((i) => i.label === 'name'));
  });

  it('offers the values schema keys inside an embedded values block at the caret’s nesting', async () => {
    const { labels, items, edited } = await complete(replaceOnce(example, '              deleteLocalData: true\n', '              deleteLocalData: true\n              dis‸\n'));
    assert.deepEqual(labels.sort(), ['disableEviction', 'force', 'skipWaitForDeleteTimeout']);
    assert.equal(edited(items[0]), 'dis');
  });

  it('offers keys from the pack folder’s values.yaml for an add-on layer without a schema', async () => {
    const { labels } = await complete(replaceOnce(example, "'{{.spectro.var.site_id}}'\n              replicas: 2\n", "'{{.spectro.var.site_id}}'\n              replicas: 2\n              ‸\n"));
    // The layer's tag 1.0.0 has no folder; the newest folder (1.10.0) answers.
    assert.deepEqual(labels, ['newInTen']);
    const exact = await complete(replaceOnce(replaceOnce(example, '        tag: 1.0.0\n', '        tag: 1.2.0\n'), "'{{.spectro.var.site_id}}'\n              replicas: 2\n", "'{{.spectro.var.site_id}}'\n              replicas: 2\n              ‸\n"));
    assert.ok(exact.labels.includes('serviceType') && exact.labels.includes('resources') && !exact.labels.includes('replicas'), exact.labels.join());
  });

  it('offers pack names and versions from the workspace pack folders', async () => {
    const names = await complete('spec:\n  template:\n    packs:\n      - name: hel‸\n');
    assert.deepEqual(names.labels, ['hello-universe']);
    assert.equal(names.items[0].kind, 9 /* Module */);
    const tags = await complete(replaceOnce(example, '        tag: 1.0.0\n', '        tag: ‸\n'));
    const ordered = [...tags.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(ordered.map((i) => i.label), ['1.10.0', '1.2.0']);
  });

  it('completes pack names, value paths, system macros and variables inside templates', async () => {
    const image = '- image: "{{.spectro.pack.edge-native-byoi.options.system.uri}}"';
    const packs = await complete(replaceOnce(example, image, '- image: "{{.spectro.pack.edge‸"'));
    assert.deepEqual(packs.labels.filter((l) => l.startsWith('edge')), ['edge-native-byoi', 'edge-k3s']);
    assert.equal(packs.edited(packs.items[0]), 'edge');
    const paths = await complete(replaceOnce(example, image, '- image: "{{.spectro.pack.edge-native-byoi.options.system.‸}}"'));
    assert.ok(paths.labels.includes('registry') && paths.labels.includes('peVersion'), paths.labels.join());
    const system = await complete(replaceOnce(example, image, '- image: "{{ .spectro.system.cluster.n‸ }}"'));
    assert.ok(system.labels.includes('name'));
    assert.equal(system.edited(system.items.find((i) => i.label === 'name')!), 'n');
    const variables = await complete(replaceOnce(example, image, "- image: '{{.spectro.var.‸}}'"));
    assert.deepEqual(variables.labels, ['site_id', 'registry_password']);
  });

  it('completes in a pack folder’s values.yaml and answers null where there is nothing to offer', async () => {
    const uri = join('packs', 'hello-universe', 'values.yaml');
    const inPack = await complete('a: "{{ .spectro.system.‸"\n', uri, 'palette-pack-yaml');
    assert.ok(inPack.labels.includes('kubernetes'), inPack.labels.join());
    const comment = await complete('# a comm‸ent\nmetadata: {}\n');
    assert.equal(comment.result, null);
    const broken = await complete('spec:\n  template: [\n    ‸');
    assert.deepEqual(broken.labels, []);
  });
});
