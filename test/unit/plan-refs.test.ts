// Macro references followed everywhere: a place that uses a changed value through a macro is a change with its own impact.
import * as assert from 'node:assert/strict';
import type { ImpactedChange } from '../../server/src/core/plan/model';
import { planUpdate } from '../../server/src/core/plan/plan';
import type { ProfileModel } from '../../server/src/core/parse/profile';
import { edgeStack, profile } from './plan-fixtures';

const osRef = '{{ .spectro.pack.edge-native-byoi.options.system.osVersion }}';
const os = (version: string, stage = `echo ${osRef} > /etc/os-pin`) =>
  ['options:', '  system.uri: "registry.example.com/os:fixed"', `  system.osVersion: "${version}"`, 'stages:', '  boot:', '    - name: pin', '      commands:', `        - "${stage}"`].join('\n');

function at(changes: ImpactedChange[], path: string, pack?: string): ImpactedChange {
  const found = changes.filter((c) => c.path === path && (pack === undefined || c.pack === pack));
  assert.equal(found.length, 1, `one change at ${path}: ${JSON.stringify(changes.map((c) => `${c.pack} ${c.path}`))}`);
  return found[0];
}

function textAt(model: ProfileModel, change: ImpactedChange): string {
  return model.text.slice(change.pendingSpan!.start, change.pendingSpan!.end);
}

describe('plan: macro references followed everywhere', () => {
  it('a boot stage command that uses options.system.osVersion changes with it (reboot), naming the chain', () => {
    const pending = edgeStack({ os: os('24.04') });
    const plan = planUpdate(edgeStack({ os: os('22.04') }), pending);
    assert.equal(at(plan.changes, 'options.system.osVersion').impact, 'no-op');
    const stage = at(plan.changes, 'stages.boot[name=pin].commands[0]');
    assert.deepEqual([stage.impact, stage.rule, stage.certainty], ['reboot', 'edge-os-stages', 'documented']);
    assert.match(stage.reason, /^options\.system\.osVersion changed; stages\.boot\[name=pin\]\.commands\[0\] uses it → reboot: /);
    assert.deepEqual(stage.via, ['options.system.osVersion']);
    assert.equal(textAt(pending, stage), `"echo ${osRef} > /etc/os-pin"`);
    assert.equal(plan.impact, 'reboot', 'the roll-up takes the worst');
  });

  it('on RKE2 that stage repaves', () => {
    const k8s = 'cluster:\n  config: ""';
    const plan = planUpdate(edgeStack({ os: os('22.04'), k8sName: 'edge-rke2', k8s }), edgeStack({ os: os('24.04'), k8sName: 'edge-rke2', k8s }));
    assert.equal(at(plan.changes, 'stages.boot[name=pin].commands[0]').impact, 'repave');
    assert.equal(plan.impact, 'repave');
  });

  it('a manifest of an add-on that uses a Kubernetes pack value is redeployed, and the pack is named', () => {
    const manifest = (name: string) => ({ name: 'hello', content: ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', '  cidr: "{{ .spectro.pack.edge-k3s.pack.podCIDR }}"'].join('\n') });
    const stack = (cidr: string) => edgeStack({ k8s: `pack:\n  podCIDR: "${cidr}"`, extra: [{ name: 'netinfo', layer: 'addon', tag: '1.0.0', values: 'a: 1', manifests: [manifest('net')] }] });
    const pending = stack('10.0.0.0/16');
    const plan = planUpdate(stack('192.168.0.0/16'), pending);
    const c = at(plan.changes, 'manifests.hello[ConfigMap/net].data.cidr', 'netinfo');
    assert.deepEqual([c.impact, c.part, c.manifest, c.object], ['redeploy', 'manifest', 'hello', 'ConfigMap/net']);
    assert.match(c.reason, /^edge-k3s pack\.podCIDR changed; manifests\.hello\[ConfigMap\/net\]\.data\.cidr uses it → add-on redeploy/);
    assert.equal(textAt(pending, c), '"{{ .spectro.pack.edge-k3s.pack.podCIDR }}"');
  });

  it("another pack's values: a Kubernetes cluster.config value built from an OS value restarts the Kubernetes services", () => {
    const k8s = 'cluster:\n  config:\n    node-label: "os={{ .spectro.pack.edge-native-byoi.options.system.osVersion }}"';
    const plan = planUpdate(edgeStack({ os: os('22.04', 'true'), k8s }), edgeStack({ os: os('24.04', 'true'), k8s }));
    const c = at(plan.changes, 'cluster.config.node-label', 'edge-k3s');
    assert.deepEqual([c.impact, c.rule], ['service-restart', 'edge-k8s-cluster']);
    assert.match(c.reason, /^edge-native-byoi options\.system\.osVersion changed; cluster\.config\.node-label uses it/);
    assert.equal(plan.impact, 'service-restart');
  });

  it('follows a chain of references and names every link', () => {
    const values = (v: string) => ['options:', '  system.uri: "r/os:1"', `  system.osVersion: "${v}"`, '  system.customTag: "os-{{ .spectro.pack.edge-native-byoi.options.system.osVersion }}"', 'stages:', '  boot:', '    - name: tag', '      commands:', '        - "echo {{ .spectro.pack.edge-native-byoi.options.system.customTag }}"'].join('\n');
    const plan = planUpdate(edgeStack({ os: values('1') }), edgeStack({ os: values('2') }));
    const c = at(plan.changes, 'stages.boot[name=tag].commands[0]');
    assert.equal(c.impact, 'reboot');
    assert.deepEqual(c.via, ['options.system.osVersion', 'options.system.customTag']);
    assert.match(c.reason, /^options\.system\.osVersion changed; options\.system\.customTag uses it; stages\.boot\[name=tag\]\.commands\[0\] uses it → reboot/);
  });

  it('a profile variable whose default changes makes the places using it possible changes', () => {
    const stack = (d: string) =>
      profile({
        packs: [{ name: 'edge-native-byoi', layer: 'os', tag: '1', values: os('1', "timedatectl set-timezone '{{.spectro.var.tz}}'") }, { name: 'edge-k3s', layer: 'k8s', tag: '1.30.5', values: 'pack: {}' }],
        variables: `- name: tz\n  displayName: Time zone\n  defaultValue: ${d}`,
      });
    const plan = planUpdate(stack('UTC'), stack('CET'));
    const c = at(plan.changes, 'stages.boot[name=pin].commands[0]');
    assert.deepEqual([c.impact, c.certainty], ['reboot', 'possible']);
    assert.match(c.reason, /^variable tz changed; stages\.boot\[name=pin\]\.commands\[0\] uses it → reboot/);
  });

  it('a place whose own text changed is reported once, and nothing is added when nothing changed', () => {
    const plan = planUpdate(edgeStack({ os: os('22.04') }), edgeStack({ os: os('24.04', `echo ${osRef} > /etc/pin`) }));
    assert.equal(plan.changes.filter((c) => c.path.startsWith('stages.')).length, 1);
    assert.deepEqual(planUpdate(edgeStack({ os: os('22.04') }), edgeStack({ os: os('22.04') })).changes, []);
  });

  it('a change to a value nothing uses reaches no place', () => {
    const values = (v: string) => os('22.04') + `\n  other: "${v}"`;
    const plan = planUpdate(edgeStack({ os: values('a') }), edgeStack({ os: values('b') }));
    assert.deepEqual(plan.changes.map((c) => c.path), ['stages.other']);
  });
});
