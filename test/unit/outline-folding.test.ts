// Folding ranges in lines: packs, values blocks, manifests and the maps inside them, pack files, comment blocks, the cap.
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/lines';
import { foldsOf, outlineOf } from '../../server/src/core/outline';
import { profileFolds } from '../../server/src/core/outline/folding';
import { profileSymbols } from '../../server/src/core/outline/profile';
import { parseProfile } from '../../server/src/core/parse/profile';
import { defaultSyntaxLimits } from '../../server/src/core/syntax';
import { generateProfile } from '../bench/generate';
import { assertFoldInvariants, example, exampleFiles, outline, outlineExample } from './outline-support';

describe('folding of a profile', () => {
  const o = outlineExample('edge-retail/edge-retail.profile.yaml');
  const foldAt = (line: number) => o.folds.find((f) => f.startLine === line);
  const endOf = (line: number) => foldAt(line)?.endLine;

  it('folds each pack item and each values block from its header to its last content line', () => {
    const packs = ['edge-native-byoi', 'edge-k3s', 'cni-calico', 'csi-longhorn', 'hello-universe'];
    const lastValuesLines = ['systemctl restart systemd-journald', 'oidc-extra-scope: profile,email', 'calicoKubeControllers: {}', 'effect: NoSchedule', 'replicas: 2'];
    packs.forEach((name, i) => {
      const item = o.lineOf(`- name: ${name}`);
      const header = o.lineOf('values: |-', item);
      assert.equal(endOf(header), o.lineOf(lastValuesLines[i], header), `values of ${name}`);
      assert.ok(foldAt(item), `no fold for the pack ${name}`);
    });
    assert.deepEqual(foldAt(80), { startLine: 80, endLine: 138 }, 'edge-k3s item');
    assert.deepEqual(foldAt(84), { startLine: 84, endLine: 138 }, 'edge-k3s values');
    assert.equal(endOf(o.lineOf('- name: hello-universe')), o.lineOf('nodePort: 30080'));
  });

  it('folds the multi-line maps and lists inside values, and nothing on one-line keys', () => {
    const disable = o.lineOf('disable:', o.lineOf('- name: edge-k3s'));
    assert.equal(endOf(disable), o.lineOf('- servicelb'));
    assert.equal(endOf(o.lineOf('          cluster:')), o.lineOf('- max-pods=110'));
    assert.equal(endOf(o.lineOf('- name: "Journald limits"')), o.lineOf('systemctl restart systemd-journald'));
    // A block string inside values (a file's content) folds like a map.
    assert.equal(endOf(o.lineOf('content: |')), o.lineOf('MaxRetentionSec=7day'));
    assert.equal(foldAt(o.lineOf('cluster-init: true')), undefined);
    assert.equal(foldAt(o.lineOf('calicoKubeControllers: {}')), undefined);
  });

  it('folds manifest content and each object of it', () => {
    const content = o.lineOf('content: |-');
    assert.equal(endOf(content), o.lineOf('nodePort: 30080'));
    const objects = [o.lineOf('kind: Namespace') - 1, o.lineOf('kind: Deployment') - 1, o.lineOf('kind: Service') - 1];
    assert.deepEqual(objects.map(endOf), [o.lineOf("site-id: '{{.spectro.var.site_id}}'"), o.lineOf("value: '{{.spectro.var.site_id}}'"), o.lineOf('nodePort: 30080')]);
    assert.equal(endOf(o.lineOf('containers:')), o.lineOf("value: '{{.spectro.var.site_id}}'"));
  });

  it('folds the profile structure: metadata, template, packs and each variable', () => {
    assert.equal(endOf(o.lineOf('metadata:')), o.lineOf('edge: spectro__tag'));
    assert.equal(endOf(o.lineOf('packs:')), o.lineOf('nodePort: 30080'));
    assert.equal(endOf(o.lineOf('- name: site_id')), o.lineOf('required: true', o.lineOf('- name: site_id')));
    assert.equal(endOf(o.lineOf('  variables:')), o.lineOf('required: false', o.lineOf('- name: registry_password')));
  });

  it('keeps folds sorted, one per line, spanning lines and properly nested, in every example', () => {
    for (const file of exampleFiles) {
      const { folds, text } = outlineExample(file);
      assert.ok(folds.length > 0, `${file}: no folds`);
      assertFoldInvariants(folds, text.split('\n').length);
    }
  });

  it('places the folds of a values block where it is now, after an edit above it', () => {
    const text = example('edge-retail/edge-retail.profile.yaml');
    const before = outline(text);
    const edited = outline(text.replace('          pack:\n            content:', '          # added\n          pack:\n            content:'));
    const shifted = (f: { startLine: number; endLine: number }) => ({ startLine: f.startLine + 1, endLine: f.endLine + 1 });
    const k3s = before.lineOf('- name: edge-k3s');
    assert.deepEqual(
      edited.folds.filter((f) => f.startLine > k3s + 1),
      before.folds.filter((f) => f.startLine > k3s).map(shifted),
      'the unchanged values blocks below the edit move down by one line',
    );
  });

  it('maps lines right in a file with CRLF line breaks', () => {
    const text = example('edge-retail/edge-retail.profile.yaml');
    const crlf = outline(text.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.folds, outline(text).folds);
  });

  it('folds comment blocks of two or more lines at one indentation', () => {
    const text = [
      '# A profile',
      '# with a header',
      'metadata:',
      '  name: p',
      '  # one line alone',
      'spec:',
      '  template:',
      '    packs:',
      '      - name: a',
      '        values: |-',
      '          # first',
      '          # second',
      '          #third',
      '          key: 1',
      '          # deeper',
      '            # not the same block',
      '',
    ].join('\n');
    const o = outline(text);
    assert.deepEqual(o.folds.filter((f) => f.kind === 'comment'), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 10, endLine: 12, kind: 'comment' },
    ]);
    assertFoldInvariants(o.folds, text.split('\n').length);
  });

  it('gives no fold to values written on one line, even when they hold several lines of YAML', () => {
    const text = 'spec:\n  template:\n    packs:\n      - name: a\n        values: "a:\\n  b: 1\\n  c: 2\\n"\n';
    const o = outline(text);
    assert.deepEqual(o.folds, [
      { startLine: 0, endLine: 4 },
      { startLine: 1, endLine: 4 },
      { startLine: 2, endLine: 4 },
      { startLine: 3, endLine: 4 },
    ]);
  });

  it('keeps the outermost folds under the cap', () => {
    const text = example('edge-retail/edge-retail.profile.yaml');
    const index = new LineIndex(text);
    const folds = profileFolds(parseProfile(text), (offset) => index.position(offset).line - 1, 10);
    const o = outline(text);
    // metadata and spec; labels, template and variables; packs and both variables; then the first two packs.
    assert.deepEqual(
      folds.map((f) => f.startLine),
      [o.lineOf('metadata:'), o.lineOf('labels:'), o.lineOf('spec:'), o.lineOf('template:'), o.lineOf('packs:'), o.lineOf('- name: edge-native-byoi'), o.lineOf('- name: edge-k3s'), o.lineOf('  variables:'), o.lineOf('- name: site_id'), o.lineOf('- name: registry_password')],
    );
  });

  it('never throws on broken YAML', () => {
    const text = example('edge-retail/edge-retail.profile.yaml');
    for (let cut = 0; cut < text.length; cut += 211) {
      for (const piece of [text.slice(0, cut), text.slice(0, cut) + '\n      - [{ ]\n    values: |-\n' + text.slice(cut)]) {
        const o = outline(piece);
        assertFoldInvariants(o.folds, piece.split('\n').length);
      }
    }
    assert.deepEqual(outline('').folds, []);
  });
});

describe('folding of pack files', () => {
  it('folds pack.json objects and arrays, leaving the closing bracket visible', () => {
    const o = outlineExample('packs/hello-universe/pack.json');
    const endOf = (needle: string) => o.folds.find((f) => f.startLine === o.lineOf(needle))?.endLine;
    assert.deepEqual(o.folds[0], { startLine: 0, endLine: 45 });
    assert.equal(endOf('"annotations"'), o.lineOf('"contributor"'));
    assert.equal(endOf('"constraints"'), 44);
    assert.equal(o.text.split('\n')[44], '    ]', 'the fold ends on the last line inside the braces');
    assert.equal(endOf('"dependencies"'), o.lineOf('}', o.lineOf('"dependencies"')));
    assert.equal(o.folds.find((f) => f.startLine === o.lineOf('"cloudTypes"')), undefined);
  });

  it('folds the nested maps of values.yaml and each preset', () => {
    const values = outlineExample('packs/hello-universe/values.yaml');
    assert.deepEqual(
      values.folds.map((f) => [values.text.split('\n')[f.startLine].trim(), f.endLine - f.startLine]),
      [
        ['pack:', 6],
        ['content:', 4],
        ['images:', 3],
        ['manifests:', 17],
        ['hello-universe:', 16],
        ['resources:', 5],
        ['requests:', 2],
        ['limits:', 1],
        ['allowedOrigins:', 1],
      ],
    );
    const presets = outlineExample('packs/hello-universe/presets.yaml');
    assert.deepEqual(
      presets.folds.map((f) => [f.startLine, f.endLine]),
      [
        [0, 23],
        [1, 10],
        [4, 5],
        [6, 10],
        [12, 23],
        [16, 23],
      ],
    );
  });
});

describe('outline and folding of a 50,000-line profile', () => {
  it('stay correct and within the caps, and are memoized per analysis (speed is for bench:lsp)', function () {
    this.timeout(120_000);
    const { text, packs } = generateProfile(50_000);
    const analysis = analyzeText('profile', text, { limits: defaultSyntaxLimits });
    const index = new LineIndex(text);
    const lineOf = (offset: number) => index.position(offset).line - 1;
    const symbols = outlineOf(analysis, text);
    const folds = foldsOf(analysis, text, lineOf);
    assert.equal(outlineOf(analysis, text), symbols, 'asked again for the same version, the outline is not recomputed');
    assert.equal(foldsOf(analysis, text, lineOf), folds);
    // Below the per-analysis memo, as for a new version, the answers are the same.
    assert.deepEqual(profileSymbols(analysis.profile!), symbols);
    assert.deepEqual(profileFolds(analysis.profile!, lineOf), folds);
    const layers = symbols[0].children.filter((c) => c.name !== 'variables');
    assert.deepEqual(layers.map((l) => l.name), ['os', 'k8s', 'cni', 'csi', 'addon']);
    assert.equal(layers.reduce((n, l) => n + l.children.length, 0), packs);
    assert.equal(folds.length, 5000);
    assertFoldInvariants(folds, text.split('\n').length);
    // Every pack and every values block stays foldable under the cap.
    const starts = new Set(folds.map((f) => f.startLine));
    const lines = text.split('\n');
    const missing = lines.map((l, i) => (/^ {6}- name: |^ {8}values: \|-$/.test(l) && !starts.has(i) ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(missing, []);
  });
});
