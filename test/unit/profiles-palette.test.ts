// Profiles as Palette stores them: legacy Edge cloud type, hovers that name every accepted shape, and plans between two different profiles.
import * as assert from 'node:assert/strict';
import { renderExplanation } from '../../server/src/core/explain/markdown';
import { schemaDocAt } from '../../server/src/core/explain/schemaDocs';
import { clusterKindOf } from '../../server/src/core/plan/clusterKind';
import { planUpdate } from '../../server/src/core/plan/plan';
import { defaultK8sValues, defaultOsValues, profile, profileText, type ProfileSpec } from './plan-fixtures';

const stack: ProfileSpec = {
  version: '1.0.0',
  packs: [
    { name: 'edge-native-byoi', layer: 'os', tag: '2.1.0', values: defaultOsValues },
    { name: 'edge-k3s', layer: 'k8s', tag: '1.30.5', values: defaultK8sValues },
  ],
};

describe('profiles as Palette stores them', () => {
  it('treats the legacy edge cloud type as an Edge cluster, from the profile and from a cluster record', () => {
    const legacy = profile({ cloudType: 'edge', packs: [{ name: 'my-os', layer: 'os' }, { name: 'kubernetes-custom', layer: 'k8s' }] });
    assert.equal(clusterKindOf(legacy).edge, true);
    const aws = profile({ cloudType: 'aws', packs: [{ name: 'ubuntu-aws', layer: 'os' }, { name: 'kubernetes', layer: 'k8s' }] });
    assert.equal(clusterKindOf(aws, { cloudType: 'edge' }).edge, true);
    assert.equal(clusterKindOf(aws).edge, false);
  });

  it('plans an edge cloud type with the Edge rules (a reconcile stage reloads, it does not repave)', () => {
    const spec = (cmd: string) => ({ cloudType: 'edge', packs: [{ name: 'my-os', layer: 'os', values: `stages:\n  reconcile:\n    - commands: [${cmd}]` }, { name: 'my-k8s', layer: 'k8s', tag: '1.30.5' }] });
    const plan = planUpdate(profile(spec('a')), profile(spec('b')));
    assert.equal(plan.target.clusterKind.edge, true);
    assert.equal(plan.impact, 'config-reload');
  });

  it('a hover on the K3s or RKE2 cluster.config names both shapes the schema accepts', () => {
    const config = schemaDocAt('edge-k8s', ['cluster', 'config'], true);
    assert.deepEqual(config?.types, ['object', 'string', 'null']);
    assert.match(config?.description ?? '', /K3s and RKE2 take their server configuration .* as a YAML string block .* or as an object/);
    assert.doesNotMatch(config?.description ?? '', /K3s and RKE2 take their server configuration as an object/);
  });

  it('a hover does not present one list of values as the only shape when a template is accepted too', () => {
    const distribution = schemaDocAt('edge-os', ['options', 'system.k8sDistribution'], true);
    assert.ok(distribution);
    assert.equal(distribution.enum, undefined);
    const text = renderExplanation({ span: { start: 0, end: 0 }, title: 'options.system.k8sDistribution', schema: distribution });
    assert.doesNotMatch(text, /_Type: [^_]*one of `k3s`/);
    // A plain enum is still listed.
    assert.deepEqual(schemaDocAt('profile', ['spec', 'template', 'type'])?.enum, ['cluster', 'infra', 'add-on', 'system']);
  });

  it('plan between two profiles of different names says so, at both names', () => {
    const current = profile({ ...stack, name: 'edge-retail' });
    const pendingText = profileText({ ...stack, name: 'Edge Retail (Prod)' });
    const pending = profile({ ...stack, name: 'Edge Retail (Prod)' });
    const plan = planUpdate(current, pending);
    const finding = plan.findings.find((f) => f.code === 'profile-name-mismatch');
    assert.ok(finding, JSON.stringify(plan.findings));
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /'Edge Retail \(Prod\)' and 'edge-retail' are two profiles/);
    assert.equal(pendingText.slice(finding.span!.start, finding.span!.end), 'Edge Retail (Prod)');
    assert.ok(finding.currentSpan);
    assert.equal(plan.target.fromProfile, 'edge-retail');
    assert.equal(plan.target.profile, 'Edge Retail (Prod)');
  });

  it('plan between two versions of one profile has no name finding', () => {
    const plan = planUpdate(profile({ ...stack, name: 'edge-retail', version: '1.0.0' }), profile({ ...stack, name: 'edge-retail', version: '1.1.0' }));
    assert.deepEqual(plan.findings.filter((f) => f.code === 'profile-name-mismatch'), []);
    assert.equal(plan.target.fromProfile, undefined);
  });
});
