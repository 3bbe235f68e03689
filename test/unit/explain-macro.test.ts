// Macro hovers and go to definition: what `{{ .spectro.pack|var|system... }}` resolves to here, and where it points.
import * as assert from 'node:assert/strict';
import { definitionAt } from '../../server/src/core/explain/definitionAt';
import { explainProfileAt } from '../../server/src/core/explain/explain';
import { macroAt } from '../../server/src/core/explain/nodeAt';
import { at, marked, osValues, scalar, stack } from './explain-fixtures';

const kind = { edge: true, distribution: 'k3s' as const };
const variables = [
  '- name: site_id',
  '  displayName: Site ID',
  '  description: Three-digit store number',
  '  format: string',
  '  regex: "^[0-9]{3}$"',
  '  required: true',
  '  defaultValue: "042"',
  '- name: registry_password',
  '  description: Pull password',
  '  isSensitive: true',
  '  defaultValue: hunter2',
].join('\n');

function macro(os: string, extra: Parameters<typeof stack>[0] = {}) {
  const { profile, offset, text } = at(stack({ os, variables, ...extra }));
  const e = explainProfileAt(profile, offset, { kind });
  assert.ok(e?.macro, 'no macro at the marker');
  return { m: e.macro, e, text, profile, offset };
}

const withImages = (image: string) => `${osValues}\npack:\n  content:\n    images:\n      - image: "${image}"`;

describe('explain: macros', () => {
  it('resolves a pack reference to its value and says which pack it comes from', () => {
    const { m, e, text } = macro(osValues.replace('.registry }}', '.regi‸stry }}'));
    assert.equal(e.title, '{{ .spectro.pack.edge-native-byoi.options.system.registry }}');
    assert.equal(text.slice(e.span.start, e.span.end), '{{ .spectro.pack.edge-native-byoi.options.system.registry }}');
    assert.deepEqual(m.value, scalar('ttl.sh'));
    assert.equal(m.valueIs, 'resolved');
    assert.equal(m.from, 'pack edge-native-byoi (os layer)');
    assert.equal(text.slice(m.target!.start, m.target!.end), 'registry', 'the target is the key segment that names the value');
  });

  it('expands a reference to the uri through its parts and the Kubernetes tag', () => {
    const { m } = macro(withImages('{{.spectro.pack.edge-native-byoi.options.system.u‸ri}}'), { k8sTag: '1.31.2' });
    assert.equal(m.expanded, 'ttl.sh/ubuntu:k3s-1.31.2-v4.5.11-retail');
  });

  it('says when the pack or the value is missing, with the default that applies', () => {
    const noPack = macro(withImages('{{ .spectro.pack.nope.a‸.b }}')).m;
    assert.match(noPack.problem ?? '', /no pack named `nope`/);
    const noValue = macro(`${osValues}\npack:\n  content:\n    images:\n      - image: '{{ .spectro.pack.edge-native-byoi.options.miss‸ing | default "x" }}'`).m;
    assert.match(noValue.problem ?? '', /has no value at `options.missing`.*`x`/);
    assert.equal(noValue.target, undefined);
  });

  it('explains a profile variable with its definition, facts and default, masking a sensitive one', () => {
    const site = macro(osValues + "\nproviderCredentials:\n  user: '{{.spectro.var.site‸_id}}'").m;
    assert.match(site.summary, /Site ID.*Three-digit store number/);
    assert.deepEqual(site.value, scalar('042'));
    assert.equal(site.valueIs, 'default');
    assert.ok(site.details.includes('required'));
    assert.ok(site.details.includes('must match `^[0-9]{3}$`'));
    const secret = macro(osValues + "\nproviderCredentials:\n  password: '{{.spectro.var.registry_pass‸word}}'").m;
    assert.equal(secret.value?.text, '••••••');
    const missing = macro(osValues + "\nproviderCredentials:\n  password: '{{.spectro.var.nob‸ody}}'").m;
    assert.match(missing.problem ?? '', /not declared/);
  });

  it('explains system macros, with the value the profile decides for the Kubernetes version', () => {
    const { m } = macro(osValues.replace('.kubernetes.version }}', '.kubernetes.ver‸sion }}'), { k8sTag: '1.30.7' });
    assert.match(m.summary, /Kubernetes version/);
    assert.deepEqual(m.value, scalar('1.30.7'));
    assert.equal(m.from, 'the tag of edge-k3s (k8s layer)');
    const unknown = macro(withImages('{{ .spectro.system.clus‸ter.nam }}')).m;
    assert.ok(unknown.problem);
  });

  it('finds macros in manifest content', () => {
    const { profile, offset } = at({
      ...stack(),
      variables,
      packs: [...stack().packs, { name: 'hello', layer: 'addon', type: 'manifest', values: 'a: 1', manifests: [{ name: 'ns', content: "kind: Namespace\nmetadata:\n  name: '{{.spectro.var.si‸te_id}}'" }] }],
    });
    const e = explainProfileAt(profile, offset, { kind });
    assert.equal(e?.macro?.ref.name, 'site_id');
  });

  it('picks the reference under the caret among several on one line', () => {
    const { text, offset } = marked('a: "{{ .spectro.pack.p.x }}-{{ .spectro.pack.p‸.y }}"\nb: 1');
    assert.equal(macroAt(text, offset)?.path, 'y');
    assert.equal(macroAt(text, text.indexOf('b:')), undefined);
  });
});

describe('definition: from a macro to what it names', () => {
  it('goes from a pack reference to the dotted key in the named pack', () => {
    const { text, profile, offset } = at(stack({ os: withImages('{{.spectro.pack.edge-native-byoi.options.system.u‸ri}}') }));
    const target = definitionAt(profile, offset);
    assert.ok(target);
    assert.equal(text.slice(target.start, target.end), 'uri');
    assert.equal(text.slice(target.start - 'system.'.length, target.end), 'system.uri');
  });

  it('goes to a nested key of another pack, from the outer text of a block', () => {
    const k8s = 'cluster:\n  config:\n    cidr: 10.0.0.0/16';
    const { text, profile, offset } = at(stack({ k8s, os: withImages('{{ .spectro.pack.edge-k3s.cluster.config.ci‸dr }}') }));
    const target = definitionAt(profile, offset)!;
    assert.equal(text.slice(target.start, target.end), 'cidr');
    assert.ok(target.start > text.indexOf('name: edge-k3s'), 'the target is in the k8s pack');
  });

  it('goes from a variable reference to the variable name in spec.variables', () => {
    const { text, profile, offset } = at(stack({ variables, os: osValues + "\nproviderCredentials:\n  user: '{{.spectro.var.site_‸id}}'" }));
    const target = definitionAt(profile, offset)!;
    assert.equal(text.slice(target.start, target.end), 'site_id');
    assert.ok(target.start > text.indexOf('variables:'));
  });

  it('finds nothing off a macro or for a reference that resolves to nothing', () => {
    const plain = at(stack({ os: osValues.replace('system.repo: ubuntu', 'system.repo: ubu‸ntu') }));
    assert.equal(definitionAt(plain.profile, plain.offset), undefined);
    const broken = at(stack({ os: withImages('{{ .spectro.pack.edge-native-byoi.no.su‸ch }}') }));
    assert.equal(definitionAt(broken.profile, broken.offset), undefined);
  });
});
