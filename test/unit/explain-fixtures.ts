// Profiles with a caret for the explain tests; `‸` marks the offset, since `|` is YAML's block scalar indicator.
import * as assert from 'node:assert/strict';
import { parseProfile, type ProfileModel } from '../../server/src/core/parse/profile';
import { canvosUri, defaultK8sValues, profileText, type PackSpec, type ProfileSpec } from './plan-fixtures';

export const mark = '‸';

/** A scalar as a hover shows it. */
export const scalar = (text: string) => ({ text, kind: 'scalar' as const, full: text });

export function marked(text: string): { text: string; offset: number } {
  const offset = text.indexOf(mark);
  assert.ok(offset >= 0, 'no ‸ marker');
  assert.equal(text.indexOf(mark, offset + 1), -1, 'two ‸ markers');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
}

export function parsed(text: string): ProfileModel {
  const model = parseProfile(text, undefined, { cache: null });
  assert.deepEqual(model.problems, [], `fixture does not parse:\n${text}`);
  return model;
}

/** A marked profile: the model without the marker and the marker's offset. */
export function at(spec: ProfileSpec): { profile: ProfileModel; offset: number; text: string } {
  const { text, offset } = marked(profileText(spec));
  return { profile: parsed(text), offset, text };
}

export const osValues = ['options:', `  ${canvosUri}`, '  system.registry: ttl.sh', '  system.repo: ubuntu', '  system.k8sDistribution: k3s', '  system.peVersion: v4.5.11', '  system.customTag: retail', 'stages:', '  boot:', '    - name: tz', '      commands:', '        - timedatectl set-timezone UTC', '  reconcile:', '    - name: journald', '      commands:', '        - systemctl restart systemd-journald'].join('\n');

/** An Edge K3s stack with the OS values, k8s values and k8s tag a test gives; markers may sit in any of them. */
export function stack(o: { os?: string; k8s?: string; k8sTag?: string; k8sName?: string; cloudType?: string; version?: string; extra?: PackSpec[]; variables?: string } = {}): ProfileSpec {
  return {
    name: 'edge-retail',
    version: o.version ?? '1.1.0',
    cloudType: o.cloudType,
    packs: [
      { name: 'edge-native-byoi', layer: 'os', tag: '2.1.0', values: o.os ?? osValues },
      { name: o.k8sName ?? 'edge-k3s', layer: 'k8s', tag: o.k8sTag ?? '1.30.5', values: o.k8s ?? defaultK8sValues },
      { name: 'cni-calico', layer: 'cni', tag: '3.28.0', values: 'manifests:\n  calico:\n    ipamType: calico-ipam' },
      ...(o.extra ?? []),
    ],
    variables: o.variables,
  };
}
