// Compiles the schemas and runs the engine once on a small profile while the server waits for its first document, so that open does not pay for it.
import { analyzeText } from './core/analyze';
import { createEmbeddedCache } from './core/parse/embedded';
import { parseProfile } from './core/parse/profile';
import { planUpdate } from './core/plan/plan';
import type { SyntaxLimits } from './core/syntax';

const sample = (version: string, registry: string) => `metadata:
  name: warm-up
spec:
  version: ${version}
  template:
    cloudType: edge-native
    type: cluster
    packs:
      - name: edge-native-byoi
        type: spectro
        layer: os
        tag: 2.1.0
        values: |-
          options:
            system.uri: "{{ .spectro.pack.edge-native-byoi.options.system.registry }}/os:{{ .spectro.system.kubernetes.version }}"
            system.registry: ${registry}
          stages:
            boot:
              - name: tz
                commands: [timedatectl set-timezone UTC]
      - name: edge-k3s
        type: spectro
        layer: k8s
        tag: 1.30.5
        values: |-
          cluster:
            config: |
              cluster-init: true
      - name: app
        type: spectro
        layer: addon
        tag: 1.0.0
        values: |-
          replicas: 2
          image: {repository: nginx, tag: "1.27"}
`;

/**
 * Ajv compiles a schema on first use and V8 compiles the parser and the checks on their first
 * runs: together most of a cold open. Done here, off the clock of any request; a document that
 * arrives meanwhile waits no longer than it would have.
 */
export function warmUp(limits: SyntaxLimits): void {
  const cache = createEmbeddedCache(8, 100_000);
  const before = parseProfile(sample('1.0.0', 'ttl.sh'), limits, { cache });
  const analysis = analyzeText('profile', sample('1.1.0', 'harbor.example.com'), { limits });
  void analysis.problems;
  if (analysis.profile) planUpdate(before, analysis.profile);
}
