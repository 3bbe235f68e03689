// Hovers and go to definition over stdio, against a workspace whose local store holds the baseline version.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, HoverRequest, type Hover, type Location } from 'vscode-languageserver-protocol/node';
import { TestServer } from './client';

const baselineText = readFileSync(join('examples', '.palette', 'profiles', 'edge-retail', '1.0.0.yaml'), 'utf8');
/** The example 1.1.0 with a Kubernetes minor step (the file keeps 1.30.5 so that it can be rolled back). */
const changedText = readFileSync(join('examples', 'edge-retail', 'edge-retail.profile.yaml'), 'utf8').replace('        tag: 1.30.5\n', '        tag: 1.31.2\n');

/** Line and character of the `nth` occurrence of `needle`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const before = text.slice(0, at + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function markdownOf(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  assert.ok(typeof hover.contents === 'object' && 'value' in hover.contents, 'hover is not markup');
  return (hover.contents as { value: string }).value;
}

describe('hover and definition over stdio', () => {
  let root: string;
  let server: TestServer;
  let uri: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'palette-hover-'));
    mkdirSync(join(root, '.palette', 'profiles', 'edge-retail'), { recursive: true });
    writeFileSync(join(root, '.palette', 'profiles', 'edge-retail', '1.0.0.yaml'), baselineText);
    uri = pathToFileURL(join(root, 'edge-retail.profile.yaml')).toString();
    server = await TestServer.start({}, { root });
    await server.open(uri, changedText);
    // Diagnostics come after the context (baseline and plan) of this version.
    await server.diagnosticsFor(uri, 1);
  });

  after(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const hoverAt = async (position: { line: number; character: number }, text = changedText) => {
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return { hover, markdown: markdownOf(hover), text };
  };

  it('on a changed key, shows the baseline value and the predicted impact in the inlay-hint words', async () => {
    const { hover, markdown } = await hoverAt(positionOf(changedText, 'system.registry:', 9));
    assert.match(markdown, /\*\*`options\.system\.registry`\*\* · edge-native-byoi \(os layer\) · values/);
    assert.match(markdown, /Value: `harbor\.retail\.example\.com\/edge`/);
    assert.match(markdown, /Baseline \(edge-retail 1\.0\.0 \(store\)\): `ttl\.sh`/);
    // This change's impact and reason lead; the schema's generic "Upgrade behavior" comes after.
    assert.equal(markdown.split('\n')[0], '**⟳ repave**: options.system.registry changed and options.system.uri uses it, so the provider image changes.');
    assert.match(markdown, /modified edge-native-byoi · `options\.system\.registry` · Rule/);
    assert.ok(markdown.indexOf('⟳ repave') < markdown.indexOf('Upgrade behavior'), markdown);
    assert.match(markdown, /Rule `edge-uri-dependency` · \[source\]\(https:\/\/docs\.spectrocloud\.com\//);
    assert.deepEqual(hover?.range?.start, positionOf(changedText, 'system.registry:'));
  });

  it('on an unchanged key, says what changing it would do on this cluster kind', async () => {
    const { markdown } = await hoverAt(positionOf(changedText, 'initramfs:', 2));
    assert.match(markdown, /Kairos stage `initramfs`/);
    assert.match(markdown, /Baseline \(edge-retail 1\.0\.0 \(store\)\): a list \(2 items\)\n/);
    assert.match(markdown, /On Edge K3s, changing keys under `stages\.initramfs`:/);
    assert.match(markdown, /\*\*↻ reboot\*\*.*Rule `edge-os-stages`/);
  });

  it('on a macro, shows the value it resolves to and the pack it comes from', async () => {
    const { markdown } = await hoverAt(positionOf(changedText, 'options.system.registry }}', 20));
    assert.match(markdown, /\*\*`\{\{ \.spectro\.pack\.edge-native-byoi\.options\.system\.registry \}\}`\*\*/);
    assert.match(markdown, /Resolves to `harbor\.retail\.example\.com\/edge`, from pack edge-native-byoi \(os layer\)\./);
    const uriRef = await hoverAt(positionOf(changedText, 'options.system.uri}}', 16));
    assert.match(uriRef.markdown, /With its references resolved: `harbor\.retail\.example\.com\/edge\/ubuntu:k3s-1\.31\.2-v4\.5\.11-retail`/);
  });

  it('on a pack tag, shows the version step and the planned impact', async () => {
    const { markdown } = await hoverAt(positionOf(changedText, 'tag: 1.31.2', 7));
    assert.match(markdown, /\*\*`spec\.template\.packs\[1\]\.tag`\*\* · edge-k3s \(k8s layer\)/);
    assert.match(markdown, /Baseline \(edge-retail 1\.0\.0 \(store\)\): `1\.30\.5`/);
    assert.match(markdown, /1\.30\.5 → 1\.31\.2: a minor upgrade\./);
    assert.match(markdown, /Rule `edge-k8s-version-in-uri`/);
    assert.doesNotMatch(markdown, /Skips a Kubernetes minor/);
  });

  it('after an edit, explains the new text at once (the skipped minor of a new tag)', async () => {
    const edited = changedText.replace('tag: 1.31.2', 'tag: 1.32.0');
    const version = await server.change(uri, edited);
    const { markdown } = await hoverAt(positionOf(edited, 'tag: 1.32.0', 7), edited);
    assert.match(markdown, /1\.30\.5 → 1\.32\.0: a minor upgrade\./);
    assert.match(markdown, /Skips a Kubernetes minor version \(1\.30 → 1\.32\)/);
    // Whether or not the plan caught up yet, the change shown is the one to 1.32.0.
    assert.match(markdown, /^\*\*⟳ repave\*\* \(possible: the docs do not settle it\): /);
    assert.match(markdown, /modified edge-k3s · `tag`/);
    assert.match(markdown, /The Kubernetes version changes \(1\.30\.5 → 1\.32\.0\)/);
    await server.diagnosticsFor(uri, version);
    await server.change(uri, changedText);
  });

  it('goes from a pack macro to the key it names, and from a variable to its definition', async () => {
    const location = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(changedText, 'options.system.uri}}', 16) })) as Location;
    assert.equal(location.uri, uri);
    assert.deepEqual(location.range, { start: positionOf(changedText, 'system.uri:', 7), end: positionOf(changedText, 'system.uri:', 10) });
    const variable = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(changedText, 'var.site_id', 6) })) as Location;
    assert.deepEqual(variable.range.start, positionOf(changedText, 'name: site_id', 6));
    const none = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(changedText, 'cordon: true', 9) });
    assert.equal(none, null);
  });

  it('explains keys of pack files with their schema words and schema.yaml constraints', async () => {
    const packUri = pathToFileURL(join(root, 'packs', 'hello', 'pack.json')).toString();
    const packText = '{\n  "name": "hello",\n  "layer": "addon",\n  "version": "1.0.0"\n}\n';
    await server.open(packUri, packText, 'palette-pack-json');
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: packUri }, position: positionOf(packText, '"layer"', 2) });
    assert.match(markdownOf(hover), /\*\*`layer`\*\*/);
    assert.match(markdownOf(hover), /Value: `addon`/);
    mkdirSync(join(root, 'packs', 'hello'), { recursive: true });
    writeFileSync(join(root, 'packs', 'hello', 'schema.yaml'), "replicas:\n  schema: '{{ required | format \"${number:[1-5]}\" }}'\n");
    const valuesUri = pathToFileURL(join(root, 'packs', 'hello', 'values.yaml')).toString();
    await server.open(valuesUri, 'replicas: 2\n', 'palette-pack-yaml');
    const values = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: valuesUri }, position: { line: 0, character: 3 } });
    assert.match(markdownOf(values), /Constraint \(schema\.yaml\): `\{\{ required \| format "\$\{number:\[1-5\]\}" \}\}`/);
  });
});
