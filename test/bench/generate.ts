// Generates Palette-shaped profiles of a chosen size for benchmarks and fuzzing.

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

const osValues = `pack:
  content:
    images:
      - image: "{{.spectro.pack.edge-native-byoi.options.system.uri}}"
  drain:
    cordon: true
    timeout: 60
options:
  system.uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/{{ .spectro.pack.edge-native-byoi.options.system.repo }}:{{ .spectro.pack.edge-native-byoi.options.system.k8sDistribution }}-{{ .spectro.system.kubernetes.version }}-{{ .spectro.pack.edge-native-byoi.options.system.peVersion }}-{{ .spectro.pack.edge-native-byoi.options.system.customTag }}"
  system.registry: ttl.sh
  system.repo: ubuntu
  system.k8sDistribution: k3s
  system.osName: ubuntu
  system.peVersion: v4.5.11
  system.customTag: retail
  system.osVersion: "22"
stages:
  initramfs:
    - name: users
      users:
        kairos:
          groups: [sudo]
  boot:
    - name: timezone
      commands:
        - timedatectl set-timezone UTC
  reconcile:
    - name: journald
      files:
        - path: /etc/systemd/journald.conf.d/size.conf
          content: "SystemMaxUse=500M"
`;

const k8sValues = `cluster:
  config: |
    cluster-init: true
    kube-apiserver-arg:
      - anonymous-auth=true
    kubelet-arg:
      - max-pods=110
stages:
  initramfs:
    - name: sysctl
      sysctl:
        vm.max_map_count: "262144"
pack:
  k8sHardening: True
  podCIDR: "192.168.0.0/16"
  serviceClusterIpRange: "10.96.0.0/12"
  palette:
    config:
      dashboard:
        access: private
clientConfig:
  oidc-issuer-url: ""
`;

function addonValues(i: number, lines: number): string {
  const out = [`pack:`, `  namespace: addon-${i}`, `  content:`, `    images:`, `      - image: registry.example.com/addon-${i}:1.0.${i}`, `charts:`, `  addon-${i}:`];
  let n = 0;
  while (out.length < lines) {
    out.push(`    section${n}:`, `      enabled: ${n % 2 === 0}`, `      replicas: ${(n % 5) + 1}`, `      image: "registry.example.com/addon-${i}/component-${n}:v1.${n}"`, `      resources:`, `        limits: { cpu: "${(n % 4) + 1}", memory: "${(n % 8) + 1}Gi" }`);
    n++;
  }
  return out.join('\n') + '\n';
}

function manifestContent(i: number, objects: number): string {
  const docs: string[] = [];
  for (let n = 0; n < objects; n++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}-${n}
  namespace: addon-${i}
spec:
  replicas: ${(n % 3) + 1}
  selector:
    matchLabels: { app: app-${i}-${n} }
  template:
    metadata:
      labels: { app: app-${i}-${n} }
    spec:
      containers:
        - name: main
          image: registry.example.com/app-${i}-${n}:1.0.0
          ports:
            - containerPort: 8080`);
  }
  return docs.join('\n---\n') + '\n';
}

function pack(name: string, layer: string, tag: string, values: string, type = 'spectro', manifests?: { name: string; content: string }[]): string {
  let out = `      - name: ${name}\n        type: ${type}\n        layer: ${layer}\n        tag: ${tag}\n        values: |-\n${indent(values.trimEnd(), 10)}\n`;
  if (manifests) {
    out += `        manifests:\n`;
    for (const m of manifests) out += `          - name: ${m.name}\n            content: |-\n${indent(m.content.trimEnd(), 14)}\n`;
  }
  return out;
}

export interface GeneratedProfile {
  text: string;
  lines: number;
  packs: number;
}

/** A profile of about `targetLines` lines: an Edge infra stack, then add-on and manifest packs. */
export function generateProfile(targetLines: number, options: { version?: string; variant?: number } = {}): GeneratedProfile {
  const variant = options.variant ?? 0;
  let text = `metadata:
  name: bench-profile
  description: Generated for benchmarks
spec:
  version: ${options.version ?? '1.0.0'}
  template:
    cloudType: edge-native
    type: cluster
    packs:
`;
  text += pack('edge-native-byoi', 'os', '2.1.0', variant ? osValues.replace('ttl.sh', 'harbor.example.com') : osValues);
  text += pack('edge-k3s', 'k8s', variant ? '1.31.2' : '1.30.5', variant ? k8sValues.replace('max-pods=110', 'max-pods=150') : k8sValues);
  text += pack('cni-calico', 'cni', '3.28.0', 'manifests:\n  calico:\n    calico_ipam:\n      assign_ipv4: true\n');
  text += pack('csi-longhorn', 'csi', '1.7.1', 'charts:\n  longhorn:\n    persistence:\n      defaultClassReplicaCount: 3\n');
  let packs = 4;
  let lines = text.split('\n').length;
  for (let i = 0; lines < targetLines; i++) {
    const chunk =
      i % 4 === 3
        ? pack(`manifests-${i}`, 'addon', '1.0.0', `pack:\n  namespace: addon-${i}\n`, 'manifest', [{ name: `objects-${i}`, content: manifestContent(i, 6).replace(variant && i === 3 ? 'replicas: 1' : '\u0000', 'replicas: 2') }])
        : pack(`addon-${i}`, 'addon', `1.${i % 10}.0`, variant && i === 1 ? addonValues(i, 200).replace('replicas: 1', 'replicas: 4') : addonValues(i, 200));
    text += chunk;
    lines += chunk.split('\n').length - 1;
    packs++;
  }
  text += `  variables:\n    - name: site_id\n      displayName: Site ID\n      format: string\n      required: true\n`;
  return { text, lines: text.split('\n').length, packs };
}
