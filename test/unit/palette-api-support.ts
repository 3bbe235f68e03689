// Shared setup of the Palette API backend tests: a fake Palette seeded with edge-retail 1.0.0 and two store clusters.
import * as assert from 'node:assert/strict';
import { PaletteApiBackend, type PaletteApiOptions } from '../../server/src/backend/palette';
import { FakePalette, type FakeProfile, type FakeTemplate } from './palette-server';

export const project = 'proj-7d1e';

export const template: FakeTemplate = {
  cloudType: 'edge-native',
  type: 'cluster',
  packs: [
    { name: 'edge-native-byoi', layer: 'os', tag: '2.1.0', type: 'spectro', values: 'options:\n  system.uri: ttl.sh/ubuntu:k3s\n' },
    { name: 'edge-k3s', layer: 'k8s', tag: '1.30.5', type: 'spectro', values: 'cluster:\n  config:\n    cluster-init: true\n' },
    {
      name: 'hello-universe',
      layer: 'addon',
      tag: '1.0.0',
      type: 'manifest',
      values: 'manifests:\n  hello-universe:\n    replicas: 2\n',
      manifests: [{ name: 'hello-universe', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: hello-universe\n', uid: '' }],
    },
  ],
};

export interface World {
  fake: FakePalette;
  logs: string[];
  v100: FakeProfile;
  backend: (options?: Partial<PaletteApiOptions>) => PaletteApiBackend;
}

export async function world(options: { projectUid?: string | null } = {}): Promise<World> {
  const projectUid = options.projectUid === null ? undefined : (options.projectUid ?? project);
  const fake = await FakePalette.start({ projectUid });
  const logs: string[] = [];
  const v100 = fake.addProfile({ name: 'edge-retail', version: '1.0.0', template, labels: { env: 'prod' }, description: 'Edge stack', variables: [{ name: 'site_id', required: true }] });
  fake.addCluster({ name: 'store-042', profile: v100, labels: { service: 'hello-universe-frontend' }, overrides: { 'hello-universe': 'manifests:\n  hello-universe:\n    replicas: 3\n' }, variables: { site_id: '042' } });
  fake.addCluster({ name: 'store-043', profile: v100, labels: { service: 'hello-universe-frontend' }, variables: { site_id: '043' } });
  const backend = (extra: Partial<PaletteApiOptions> = {}) =>
    new PaletteApiBackend({ baseUrl: fake.url, apiKey: fake.apiKey, projectUid, log: (line) => logs.push(line), retryBaseMs: 1, retryMaxMs: 2, retryAfterCapMs: 3, ...extra });
  return { fake, logs, v100, backend };
}

/** Every test ends with no request that broke the spec, and closes the server. */
export async function finish(w: World | undefined): Promise<void> {
  if (!w) return;
  await w.fake.close();
  assert.deepEqual(w.fake.violations, []);
}

/** Our profile text for a version of edge-retail with the given values of the OS pack. */
export function profileYaml(version: string, osUri = 'ttl.sh/ubuntu:k3s', replicas = 2): string {
  return `metadata:
  name: edge-retail
  description: Edge stack
  labels:
    env: prod
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
        values: |
          options:
            system.uri: ${osUri}
      - name: edge-k3s
        type: spectro
        layer: k8s
        tag: 1.30.5
        values: |
          cluster:
            config:
              cluster-init: true
      - name: hello-universe
        type: manifest
        layer: addon
        tag: 1.0.0
        values: |
          manifests:
            hello-universe:
              replicas: ${replicas}
        manifests:
          - name: hello-universe
            content: |
              apiVersion: v1
              kind: Namespace
              metadata:
                name: hello-universe
  variables:
    - name: site_id
      required: true
`;
}
