// Builds small profile exports for the planner tests, so each test states only the packs and values it is about.
import { parseProfile, type ProfileModel } from '../../server/src/core/parse/profile';

export interface PackSpec {
  name: string;
  layer: string;
  tag?: string;
  type?: string;
  /** The values document, written without indentation. */
  values?: string;
  manifests?: { name: string; content: string }[];
}

export interface ProfileSpec {
  name?: string;
  version?: string;
  cloudType?: string;
  packs: PackSpec[];
  /** The `variables:` list, written without indentation. */
  variables?: string;
}

function block(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

export function profileText(spec: ProfileSpec): string {
  const lines = ['metadata:', `  name: ${spec.name ?? 'test'}`, 'spec:'];
  if (spec.version !== undefined) lines.push(`  version: ${spec.version}`);
  lines.push('  template:', `    cloudType: ${spec.cloudType ?? 'edge-native'}`, '    type: cluster', '    packs:');
  for (const p of spec.packs) {
    lines.push(`      - name: ${p.name}`, `        type: ${p.type ?? 'spectro'}`, `        layer: ${p.layer}`);
    if (p.tag !== undefined) lines.push(`        tag: ${p.tag}`);
    if (p.values === undefined || p.values === '') lines.push('        values: ""');
    else lines.push('        values: |-', block(p.values, 10));
    if (p.manifests) {
      lines.push('        manifests:');
      for (const m of p.manifests) lines.push(`          - name: ${m.name}`, '            content: |-', block(m.content, 14));
    }
  }
  if (spec.variables) lines.push('  variables:', block(spec.variables, 4));
  return lines.join('\n') + '\n';
}

export function profile(spec: ProfileSpec): ProfileModel {
  const model = parseProfile(profileText(spec), undefined, { cache: null });
  if (model.problems.length > 0) throw new Error(`fixture does not parse: ${JSON.stringify(model.problems)}\n${profileText(spec)}`);
  return model;
}

export const canvosUri =
  'system.uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/{{ .spectro.pack.edge-native-byoi.options.system.repo }}:{{ .spectro.pack.edge-native-byoi.options.system.k8sDistribution }}-{{ .spectro.system.kubernetes.version }}-{{ .spectro.pack.edge-native-byoi.options.system.peVersion }}-{{ .spectro.pack.edge-native-byoi.options.system.customTag }}"';

export interface EdgeStack {
  os?: string;
  k8s?: string;
  k8sName?: string;
  k8sTag?: string;
  osTag?: string;
  cni?: string;
  cniName?: string;
  csi?: string;
  csiName?: string;
  addon?: string;
  cloudType?: string;
  version?: string;
  extra?: PackSpec[];
}

export const defaultOsValues = ['options:', `  ${canvosUri}`, '  system.registry: ttl.sh', '  system.repo: ubuntu', '  system.k8sDistribution: k3s', '  system.peVersion: v4.5.11', '  system.customTag: retail', 'stages:', '  boot:', '    - name: tz', '      commands:', '        - timedatectl set-timezone UTC'].join('\n');
export const defaultK8sValues = ['cluster:', '  config:', '    etcd-snapshot-retention: 5', 'pack:', '  podCIDR: "192.170.0.0/16"'].join('\n');

/** An Edge K3s stack (BYOOS, edge-k3s, Calico, Longhorn, one add-on) whose parts a test can replace. */
export function edgeStack(s: EdgeStack = {}): ProfileModel {
  return profile({
    version: s.version ?? '1.0.0',
    cloudType: s.cloudType,
    packs: [
      { name: 'edge-native-byoi', layer: 'os', tag: s.osTag ?? '2.1.0', values: s.os ?? defaultOsValues },
      { name: s.k8sName ?? 'edge-k3s', layer: 'k8s', tag: s.k8sTag ?? '1.30.5', values: s.k8s ?? defaultK8sValues },
      { name: s.cniName ?? 'cni-calico', layer: 'cni', tag: '3.28.0', values: s.cni ?? 'manifests:\n  calico:\n    ipamType: calico-ipam' },
      { name: s.csiName ?? 'csi-longhorn', layer: 'csi', tag: '1.7.1', values: s.csi ?? 'charts:\n  longhorn:\n    replicas: 1' },
      { name: 'hello', layer: 'addon', tag: '1.0.0', values: s.addon ?? 'manifests:\n  hello:\n    replicas: 1' },
      ...(s.extra ?? []),
    ],
  });
}

/**
 * The example working file (1.1.0) keeps edge-k3s at 1.30.5, so 1.0.0 stays a rollback Palette allows;
 * tests of a Kubernetes step give it another tag here. Only the k8s pack's tag is 1.30.5 in the examples.
 */
export function withK8sTag(text: string, tag = '1.31.2'): string {
  const at = text.split('        tag: 1.30.5\n');
  if (at.length !== 2) throw new Error('expected the edge-k3s tag 1.30.5 exactly once');
  return at.join(`        tag: ${tag}\n`);
}
