// The outline of profiles (profile, layers in Palette order, packs, values keys, manifests, variables) and of pack files.
import * as assert from 'node:assert/strict';
import { packFileSymbols } from '../../server/src/core/outline/packFile';
import { profileSymbols } from '../../server/src/core/outline/profile';
import { parseProfile } from '../../server/src/core/parse/profile';
import { parseYamlDoc } from '../../server/src/core/parse/yamlProblems';
import { assertSymbolInvariants, child, example, exampleFiles, flatten, outline, outlineExample } from './outline-support';

describe('outline of a profile', () => {
  const o = outlineExample('edge-retail/edge-retail.profile.yaml');
  const root = o.symbols[0];
  const sel = (s: { selection: { start: number; end: number } }) => o.text.slice(s.selection.start, s.selection.end);

  it('has the profile at the top, named by metadata.name and spec.version', () => {
    assert.equal(o.symbols.length, 1);
    assert.equal(root.name, 'edge-retail 1.1.0');
    assert.equal(root.kind, 'module');
    assert.equal(root.detail, 'edge-native · cluster');
    assert.equal(sel(root), 'edge-retail');
    assert.equal(o.line(root.span.start), o.lineOf('metadata:'));
    assert.equal(o.line(root.span.end), o.lineOf('required: false'));
  });

  it('groups packs by layer in Palette order, then lists the variables', () => {
    assert.deepEqual(
      root.children.map((c) => [c.name, c.kind, c.detail]),
      [
        ['os', 'namespace', 'Operating system'],
        ['k8s', 'namespace', 'Kubernetes'],
        ['cni', 'namespace', 'Network'],
        ['csi', 'namespace', 'Storage'],
        ['addon', 'namespace', 'Add-on'],
        ['variables', 'namespace', '2 variables'],
      ],
    );
    const k8s = child(root, 'k8s');
    assert.equal(sel(k8s), 'k8s');
    assert.equal(o.line(k8s.selection.start), o.lineOf('layer: k8s'));
  });

  it('names each pack by name and tag, with its type and layer, spanning its whole item', () => {
    const packs = root.children.slice(0, 5).flatMap((layer) => layer.children);
    assert.deepEqual(
      packs.map((p) => [p.name, p.detail, p.kind]),
      [
        ['edge-native-byoi 2.1.0', 'spectro · os', 'package'],
        ['edge-k3s 1.30.5', 'spectro · k8s', 'package'],
        ['cni-calico 3.28.0', 'spectro · cni', 'package'],
        ['csi-longhorn 1.7.1', 'spectro · csi', 'package'],
        ['hello-universe 1.0.0', 'manifest · addon', 'package'],
      ],
    );
    const k3s = packs[1];
    assert.equal(sel(k3s), 'edge-k3s');
    assert.equal(o.line(k3s.span.start), o.lineOf('- name: edge-k3s'));
    assert.equal(o.text.slice(k3s.span.end - 'profile,email'.length, k3s.span.end), 'profile,email', 'the span ends on the last character of the values');
  });

  it('lists the values keys of a pack, two levels deep, at their place inside the values block', () => {
    const k3s = child(child(root, 'k8s'), 'edge-k3s 1.30.5');
    assert.deepEqual(
      k3s.children.map((c) => [c.name, c.kind]),
      [
        ['cluster', 'object'],
        ['stages', 'object'],
        ['pack', 'object'],
        ['clientConfig', 'object'],
      ],
    );
    const cluster = child(k3s, 'cluster');
    assert.equal(sel(cluster), 'cluster');
    assert.equal(o.line(cluster.span.start), o.lineOf('          cluster:'));
    assert.equal(o.line(cluster.span.end), o.lineOf('- max-pods=110'));
    assert.deepEqual(cluster.children.map((c) => c.name), ['config']);
    assert.deepEqual(child(k3s, 'cluster').children[0].children, [], 'no third level under a pack');
    const hardening = child(child(k3s, 'pack'), 'k8sHardening');
    assert.equal(hardening.kind, 'property');
    assert.equal(hardening.detail, 'True');
    assert.equal(child(child(child(root, 'os'), 'edge-native-byoi 2.1.0'), 'stages').children.map((c) => c.name).join(), 'initramfs,boot,network.after,reconcile');
    assert.equal(child(child(child(child(root, 'os'), 'edge-native-byoi 2.1.0'), 'stages'), 'boot').kind, 'array');
  });

  it('lists manifests by name, with the Kubernetes objects they hold', () => {
    const hello = child(child(root, 'addon'), 'hello-universe 1.0.0');
    assert.deepEqual(hello.children.map((c) => [c.name, c.kind]), [
      ['pack', 'object'],
      ['manifests', 'object'],
      ['hello-universe', 'file'],
    ]);
    const manifest = hello.children[2];
    assert.equal(manifest.detail, '3 objects');
    assert.equal(o.line(manifest.selection.start), o.lineOf('- name: hello-universe', o.lineOf('manifests:', o.lineOf('replicas: 2'))));
    assert.deepEqual(
      manifest.children.map((c) => [c.name, c.detail, sel(c)]),
      [
        ['Namespace hello-universe', 'v1', 'hello-universe'],
        ['Deployment hello-universe-deployment', 'apps/v1', 'hello-universe-deployment'],
        ['Service hello-universe-service', 'v1', 'hello-universe-service'],
      ],
    );
    assert.equal(o.line(manifest.children[1].span.start), o.lineOf('apiVersion: apps/v1'));
  });

  it('lists each variable with its display name', () => {
    const variables = child(root, 'variables');
    assert.equal(sel(variables), 'variables');
    assert.deepEqual(variables.children.map((v) => [v.name, v.kind, v.detail, sel(v)]), [
      ['site_id', 'variable', 'Site ID', 'site_id'],
      ['registry_password', 'variable', 'Registry password', 'registry_password'],
    ]);
  });

  it('keeps every selection inside its range and every child inside its parent, in every example', () => {
    for (const file of exampleFiles) {
      const { symbols, text } = outlineExample(file);
      assert.ok(symbols.length > 0, `${file}: empty outline`);
      assertSymbolInvariants(symbols, text.length);
    }
  });

  it('orders layers as Palette stacks them, whatever the order of the packs, with unknown and missing layers last', () => {
    const text = [
      'metadata: {name: p}',
      'spec:',
      '  template:',
      '    packs:',
      '      - {name: app, layer: addon, tag: 1.0.0}',
      '      - {name: weird, layer: kernel}',
      '      - {name: orphan}',
      '      - {name: k3s, layer: k8s, tag: 1.30.5}',
      '      - {name: ubuntu, layer: os, tag: "22.04"}',
      '      - {name: app2, layer: addon}',
      '',
    ].join('\n');
    const root = outline(text).symbols[0];
    assert.equal(root.name, 'p');
    assert.deepEqual(
      root.children.map((c) => [c.name, c.children.map((p) => p.name)]),
      [
        ['os', ['ubuntu 22.04']],
        ['k8s', ['k3s 1.30.5']],
        ['addon', ['app 1.0.0', 'app2']],
        ['kernel', ['weird']],
        ['(no layer)', ['orphan']],
      ],
    );
    const addon = root.children[2];
    assert.equal(addon.span.start, text.indexOf('{name: app,'));
    assert.equal(addon.span.end, text.indexOf('layer: addon}') + 'layer: addon}'.length, 'a layer spans from its first pack to its last');
    assertSymbolInvariants(root.children, text.length, root);
  });

  it('reads values written as a map instead of a string, and names packs without a name by position', () => {
    const text = 'metadata:\n  name: p\nspec:\n  version: 2.0.0\n  template:\n    packs:\n      - layer: os\n        values:\n          a: 1\n          b:\n            c: 2\n';
    const root = outline(text).symbols[0];
    const pack = root.children[0].children[0];
    assert.equal(pack.name, 'pack 1');
    assert.deepEqual(pack.children.map((c) => c.name), ['a', 'b']);
    assert.deepEqual(pack.children[1].children.map((c) => c.name), ['c']);
  });

  it('never throws on broken YAML and still outlines what it can', () => {
    const text = example('edge-retail/edge-retail.profile.yaml');
    const broken = text.replace('    type: cluster\n', '    type: [cluster\n');
    const { symbols } = outline(broken);
    assertSymbolInvariants(symbols, broken.length);
    const brokenValues = text.replace('            cordon: true', '            cordon: [true');
    const partial = outline(brokenValues).symbols[0];
    assert.equal(partial.name, 'edge-retail 1.1.0');
    assert.deepEqual(partial.children.map((c) => c.name), ['os', 'k8s', 'cni', 'csi', 'addon', 'variables']);
    for (let cut = 0; cut < text.length; cut += 173) {
      for (const piece of [text.slice(0, cut), text.slice(cut), text.slice(0, cut) + '\n  - {{{: ]\n' + text.slice(cut)]) {
        const o = outline(piece);
        assertSymbolInvariants(o.symbols, piece.length);
      }
    }
    assert.deepEqual(outline('').symbols, []);
    assert.deepEqual(outline('- a\n- b\n').symbols, []);
    assert.deepEqual(outline('just text').symbols, []);
  });

  it('stops adding values keys after the budget, keeping every pack', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `          k${i}: ${i}`).join('\n');
    const packs = Array.from({ length: 10 }, (_, i) => `      - name: p${i}\n        layer: addon\n        values: |-\n${keys}\n`).join('');
    const profile = parseProfile(`metadata:\n  name: big\nspec:\n  template:\n    packs:\n${packs}`);
    const root = profileSymbols(profile, { maxSymbols: 1000 })[0];
    const addon = root.children[0];
    assert.equal(addon.children.length, 10);
    const keyCount = flatten(addon.children).length - 10;
    assert.equal(keyCount, 1000);
    assert.equal(addon.children[9].children.length, 0);
  });
});

describe('outline of pack files', () => {
  const sel = (text: string, s: { selection: { start: number; end: number } }) => text.slice(s.selection.start, s.selection.end);

  it('lists the top-level keys of pack.json, with scalar values as details', () => {
    const o = outlineExample('packs/hello-universe/pack.json');
    assert.deepEqual(
      o.symbols.map((s) => [s.name, s.kind, s.detail ?? null]),
      [
        ['name', 'property', 'hello-universe'],
        ['displayName', 'property', 'Hello Universe'],
        ['version', 'property', '1.2.0'],
        ['layer', 'property', 'addon'],
        ['addonType', 'property', 'app services'],
        ['cloudTypes', 'array', null],
        ['annotations', 'object', null],
        ['constraints', 'object', null],
      ],
    );
    assert.ok(o.symbols.every((s) => s.children.length === 0));
    assert.equal(sel(o.text, o.symbols[0]), '"name"');
    const constraints = o.symbols[7];
    assert.equal(o.line(constraints.span.start), 11);
    assert.equal(o.line(constraints.span.end), 45);
  });

  it('lists values.yaml three levels deep', () => {
    const o = outlineExample('packs/hello-universe/values.yaml');
    assert.deepEqual(o.symbols.map((s) => s.name), ['pack', 'manifests']);
    const hello = child(o.symbols[1], 'hello-universe');
    assert.deepEqual(hello.children.map((c) => c.name), ['image', 'namespace', 'replicas', 'port', 'serviceType', 'apiEnabled', 'dbPassword', 'resources', 'allowedOrigins']);
    assert.deepEqual(child(hello, 'resources').children, []);
    assert.equal(child(hello, 'replicas').detail, '1');
    assert.equal(o.line(child(hello, 'resources').span.start), o.lineOf('resources:'));
    assert.equal(o.line(child(hello, 'resources').span.end), o.lineOf('memory: 256Mi'));
  });

  it('lists the constraints of schema.yaml with their templates', () => {
    const o = outlineExample('packs/hello-universe/schema.yaml');
    assert.equal(o.symbols.length, 8);
    assert.equal(o.symbols[2].name, 'manifests.hello-universe.replicas');
    assert.equal(o.symbols[2].children[0].name, 'schema');
    assert.equal(o.symbols[2].children[0].detail, '{{ required | format "${number:[1-10]}" }}');
  });

  it('names each preset by its name, with its display name', () => {
    const o = outlineExample('packs/hello-universe/presets.yaml');
    const presets = child(o.symbols[0], 'disable-api');
    assert.equal(presets.detail, 'UI only (no API, no database)');
    assert.equal(sel(o.text, presets), '"disable-api"');
    assert.deepEqual(o.symbols[0].children.map((c) => c.name), ['disable-api', 'enable-api']);
    assert.deepEqual(presets.children.map((c) => c.name), ['name', 'displayName', 'group', 'remove', 'add']);
    assert.equal(child(presets, 'add').detail, 'manifests: …', 'a block of text shows its first line');
  });

  it('names unnamed list items by index, described by their first key', () => {
    const text = 'images:\n  - image: a:1\n    pull: always\n  - plain\n  - name: web\n    port: 80\n';
    const o = outline(text, 'pack-values');
    assert.deepEqual(o.symbols[0].children.map((c) => [c.name, c.detail ?? null]), [
      ['[0]', 'image: a:1'],
      ['web', null],
    ]);
    assertSymbolInvariants(o.symbols, text.length);
  });

  it('caps huge pack files and survives broken ones', () => {
    // Many small maps: one map of 20,000 keys would spend seconds in the parser's duplicate-key check.
    const section = Array.from({ length: 30 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const huge = Array.from({ length: 200 }, (_, i) => `s${i}:\n${section}`).join('\n');
    const symbols = packFileSymbols('pack-values', huge, parseYamlDoc(huge));
    assert.equal(flatten(symbols).length, 5000);
    assert.equal(symbols[0].children.length, 30);
    assert.equal(symbols[symbols.length - 1].children.length < 30, true);
    assert.deepEqual(packFileSymbols('pack-json', '{"a": ', undefined), []);
    for (const broken of ['{"name": "x", "layer": ', 'a: [1,\nb: {', ': : :', '"unterminated']) {
      const o = outline(broken, 'pack-json');
      assertSymbolInvariants(o.symbols, broken.length);
    }
  });
});
