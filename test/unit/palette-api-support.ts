// Shared setup of the Palette API backend tests: a fake Palette seeded with edge-retail 1.0.0 and two store clusters.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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
  const w = await emptyWorld(projectUid);
  const fake = w.fake;
  const v100 = fake.addProfile({ name: 'edge-retail', version: '1.0.0', template, labels: { env: 'prod' }, description: 'Edge stack', variables: [{ name: 'site_id', required: true }] });
  fake.addCluster({ name: 'store-042', profile: v100, labels: { service: 'hello-universe-frontend' }, overrides: { 'hello-universe': 'manifests:\n  hello-universe:\n    replicas: 3\n' }, variables: { site_id: '042' } });
  fake.addCluster({ name: 'store-043', profile: v100, labels: { service: 'hello-universe-frontend' }, variables: { site_id: '043' } });
  return { ...w, v100 };
}

/** The repository's examples folder (the integration workspace is a copy of it). */
export const examples = join(__dirname, '..', '..', '..', 'examples');

type Yaml = Record<string, any>;

/**
 * A fake Palette holding what the examples' local store holds: edge-retail 1.0.0 (examples/.palette/profiles) and
 * the clusters of examples/.palette/clusters with their state, tags, overrides and variables. Read with plain YAML,
 * not the backend's converters, so a converter bug cannot hide in the seed.
 */
export async function exampleWorld(): Promise<World> {
  const w = await emptyWorld(project);
  const read = (...path: string[]) => parse(readFileSync(join(examples, ...path), 'utf8')) as Yaml;
  const profile = read('.palette', 'profiles', 'edge-retail', '1.0.0.yaml');
  const t = profile.spec.template as Yaml;
  const packs = (t.packs as Yaml[]).map((k) => ({
    name: k.name,
    layer: k.layer,
    tag: k.tag,
    type: k.type,
    values: k.values,
    manifests: (k.manifests as Yaml[] | undefined)?.map((m) => ({ name: m.name, content: m.content, uid: '' })),
  }));
  const v100 = w.fake.addProfile({
    name: profile.metadata.name,
    version: profile.spec.version,
    template: { cloudType: t.cloudType, type: t.type, packs },
    labels: profile.metadata.labels,
    description: profile.metadata.description,
    variables: profile.spec.variables,
  });
  for (const name of ['store-042', 'store-043']) {
    const c = read('.palette', 'clusters', `${name}.yaml`);
    const labels = Object.fromEntries((c.tags as string[]).map((tag) => tag.split(':') as [string, string]));
    w.fake.addCluster({ name: c.name, profile: v100, state: c.status, labels, overrides: c.overrides, variables: c.variables });
  }
  return { ...w, v100 };
}

async function emptyWorld(projectUid: string | undefined): Promise<Omit<World, 'v100'>> {
  const fake = await FakePalette.start({ projectUid });
  const logs: string[] = [];
  const backend = (extra: Partial<PaletteApiOptions> = {}) =>
    new PaletteApiBackend({ baseUrl: fake.url, apiKey: fake.apiKey, projectUid, log: (line) => logs.push(line), retryBaseMs: 1, retryMaxMs: 2, retryAfterCapMs: 3, ...extra });
  return { fake, logs, backend };
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
