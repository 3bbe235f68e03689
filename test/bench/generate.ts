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

function addonValues(i: number, lines: number, comments = false): string {
  const out = [`pack:`, `  namespace: addon-${i}`, `  content:`, `    images:`, `      - image: registry.example.com/addon-${i}:1.0.${i}`, `charts:`, `  addon-${i}:`];
  let n = 0;
  while (out.length < lines) {
    // Helm charts' values.yaml files explain most settings in comments.
    if (comments) out.push(`    ## Component ${n} of addon ${i}: how many replicas run and what they may use.`, `    ## ref: https://example.com/charts/addon-${i}#section${n}`);
    out.push(`    section${n}:`, `      enabled: ${n % 2 === 0}`, `      replicas: ${(n % 5) + 1}`, `      image: "registry.example.com/addon-${i}/component-${n}:v1.${n}"`, `      resources:`, `        limits: { cpu: "${(n % 4) + 1}", memory: "${(n % 8) + 1}Gi" }`);
    if (comments && n % 3 === 0) out.push(`      # nodeSelector: {}`, `      tolerations: []`, `      podAnnotations:`, `        prometheus.io/scrape: "true"`);
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

export interface GenerateOptions {
  version?: string;
  /** 1 changes a few values in the OS, Kubernetes, one add-on and one manifest pack, for a second version. */
  variant?: number;
  /** Lines of each add-on pack's values, used in turn; 200 each by default. */
  addonLines?: readonly number[];
  /** Helm-style comments in add-on values. */
  comments?: boolean;
}

/** Add-on values of the sizes real charts have: a few small, most a few hundred lines, some thousands. */
export const realisticAddonLines: readonly number[] = [350, 1200, 150, 800, 2600, 500, 90, 1500, 650, 250];

/** A profile of about `targetLines` lines: an Edge infra stack, then add-on and manifest packs. */
export function generateProfile(targetLines: number, options: GenerateOptions = {}): GeneratedProfile {
  const variant = options.variant ?? 0;
  const sizes = options.addonLines ?? [200];
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
        : pack(`addon-${i}`, 'addon', `1.${i % 10}.0`, variant && i === 1 ? addonValues(i, sizes[i % sizes.length], options.comments).replace('replicas: 1', 'replicas: 4') : addonValues(i, sizes[i % sizes.length], options.comments));
    text += chunk;
    lines += chunk.split('\n').length - 1;
    packs++;
  }
  text += `  variables:\n    - name: site_id\n      displayName: Site ID\n      format: string\n      required: true\n`;
  return { text, lines: text.split('\n').length, packs };
}
