// Tag steps, picking the planned changes a hover is about (fresh or stale plan), and the markdown a hover shows.
import * as assert from 'node:assert/strict';
import { changesAt } from '../../server/src/core/explain/changesAt';
import { explainProfileAt } from '../../server/src/core/explain/explain';
import { renderExplanation } from '../../server/src/core/explain/markdown';
import { explainTag } from '../../server/src/core/explain/tag';
import type { ImpactedChange } from '../../server/src/core/plan/model';
import { planUpdate } from '../../server/src/core/plan/plan';
import { at, osValues, parsed, stack } from './explain-fixtures';
import { profileText } from './plan-fixtures';

const kind = { edge: true, distribution: 'k3s' as const };
const base = parsed(profileText(stack({ version: '1.0.0' })));
const baseline = { profile: base, label: 'edge-retail 1.0.0 (store)' };
const describe_ = (c: ImpactedChange) => `[${c.rule}: ${c.path} ${String(c.before)} → ${String(c.after)}]`;

describe('explain: tags', () => {
  it('names the step between two tags', () => {
    assert.equal(explainTag('1.30.5', '1.30.7', 'k8s').step, 'patch');
    assert.equal(explainTag('1.30.5', '1.31.0', 'k8s').step, 'minor');
    assert.equal(explainTag('2.1.0', '3.0.0', 'os').step, 'major');
    assert.equal(explainTag('1.0.0', '1.0.0', 'addon').step, 'same');
    assert.equal(explainTag(undefined, '1.0.0', 'addon').step, 'new');
    assert.equal(explainTag('latest', '1.0.0', 'addon').step, 'unreadable');
  });

  it('warns of a Kubernetes minor skip and a downgrade, but not of a skip outside Kubernetes', () => {
    const skip = explainTag('1.29.3', '1.31.2', 'k8s');
    assert.deepEqual(skip.skipped, { from: '1.29', to: '1.31' });
    assert.ok(skip.notes.some((n) => n.startsWith('Skips a Kubernetes minor version (1.29 → 1.31)')));
    assert.equal(explainTag('1.29.3', '1.31.2', 'addon').skipped, undefined);
    const down = explainTag('1.31.2', '1.30.5', 'k8s');
    assert.equal(down.step, 'downgrade');
    assert.match(down.notes[0], /cannot be downgraded/);
    assert.match(explainTag('3.28.0', '3.27.1', 'cni').notes[0], /not recommended/);
  });
});

describe('explain: planned changes at a hover', () => {
  const changedOs = osValues.replace('system.registry: ttl.sh', 'system.regi‸stry: harbor.example.com');

  it('picks the change under the key from a plan of this version, by position', () => {
    const { profile, offset } = at(stack({ os: changedOs }));
    const plan = planUpdate(base, profile, { clusterKind: kind });
    const e = explainProfileAt(profile, offset, { kind, baseline })!;
    const picked = changesAt(e, { changes: plan.changes, fresh: true }, profile, kind);
    assert.deepEqual(picked.map((c) => [c.path, c.rule, c.impact]), [['options.system.registry', 'edge-uri-dependency', 'repave']]);
    const options = explainProfileAt(profile, profile.text.indexOf('options:') + 2, { kind, baseline })!;
    assert.equal(changesAt(options, { changes: plan.changes, fresh: true }, profile, kind).length, 1, 'a parent key covers the change under it');
    const stages = explainProfileAt(profile, profile.text.indexOf('stages:') + 2, { kind, baseline })!;
    assert.deepEqual(changesAt(stages, { changes: plan.changes, fresh: true }, profile, kind), []);
  });

  it('matches an older plan by key path while the value is the one it planned', () => {
    const { profile: older } = at(stack({ os: changedOs }));
    const stale = planUpdate(base, older, { clusterKind: kind });
    // Lines inserted above move every span; the key path still finds the change.
    const { profile, offset } = at(stack({ os: '# a comment\n# another\n' + changedOs }));
    const e = explainProfileAt(profile, offset, { kind, baseline })!;
    const picked = changesAt(e, { changes: stale.changes, fresh: false }, profile, kind);
    assert.equal(picked.length, 1);
    assert.equal(picked[0], stale.changes.find((c) => c.path === 'options.system.registry'));
  });

  it('classifies the change on the spot when an older plan planned another value', () => {
    const { profile: older } = at(stack({ os: changedOs }));
    const stale = planUpdate(base, older, { clusterKind: kind });
    const { profile, offset } = at(stack({ os: osValues.replace('system.registry: ttl.sh', 'system.regi‸stry: quay.io') }));
    const e = explainProfileAt(profile, offset, { kind, baseline })!;
    const picked = changesAt(e, { changes: stale.changes, fresh: false }, profile, kind);
    assert.deepEqual(picked.map((c) => [c.rule, c.before, c.after]), [['edge-uri-dependency', 'ttl.sh', 'quay.io']]);
  });
});

describe('explain: hover markdown', () => {
  it('shows the change in the inlay-hint words instead of the hypothetical rule', () => {
    const { profile, offset } = at(stack({ os: osValues.replace('system.registry: ttl.sh', 'system.regi‸stry: harbor.example.com') }));
    const plan = planUpdate(base, profile, { clusterKind: kind });
    const e = explainProfileAt(profile, offset, { kind, baseline })!;
    const md = renderExplanation(e, { changes: changesAt(e, { changes: plan.changes, fresh: true }, profile, kind), describeChange: describe_ });
    assert.match(md, /^\*\*`options\.system\.registry`\*\* · edge-native-byoi \(os layer\) · values/m);
    assert.match(md, /Value: `harbor\.example\.com`/);
    assert.match(md, /Baseline \(edge-retail 1\.0\.0 \(store\)\): `ttl\.sh`/);
    assert.match(md, /\[edge-uri-dependency: options\.system\.registry ttl\.sh → harbor\.example\.com\]/);
    assert.doesNotMatch(md, /On Edge K3s/);
  });

  it("leads a changed key's hover with this change's impact, before the key's generic words", () => {
    const { profile, offset } = at(stack({ os: osValues.replace('system.registry: ttl.sh', 'system.regi‸stry: harbor.example.com') }));
    const plan = planUpdate(base, profile, { clusterKind: kind });
    const e = explainProfileAt(profile, offset, { kind, baseline })!;
    const md = renderExplanation(e, { changes: changesAt(e, { changes: plan.changes, fresh: true }, profile, kind), describeChange: describe_ });
    assert.equal(md.split('\n')[0], '[edge-uri-dependency: options.system.registry ttl.sh → harbor.example.com]');
    // The schema's "Upgrade behavior (Edge): no-op" is about any change of the key; it follows the prediction.
    assert.ok(md.indexOf('edge-uri-dependency') < md.indexOf('Upgrade behavior'), md);
  });

  it("leads an unchanged key's hover with the key, then what changing it would do", () => {
    const { profile, offset } = at(stack({ os: osValues.replace('  boot:', '  bo‸ot:') }));
    const md = renderExplanation(explainProfileAt(profile, offset, { kind, baseline })!, { changes: [], describeChange: describe_ });
    assert.equal(md.split('\n')[0], '**`stages.boot`** · edge-native-byoi (os layer) · values');
    assert.ok(md.indexOf('Baseline') < md.indexOf('On Edge K3s'), md);
  });

  it('says what changing an unchanged key would do on this cluster kind', () => {
    const { profile, offset } = at(stack({ os: osValues.replace('  boot:', '  bo‸ot:') }));
    const md = renderExplanation(explainProfileAt(profile, offset, { kind, baseline })!, { changes: [], describeChange: describe_ });
    // A list's size says nothing of its items: only scalars are called unchanged.
    assert.match(md, /Baseline \(edge-retail 1\.0\.0 \(store\)\): a list \(1 item\)\n/);
    assert.doesNotMatch(md, /\(unchanged\)/);
    assert.match(md, /On Edge K3s, changing keys under `stages\.boot`:\n- 2 keys such as `stages\.boot\.name`: \*\*↻ reboot\*\*: .*Rule `edge-os-stages` · \[source\]\(https:\/\/docs\.spectrocloud\.com\/clusters\/edge\/cluster-management\/upgrade-behavior\/#os-layer\)/);
  });

  it('renders a macro with its resolved value and where it comes from, and a tag with its notes', () => {
    const macro = at(stack({ os: osValues.replace('.registry }}', '.regi‸stry }}') }));
    const md = renderExplanation(explainProfileAt(macro.profile, macro.offset, { kind })!);
    assert.match(md, /Resolves to `ttl\.sh`, from pack edge-native-byoi \(os layer\)\./);
    assert.doesNotMatch(md, /^Value:/m);
    const tag = at(stack({ k8sTag: '1.32‸.0' }));
    const tagMd = renderExplanation(explainProfileAt(tag.profile, tag.offset, { kind, baseline })!);
    assert.match(tagMd, /1\.30\.5 → 1\.32\.0: a minor upgrade\./);
    assert.match(tagMd, /Skips a Kubernetes minor version \(1\.30 → 1\.32\)/);
  });
});
