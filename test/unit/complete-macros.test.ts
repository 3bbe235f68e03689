// Macro completions inside `{{ }}`: namespaces, this profile's pack names and value paths, system macros, profile variables.
import * as assert from 'node:assert/strict';
import { completeAt, edgeRetail } from './complete-fixtures';

const image = '                - image: "{{.spectro.pack.edge-native-byoi.options.system.uri}}"';
const at = (replacement: string) => completeAt(edgeRetail.replace(image, `                - image: ${replacement}`));

describe('completion: macros', () => {
  it('offers the pack names of this profile after .spectro.pack.', () => {
    const { labels, items } = at('"{{.spectro.pack.‸"');
    assert.deepEqual(labels, ['edge-native-byoi', 'edge-k3s', 'cni-calico', 'csi-longhorn', 'hello-universe']);
    assert.equal(items[1].detail, 'k8s 1.30.5');
    assert.ok(items.every((i) => i.kind === 'pack'));
  });

  it('replaces only the partial pack name, up to the end of the word', () => {
    const { items, text } = at('"{{ .spectro.pack.edge-k‸3s.cluster }}"');
    const k3s = items.find((i) => i.label === 'edge-k3s')!;
    assert.equal(text.slice(k3s.replace.start, k3s.replace.end), 'edge-k3s');
  });

  it('offers the value paths of a pack one level at a time', () => {
    const top = at('"{{.spectro.pack.edge-native-byoi.‸"');
    assert.deepEqual(top.labels, ['pack', 'options', 'providerCredentials', 'stages']);
    const system = at('"{{.spectro.pack.edge-native-byoi.options.‸"');
    assert.deepEqual(system.labels, ['system']);
    const leaves = at('"{{.spectro.pack.edge-native-byoi.options.system.re‸}}"');
    assert.ok(leaves.labels.includes('registry') && leaves.labels.includes('repo') && leaves.labels.includes('uri'), leaves.labels.join());
    const registry = leaves.items.find((i) => i.label === 'registry')!;
    assert.equal(registry.kind, 'value');
    assert.equal(registry.detail, '"harbor.retail.example.com/edge"');
    assert.equal(leaves.text.slice(registry.replace.start, registry.replace.end), 're');
    const k3s = at('"{{.spectro.pack.edge-k3s.cluster.config.‸"');
    assert.ok(k3s.labels.includes('cluster-cidr') && k3s.labels.includes('disable'), k3s.labels.join());
    assert.equal(k3s.items.find((i) => i.label === 'disable')!.detail, 'list');
  });

  it('offers nothing under an unknown pack', () => {
    assert.deepEqual(at('"{{.spectro.pack.nope.‸"').labels, []);
  });

  it('offers system macros level by level', () => {
    const top = at('"{{ .spectro.system.‸ }}"');
    assert.ok(top.labels.includes('cluster') && top.labels.includes('kubernetes') && top.labels.includes('clusterprofile'), top.labels.join());
    const cluster = at('"{{ .spectro.system.cluster.‸ }}"');
    assert.deepEqual(cluster.labels, ['name', 'uid', 'kubevip']);
    assert.equal(cluster.items[0].detail, '.spectro.system.cluster.name');
    const profile = at('"{{ .spectro.system.clusterprofile.‸ }}"');
    assert.deepEqual(profile.labels.sort(), ['infra', 'name', 'uid', 'version']);
  });

  it('offers the profile variables with their description', () => {
    const { items } = at("'{{.spectro.var.‸}}'");
    assert.deepEqual(items.map((i) => i.label), ['site_id', 'registry_password']);
    assert.match(items[0].documentation ?? '', /Three-digit store number/);
    assert.equal(items[0].kind, 'variable');
  });

  it('offers the namespaces after {{ and after .spectro.', () => {
    const open = at('"{{ ‸"');
    assert.deepEqual(open.labels, ['.spectro.pack', '.spectro.system', '.spectro.var', '.spectro.macro']);
    assert.equal(open.items[0].insertText, '.spectro.pack.');
    assert.equal(open.items[0].retrigger, true);
    const partial = at('"{{ .spec‸"');
    assert.equal(partial.text.slice(partial.items[0].replace.start, partial.items[0].replace.end), '.spec');
    const namespace = at('"{{ .spectro.‸"');
    assert.deepEqual(namespace.labels, ['pack', 'system', 'var', 'macro']);
  });

  it('works in manifest content and outside templates gives way to YAML completions', () => {
    const manifest = completeAt(edgeRetail.replace("retail.example.com/site-id: '{{.spectro.var.site_id}}'", "retail.example.com/site-id: '{{.spectro.var.‸}}'"));
    assert.ok(manifest.labels.includes('site_id'));
    const closed = at('"{{.spectro.pack.edge-k3s}} ‸"');
    assert.deepEqual(closed.labels, []);
  });
});
