// Completions inside a layer's embedded values: the values schema at the right nesting, and the pack folder's values.yaml keys.
import * as assert from 'node:assert/strict';
import { completePackValues } from '../../server/src/core/complete';
import { parsePackValues } from '../../server/src/core/parse/packFiles';
import { completeAt, edgeRetail, edit, pin } from './complete-fixtures';

const helloValues = parsePackValues(`pack:
  namespace: hello-universe
manifests:
  hello-universe:
    siteId: "000"
    replicas: 1
    resources:
      requests:
        cpu: 500m
    image:
      tag: "1.2.0"
`).tree;

describe('completion: embedded values with a schema', () => {
  it('offers the Edge OS root keys on an empty values block', () => {
    const { labels, items } = completeAt('spec:\n  template:\n    cloudType: edge-native\n    packs:\n      - name: edge-native-byoi\n        layer: os\n        values: |-\n          ‸\n');
    assert.deepEqual(labels.sort(), ['options', 'pack', 'providerCredentials', 'stages']);
    assert.match(items.find((i) => i.label === 'options')!.documentation ?? '', /.+/);
    assert.equal(items.find((i) => i.label === 'stages')!.insertText, 'stages:\n  ');
  });

  it('offers the keys of pack.drain not yet written, by the indentation of an empty line', () => {
    const { labels } = completeAt(edit(edgeRetail, '              deleteLocalData: true\n', '              deleteLocalData: true\n              ‸\n'));
    assert.deepEqual(labels.sort(), ['disableEviction', 'force', 'skipWaitForDeleteTimeout']);
  });

  it('offers the keys of the enclosing level on a line indented less deep', () => {
    const { labels } = completeAt(edit(edgeRetail, '              deleteLocalData: true\n', '              deleteLocalData: true\n            ‸\n'));
    assert.ok(labels.includes('content') === false && labels.includes('drain') === false, labels.join());
    assert.deepEqual(labels, []);
  });

  it('offers Kairos stages and step keys under stages', () => {
    const stages = completeAt(edit(edgeRetail, '            boot:\n', '            rec‸\n            boot:\n'));
    assert.ok(stages.labels.includes('after-install') && stages.labels.includes('rootfs'), stages.labels.join());
    assert.ok(!stages.labels.includes('initramfs') && !stages.labels.includes('reconcile'), 'stages already written are offered again');
    const step = completeAt(edit(edgeRetail, '              - name: "Time settings"\n', '              - name: "Time settings"\n                ‸\n'));
    assert.ok(step.labels.includes('files') && step.labels.includes('systemctl'), step.labels.join());
    assert.ok(!step.labels.includes('name') && !step.labels.includes('commands'));
    const file = completeAt(edit(edgeRetail, '                    owner: 0\n', '                    owner: 0\n                    ‸\n'));
    assert.ok(file.labels.includes('encoding'), file.labels.join());
  });

  it('offers the keys of a new step right after its dash', () => {
    const { labels } = completeAt(edit(edgeRetail, '            boot:\n', '            boot:\n              - ‸\n'));
    assert.ok(labels.includes('name') && labels.includes('commands'), labels.join());
  });

  it('offers the flat system.* keys under options and the enum of k8sDistribution', () => {
    const removed = edit(edgeRetail, '            system.k8sDistribution: k3s\n', '            ‸\n');
    const keys = completeAt(removed);
    assert.deepEqual(keys.labels, ['system.k8sDistribution']);
    const distro = completeAt(edit(edgeRetail, '            system.k8sDistribution: k3s\n', '            system.k8sDistribution: r‸\n'));
    assert.deepEqual(distro.labels, ['k3s', 'rke2', 'kubeadm', 'kubeadm-fips', 'nodeadm', 'canonical']);
    assert.equal(distro.text.slice(distro.items[0].replace.start, distro.items[0].replace.end), 'r');
  });

  it('offers the nested system keys under options.system', () => {
    const { labels } = completeAt('spec:\n  template:\n    packs:\n      - name: edge-native-byoi\n        values: |-\n          options:\n            system:\n              uri: x\n              ‸\n');
    assert.ok(labels.includes('registry') && labels.includes('k8sDistribution') && !labels.includes('uri'), labels.join());
  });

  it('offers Edge Kubernetes keys and a boolean for k8sHardening', () => {
    const keys = completeAt(edit(edgeRetail, '            k8sHardening: True\n', '            ‸\n'));
    assert.deepEqual(keys.labels, ['k8sHardening', 'content']);
    const bool = completeAt(edit(edgeRetail, '            k8sHardening: True\n', '            k8sHardening: ‸\n'));
    assert.deepEqual(bool.labels.sort(), ['false', 'true']);
  });

  it('uses the Edge OS schema for any os layer of an Edge profile, and none for a manifest layer', () => {
    const byoos = completeAt('spec:\n  template:\n    cloudType: edge-native\n    packs:\n      - name: my-ubuntu\n        layer: os\n        values: |-\n          ‸\n');
    assert.ok(byoos.labels.includes('stages'));
    const aws = completeAt('spec:\n  template:\n    cloudType: aws\n    packs:\n      - name: my-ubuntu\n        layer: os\n        values: |-\n          ‸\n');
    assert.deepEqual(aws.labels, []);
  });

  it('offers nothing inside text held in a nested block scalar', () => {
    const { labels } = completeAt(edit(edgeRetail, '                      SystemMaxUse=1G\n', '                      SystemMaxUse=1G\n                      ‸\n'));
    assert.deepEqual(labels, []);
  });
});

describe('completion: embedded values from the pack folder', () => {
  it('offers the keys of the pack’s values.yaml at the caret’s level, with the default as documentation', () => {
    const { items, labels } = completeAt(edit(edgeRetail, "{{.spectro.var.site_id}}'\n              replicas: 2\n", "{{.spectro.var.site_id}}'\n              replicas: 2\n              ‸\n"), { folderValues: helloValues });
    assert.deepEqual(labels.sort(), ['image', 'resources']);
    assert.equal(items.find((i) => i.label === 'resources')!.insertText, 'resources:\n  ');
    assert.match(items.find((i) => i.label === 'image')!.detail ?? '', /values\.yaml/);
    const before = completeAt(edit(edgeRetail, '            hello-universe:\n              siteId', '            hello-universe:\n              ‸\n              siteId'), { folderValues: helloValues });
    assert.deepEqual(before.labels, ['resources', 'image']);
  });

  it('offers the values.yaml default as a value', () => {
    const { items } = completeAt(edit(edgeRetail, "{{.spectro.var.site_id}}'\n              replicas: 2\n", "{{.spectro.var.site_id}}'\n              replicas: ‸\n"), { folderValues: helloValues });
    assert.deepEqual(items.map((i) => [i.label, i.insertText]), [['1', '1']]);
  });

  it('adds folder keys to the schema’s without repeating them', () => {
    const osValues = parsePackValues('pack:\n  drain:\n    force: false\n    extraKnob: 1\n').tree;
    const { labels } = completeAt(edit(edgeRetail, '              deleteLocalData: true\n', '              deleteLocalData: true\n              ‸\n'), { folderValues: osValues });
    assert.deepEqual(labels.sort(), ['disableEviction', 'extraKnob', 'force', 'skipWaitForDeleteTimeout']);
  });
});

describe('completion: a pack folder’s own values.yaml', () => {
  it('offers the values schema’s keys when the pack has one, and nothing otherwise', () => {
    const { text, offset } = pin('options:\n  system.uri: x\n  ‸\n');
    const labels = completePackValues(text, offset, 'edge-os').map((c) => c.label);
    assert.ok(labels.includes('system.registry') && !labels.includes('system.uri'), labels.join());
    assert.deepEqual(completePackValues(text, offset), []);
  });

  it('offers system macros in a template', () => {
    const { text, offset } = pin('a: "{{ .spectro.system.‸"\n');
    assert.ok(completePackValues(text, offset).some((c) => c.label === 'cluster'));
  });
});
