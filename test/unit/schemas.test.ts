// JSON Schemas under schemas/: they compile together, every property is described for hovers,
// they accept real shapes and reject the mistakes they are meant to catch, and the examples fit them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';
import { re2RegExp } from '../../server/src/core/validate/ajvRegExp';

// Tests are bundled into out/test/unit and run from the repository root.
const ROOT = process.cwd();
const SCHEMA_DIR = path.join(ROOT, 'schemas');
const BASE = 'https://palette-profile-studio.local/schemas/';

const ID = {
  profile: `${BASE}profile.schema.json`,
  pack: `${BASE}pack.schema.json`,
  constraints: `${BASE}pack-constraints.schema.json`,
  presets: `${BASE}presets.schema.json`,
  kairos: `${BASE}values/kairos-stages.schema.json`,
  edgeOs: `${BASE}values/edge-os.schema.json`,
  edgeK8s: `${BASE}values/edge-k8s.schema.json`,
} as const;

type Json = Record<string, unknown>;

function schemaFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) found.push(...schemaFiles(full));
    else if (name.endsWith('.schema.json')) found.push(full);
  }
  return found.sort();
}

function loadSchemas(): Map<string, Json> {
  const byFile = new Map<string, Json>();
  for (const file of schemaFiles(SCHEMA_DIR)) byFile.set(path.relative(SCHEMA_DIR, file), JSON.parse(fs.readFileSync(file, 'utf8')) as Json);
  return byFile;
}

const schemas = loadSchemas();
// The product's engine: RE2 refuses a pattern it cannot run in linear time, so compiling is the check.
const ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: re2RegExp } });
for (const schema of schemas.values()) ajv.addSchema(schema);

function validator(id: string): ValidateFunction {
  const validate = ajv.getSchema(id);
  assert.ok(validate, `schema ${id} is not loaded`);
  return validate;
}

function errorsOf(id: string, data: unknown): ErrorObject[] {
  const validate = validator(id);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

function assertValid(id: string, data: unknown): void {
  const errors = errorsOf(id, data);
  assert.deepEqual(errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`), [], `expected valid against ${id}`);
}

/** Asserts the data is invalid with an error at `instancePath` (and, if given, of `keyword` / with `params`). */
function assertError(id: string, data: unknown, instancePath: string, keyword?: string, params?: Json): void {
  const errors = errorsOf(id, data);
  const hit = errors.find(
    (e) =>
      e.instancePath === instancePath &&
      (keyword === undefined || e.keyword === keyword) &&
      (params === undefined || Object.entries(params).every(([k, v]) => (e.params as Json)[k] === v)),
  );
  assert.ok(
    hit,
    `expected an error at "${instancePath}"${keyword ? ` (${keyword})` : ''}, got: ${JSON.stringify(errors.map((e) => [e.instancePath, e.keyword, e.params]))}`,
  );
}

/** JSON pointers of properties (at any depth, in any subschema) that lack a description. */
function undescribed(node: unknown, at: string, out: string[]): string[] {
  if (node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((item, i) => undescribed(item, `${at}/${i}`, out));
    return out;
  }
  const described = (s: unknown): boolean =>
    typeof s === 'object' && s !== null && typeof (s as Json).description === 'string' && ((s as Json).description as string).trim().length > 0;
  for (const [key, value] of Object.entries(node as Json)) {
    // `if` and `not` hold tests, not documentation; enum/const/default/examples hold data.
    if (['if', 'not', 'enum', 'const', 'default', 'examples'].includes(key)) continue;
    if ((key === 'properties' || key === 'patternProperties') && value && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value as Json)) {
        if (!described(sub)) out.push(`${at}/${key}/${name}`);
        undescribed(sub, `${at}/${key}/${name}`, out);
      }
    } else if (key === 'additionalProperties' && value && typeof value === 'object') {
      if (!described(value)) out.push(`${at}/${key}`);
      undescribed(value, `${at}/${key}`, out);
    } else {
      undescribed(value, `${at}/${key}`, out);
    }
  }
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------------------------------------
// Sample documents

const OS_VALUES_DOTTED = {
  pack: { content: { images: [{ image: '{{.spectro.pack.edge-native-byoi.options.system.uri}}' }] } },
  options: {
    'system.uri':
      '{{ .spectro.pack.edge-native-byoi.options.system.registry }}/{{ .spectro.pack.edge-native-byoi.options.system.repo }}:{{ .spectro.pack.edge-native-byoi.options.system.k8sDistribution }}-{{ .spectro.system.kubernetes.version }}-{{ .spectro.pack.edge-native-byoi.options.system.peVersion }}-{{ .spectro.pack.edge-native-byoi.options.system.customTag }}',
    'system.registry': 'ttl.sh',
    'system.repo': 'ubuntu',
    'system.k8sDistribution': 'k3s',
    'system.osName': 'ubuntu',
    'system.peVersion': 'v4.5.11',
    'system.customTag': 'demo',
    'system.osVersion': 22,
  },
  providerCredentials: { registry: 'ttl.sh', user: 'puller', password: "'{{.spectro.var.registry_password}}'" },
  stages: {
    initramfs: [{ name: 'Create support user', users: { storeops: { groups: ['sudo'], shell: '/bin/bash' } } }],
    boot: [{ name: 'modules', commands: ['modprobe rbd'] }],
    'network.after': [{ commands: ['echo up'] }],
    reconcile: [{ files: [{ path: '/etc/chrony/sources.d/a.sources', permissions: '0644', content: 'server x iburst\n' }] }],
  },
};

const OS_VALUES_NESTED = {
  options: {
    system: {
      uri: 'harbor.example.com/edge/ubuntu:k3s-1.30.6-v4.5.11-demo',
      registry: 'harbor.example.com/edge',
      repo: 'ubuntu',
      k8sDistribution: 'rke2',
      osName: 'ubuntu',
      peVersion: 'v4.5.11',
      customTag: 'demo',
      osVersion: '22.04',
    },
  },
};

const PROFILE = {
  metadata: { name: 'edge-retail', description: 'Edge stack', labels: { env: 'prod', edge: 'spectro__tag' } },
  spec: {
    version: '1.1.0',
    template: {
      cloudType: 'edge-native',
      type: 'cluster',
      packs: [
        { name: 'edge-native-byoi', type: 'spectro', layer: 'os', tag: '2.1.0', values: 'options:\n  system.uri: x\n' },
        { name: 'edge-k3s', type: 'spectro', layer: 'k8s', tag: '1.30.6', values: '' },
        { name: 'cni-calico', type: 'spectro', layer: 'cni', tag: '3.28.0', values: '' },
        { name: 'csi-longhorn', type: 'spectro', layer: 'csi', tag: '1.7.1', values: '' },
        {
          name: 'hello-universe',
          type: 'manifest',
          layer: 'addon',
          tag: '1.0.0',
          values: '',
          manifests: [{ name: 'hello-universe', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: hello\n' }],
        },
      ],
    },
    variables: [
      { name: 'site_id', displayName: 'Site ID', format: 'string', regex: '^[0-9]{3}$', required: true },
      { name: 'registry_password', displayName: 'Registry password', format: 'string', isSensitive: true },
    ],
  },
};

/** The shape Palette's own docs give for an importable profile (export JSON): registry metadata, version, isHidden. */
const EXPORTED_PROFILE = {
  metadata: { name: 'cluster-template-profile-aws', description: 'Cluster profile', labels: {} },
  spec: {
    version: '1.0.0',
    template: {
      type: 'cluster',
      cloudType: 'aws',
      packs: [
        {
          name: 'ubuntu-aws',
          type: 'spectro',
          layer: 'os',
          version: '22.04',
          tag: '22.04',
          values: '',
          registry: { metadata: { name: 'Public Repo', kind: 'oci', isPrivate: false, providerType: 'pack' } },
        },
        {
          name: 'hello-universe',
          type: 'oci',
          layer: 'addon',
          version: '1.3.0',
          tag: '1.3.0',
          uid: '675f1171e0153f3d34d22d13',
          packUid: '675f1171e0153f3d34d22d13',
          registryUid: '64eaff453040297344bcad5d',
          values: 'manifests:\n  hello-universe:\n    replicas: "{{.spectro.var.app_replicas}}"',
          manifests: [{ name: 'extra', content: 'kind: ConfigMap', uid: 'abc' }],
        },
      ],
    },
    variables: [
      {
        name: 'app_replicas',
        displayName: 'Hello Universe Replicas',
        format: 'number',
        description: 'Number of replicas',
        defaultValue: '1',
        required: true,
        isSensitive: false,
        isHidden: false,
        immutable: false,
      },
    ],
  },
};

const PACK_JSON = {
  name: 'hello-universe',
  displayName: 'Hello Universe',
  version: '1.2.0',
  layer: 'addon',
  addonType: 'app services',
  cloudTypes: ['all'],
  annotations: { source: 'community' },
  constraints: {
    dependencies: [{ packName: 'cni-calico', layer: 'cni', minVersion: '3.26.0', maxVersion: '', type: 'optional' }],
    resources: [{ type: 'cpu', minLimit: 500, components: [{ scheduleType: 'worker', resourceRequestParamRef: 'manifests.a.cpu' }] }],
  },
};

// ---------------------------------------------------------------------------------------------

describe('schemas', () => {
  it('has the schema files, each draft 2020-12 with an $id matching its path', () => {
    const ids = new Set([...schemas.values()].map((s) => s.$id));
    for (const id of Object.values(ID)) assert.ok(ids.has(id), `missing ${id}`);
    for (const [file, schema] of schemas) {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', file);
      assert.equal(schema.$id, `${BASE}${file.split(path.sep).join('/')}`, file);
    }
  });

  it('all compile together in one Ajv 2020 instance ($ref by $id resolves)', () => {
    for (const id of Object.values(ID)) assert.equal(typeof validator(id), 'function', id);
  });

  it('writes every pattern so that RE2 compiles it (no lookaround, no backreference)', () => {
    const found: string[] = [];
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Json;
      if (typeof n.pattern === 'string') found.push(n.pattern);
      if (n.patternProperties && typeof n.patternProperties === 'object') found.push(...Object.keys(n.patternProperties));
      for (const child of Object.values(n)) walk(child);
    };
    for (const schema of schemas.values()) walk(schema);
    assert.ok(found.length >= 8, `only ${found.length} patterns found`);
    for (const pattern of found) assert.doesNotThrow(() => re2RegExp(pattern), pattern);
  });

  it('anchors the macro pattern: same answers as "contains {{ then }}", and 160 KB of {{ is answered', () => {
    const macro = ((schemas.get(path.join('values', 'edge-os.schema.json'))!.$defs as Json).macro as Json).pattern as string;
    assert.match(macro, /^\^/);
    const anchored = new RegExp(macro, 'u');
    const plain = /\{\{[\s\S]*\}\}/u;
    for (const text of ['{{ .spectro.var.x }}', 'a{{b}}c', '{{{x}}', '{x{{y}}', '}}{{', '{{', '{ {x}}', 'x{', '{{\n}}', '{}{}{{}}', '{a{b{{c}}', '{{{{']) {
      assert.equal(anchored.test(text), plain.test(text), JSON.stringify(text));
      assert.equal(re2RegExp(macro).test(text), plain.test(text), JSON.stringify(text));
    }
    // Backtracking took 18 s on this before the anchor; both engines now answer in one pass.
    const hostile = '{{'.repeat(80_000);
    assert.equal(anchored.test(hostile), false);
    assert.equal(re2RegExp(macro).test(hostile), false);
  });

  it('describes every property at every depth (hovers need it)', () => {
    for (const [file, schema] of schemas) {
      assert.deepEqual(undescribed(schema, '', []), [], `${file}: properties without a description`);
      assert.ok(typeof schema.description === 'string' && typeof schema.title === 'string', `${file}: root title and description`);
    }
  });

  it('puts the Edge upgrade behavior in the descriptions', () => {
    const os = schemas.get(path.join('values', 'edge-os.schema.json'))!;
    const options = (os.properties as Json).options as Json;
    assert.match(((options.properties as Json)['system.uri'] as Json).description as string, /repave/i);
    assert.match((((options.properties as Json).system as Json).properties as Json as Record<string, Json>).uri.description as string, /repave/i);
    assert.match(((options.properties as Json)['system.registry'] as Json).description as string, /no-op/);
    const kairos = schemas.get(path.join('values', 'kairos-stages.schema.json'))!;
    const stages = ((kairos.$defs as Json).stages as Json).properties as Record<string, Json>;
    assert.match(stages.boot.description as string, /reboot/);
    assert.match(stages.boot.description as string, /RKE2/);
    assert.match(stages.reconcile.description as string, /configuration reload/);
    const k8s = schemas.get(path.join('values', 'edge-k8s.schema.json'))!;
    assert.match(((k8s.properties as Json).cluster as Json).description as string, /service restart/);
    assert.match(((k8s.properties as Json).clientConfig as Json).description as string, /no-op/);
  });
});

describe('profile.schema.json', () => {
  it('accepts an authored Edge profile and an exported one with registry, uid, packUid, registryUid, isHidden', () => {
    assertValid(ID.profile, PROFILE);
    assertValid(ID.profile, EXPORTED_PROFILE);
  });

  it('accepts strict semver versions', () => {
    for (const version of ['1.2.3', '1.2.3-rc.1', '1.2.3+build.5', '1.0.0-alpha+001', '0.0.1']) {
      const p = clone(PROFILE);
      p.spec.version = version;
      assertValid(ID.profile, p);
    }
  });

  it('rejects non-semver versions at /spec/version', () => {
    for (const version of ['v1.2', '2.2.2.develop', 'b0.0.1', '1.2', '01.2.3', 'v1.2.3']) {
      const p = clone(PROFILE);
      p.spec.version = version;
      assertError(ID.profile, p, '/spec/version', 'pattern');
    }
    const p: Json = clone(PROFILE);
    (p.spec as Json).version = 1.2; // unquoted YAML 1.2 is a number
    assertError(ID.profile, p, '/spec/version', 'type');
  });

  it('rejects an unknown layer, pack type, cloud type and profile type', () => {
    const p = clone(PROFILE);
    p.spec.template.packs[0].layer = 'network';
    assertError(ID.profile, p, '/spec/template/packs/0/layer', 'enum');
    const t = clone(PROFILE);
    t.spec.template.packs[1].type = 'chart';
    assertError(ID.profile, t, '/spec/template/packs/1/type', 'enum');
    const c = clone(PROFILE);
    c.spec.template.cloudType = 'edge-natve';
    assertError(ID.profile, c, '/spec/template/cloudType', 'enum');
    const y = clone(PROFILE);
    y.spec.template.type = 'full';
    assertError(ID.profile, y, '/spec/template/type', 'enum');
  });

  it('accepts every known cloud type, including all, gke, edge-native and custom', () => {
    for (const cloudType of ['all', 'aws', 'azure', 'gcp', 'vsphere', 'maas', 'eks', 'aks', 'gke', 'edge-native', 'openstack', 'custom']) {
      const p = clone(PROFILE);
      p.spec.template.cloudType = cloudType;
      assertValid(ID.profile, p);
    }
  });

  it('requires the profile name and each pack name', () => {
    const p: Json = clone(PROFILE);
    delete (p.metadata as Json).name;
    assertError(ID.profile, p, '/metadata', 'required', { missingProperty: 'name' });
    const q: Json = clone(PROFILE);
    delete ((((q.spec as Json).template as Json).packs as Json[])[2] as Json).name;
    assertError(ID.profile, q, '/spec/template/packs/2', 'required', { missingProperty: 'name' });
  });

  it('takes every non-empty name Palette stores, as its exports write them', () => {
    for (const name of ['Edge-Retail', 'edge_retail', 'Edge Retail (Prod)', '-edge', 'edge-', '_____place_holder_____']) {
      const p = clone(PROFILE);
      p.metadata.name = name;
      assertValid(ID.profile, p);
    }
    const empty = clone(PROFILE);
    empty.metadata.name = '';
    assertError(ID.profile, empty, '/metadata/name', 'minLength');
  });

  it("takes the cloud types of Palette's API (swagger v1CloudType)", () => {
    for (const cloudType of ['nested', 'apache-cloudstack', 'edge', 'edge-native', 'generic', 'all']) {
      const p: Json = clone(PROFILE);
      ((p.spec as Json).template as Json).cloudType = cloudType;
      assertValid(ID.profile, p);
    }
  });

  it('flags unknown fields on closed objects but allows exported extras', () => {
    const p: Json = clone(PROFILE);
    (((p.spec as Json).template as Json).packs as Json[])[0].tags = ['x'];
    assertError(ID.profile, p, '/spec/template/packs/0', 'additionalProperties', { additionalProperty: 'tags' });
    const q: Json = clone(PROFILE);
    q.kind = 'ClusterProfile';
    assertError(ID.profile, q, '', 'additionalProperties', { additionalProperty: 'kind' });
    const m = clone(PROFILE);
    (m.spec.template.packs[4].manifests as Json[])[0].contents = 'typo';
    assertError(ID.profile, m, '/spec/template/packs/4/manifests/0', 'additionalProperties', { additionalProperty: 'contents' });
  });

  it('checks variables: name, format, readonly, required hidden default', () => {
    const bad = clone(PROFILE);
    (bad.spec.variables[0] as Json).name = 'site-id';
    assertError(ID.profile, bad, '/spec/variables/0/name', 'pattern');
    const fmt = clone(PROFILE);
    (fmt.spec.variables[0] as Json).format = 'ip';
    assertError(ID.profile, fmt, '/spec/variables/0/format', 'enum');
    const ro = clone(PROFILE);
    (ro.spec.variables[0] as Json).readonly = true;
    assertError(ID.profile, ro, '/spec/variables/0/readonly', 'not');
    const hidden = clone(PROFILE);
    (hidden.spec.variables[0] as Json).hidden = true;
    assertError(ID.profile, hidden, '/spec/variables/0', 'required', { missingProperty: 'defaultValue' });
    (hidden.spec.variables[0] as Json).defaultValue = '042';
    assertValid(ID.profile, hidden);
    const num = clone(PROFILE);
    (num.spec.variables[0] as Json).defaultValue = 3;
    assertError(ID.profile, num, '/spec/variables/0/defaultValue', 'type');
  });

  it('requires the values of a layer to be a string (a YAML document in a string)', () => {
    const p: Json = clone(PROFILE);
    (((p.spec as Json).template as Json).packs as Json[])[0].values = { options: {} };
    assertError(ID.profile, p, '/spec/template/packs/0/values', 'type');
  });
});

describe('values/edge-os.schema.json', () => {
  it('accepts the dotted spelling of options.system.* (as CanvOS prints it)', () => {
    assertValid(ID.edgeOs, OS_VALUES_DOTTED);
  });

  it('accepts the nested spelling of options.system.*', () => {
    assertValid(ID.edgeOs, OS_VALUES_NESTED);
  });

  it('accepts an empty values file', () => {
    assertValid(ID.edgeOs, null);
    assertValid(ID.edgeOs, {});
  });

  it('flags an unknown Kairos stage such as bootz', () => {
    const v = clone(OS_VALUES_DOTTED) as Json;
    (v.stages as Json).bootz = [{ commands: ['true'] }];
    assertError(ID.edgeOs, v, '/stages', 'additionalProperties', { additionalProperty: 'bootz' });
  });

  it('accepts <stage>.before / <stage>.after hooks and rejects other suffixes', () => {
    const v = clone(OS_VALUES_DOTTED) as Json;
    (v.stages as Json)['boot.before'] = [{ commands: ['true'] }];
    (v.stages as Json)['reconcile.after'] = [{ commands: ['true'] }];
    assertValid(ID.edgeOs, v);
    (v.stages as Json)['network.during'] = [];
    assertError(ID.edgeOs, v, '/stages', 'additionalProperties', { additionalProperty: 'network.during' });
  });

  it('checks k8sDistribution, allowing a macro', () => {
    const v = clone(OS_VALUES_DOTTED) as Json;
    (v.options as Json)['system.k8sDistribution'] = 'k3';
    assertError(ID.edgeOs, v, '/options/system.k8sDistribution');
    (v.options as Json)['system.k8sDistribution'] = "{{ .spectro.var.distro }}";
    assertValid(ID.edgeOs, v);
    const n = clone(OS_VALUES_NESTED);
    (n.options.system as Json).k8sDistribution = 'microk8s';
    assertError(ID.edgeOs, n, '/options/system/k8sDistribution');
  });

  it('flags misspelt options.system keys in both spellings, and system.* outside options', () => {
    const v = clone(OS_VALUES_DOTTED) as Json;
    (v.options as Json)['system.url'] = 'x';
    assertError(ID.edgeOs, v, '/options/system.url', 'not');
    const n = clone(OS_VALUES_NESTED);
    (n.options.system as Json).url = 'x';
    assertError(ID.edgeOs, n, '/options/system', 'additionalProperties', { additionalProperty: 'url' });
    assertError(ID.edgeOs, { 'system.uri': 'x' }, '/system.uri', 'not');
    // The rule without lookahead: every documented key passes (OS_VALUES_DOTTED has them all), a prefix or extension of one does not.
    assertValid(ID.edgeOs, OS_VALUES_DOTTED);
    for (const key of ['uri', 'registry', 'repo', 'k8sDistribution', 'osName', 'peVersion', 'customTag', 'osVersion']) {
      for (const wrong of [key.slice(0, -1), `${key}s`, `${key}.x`, key.toUpperCase()]) {
        const bad = clone(OS_VALUES_DOTTED) as Json;
        (bad.options as Json)[`system.${wrong}`] = 'x';
        assertError(ID.edgeOs, bad, `/options/system.${wrong}`, 'not');
      }
    }
  });

  it('checks the shape of Kairos steps', () => {
    const v = clone(OS_VALUES_DOTTED) as Json;
    ((v.stages as Json).boot as Json[])[0].commands = 'modprobe rbd';
    assertError(ID.edgeOs, v, '/stages/boot/0/commands', 'type');
    const f = clone(OS_VALUES_DOTTED) as Json;
    (((f.stages as Json).reconcile as Json[])[0].files as Json[])[0] = { content: 'no path' };
    assertError(ID.edgeOs, f, '/stages/reconcile/0/files/0', 'required', { missingProperty: 'path' });
    const open = clone(OS_VALUES_DOTTED) as Json;
    ((open.stages as Json).boot as Json[])[0].unpack_images = [{ source: 'x', target: '/y' }];
    assertValid(ID.edgeOs, open);
  });
});

describe('values/edge-k8s.schema.json', () => {
  it('accepts PXK-E (config as a string), K3s and RKE2 (config as an object) values', () => {
    assertValid(ID.edgeK8s, {
      cluster: { config: 'clusterConfiguration:\n  apiServer:\n    extraArgs: {}\n' },
      stages: { initramfs: [{ sysctl: { 'vm.overcommit_memory': 1, 'kernel.panic': 10 } }] },
      pack: { k8sHardening: true, podCIDR: '192.168.0.0/16', serviceClusterIpRange: '10.96.0.0/12', palette: { config: { oidc: { identityProvider: 'noauth' } } } },
      clientConfig: { 'oidc-issuer-url': 'https://login.example.com' },
    });
    assertValid(ID.edgeK8s, {
      cluster: { config: { profile: 'cis', 'cluster-cidr': '192.170.0.0/16', 'kube-apiserver-arg': ['profiling=false'], 'etcd-snapshot-retention': 5 } },
      pack: { k8sHardening: '{{ .spectro.var.hardening }}' },
      somethingNew: { a: 1 },
    });
  });

  it('shares the stage rules: an unknown stage is flagged', () => {
    assertError(ID.edgeK8s, { stages: { bootz: [] } }, '/stages', 'additionalProperties', { additionalProperty: 'bootz' });
  });

  it('checks types of the known keys', () => {
    assertError(ID.edgeK8s, { pack: { k8sHardening: 'yes' } }, '/pack/k8sHardening');
    assertError(ID.edgeK8s, { cluster: 'x' }, '/cluster', 'type');
  });
});

describe('pack.schema.json', () => {
  it('accepts a complete pack.json', () => {
    assertValid(ID.pack, PACK_JSON);
  });

  it('rejects a pack.json missing a required field', () => {
    for (const field of ['name', 'displayName', 'version', 'layer']) {
      const p: Json = clone(PACK_JSON);
      delete p[field];
      assertError(ID.pack, p, '', 'required', { missingProperty: field });
    }
    const empty = { ...clone(PACK_JSON), version: '' };
    assertError(ID.pack, empty, '/version', 'minLength');
  });

  it('checks layers, cloud types and constraints', () => {
    assertError(ID.pack, { ...clone(PACK_JSON), layer: 'addons' }, '/layer', 'enum');
    assertError(ID.pack, { ...clone(PACK_JSON), cloudTypes: ['aws', 'amazon'] }, '/cloudTypes/1', 'enum');
    const d: Json = clone(PACK_JSON);
    delete (((d.constraints as Json).dependencies as Json[])[0] as Json).type;
    assertError(ID.pack, d, '/constraints/dependencies/0', 'required', { missingProperty: 'type' });
    const r: Json = clone(PACK_JSON);
    (((r.constraints as Json).resources as Json[])[0] as Json).type = 'gpu';
    assertError(ID.pack, r, '/constraints/resources/0/type', 'enum');
  });
});

describe('pack-constraints.schema.json', () => {
  it('accepts constraint templates on dotted paths, including $[]', () => {
    assertValid(ID.constraints, {
      'charts.akuity-agent.akuityApiKeySecret': { schema: '{{ format "${password}" }}' },
      'manifests.app.replicas': { schema: '{{ required | format "${number:[1-10]}" }}' },
      'manifests.app.origins.$[]': { schema: '{{ format "${string:/^https?:\\/\\/.+$/}" | hints "a" "b" }}' },
      'manifests.app.namespace': { schema: '{{ required | readonly }}' },
    });
    assertValid(ID.constraints, null);
  });

  it('rejects a template without braces, a missing schema and unknown entry keys', () => {
    assertError(ID.constraints, { 'a.b': { schema: 'required | readonly' } }, '/a.b/schema', 'pattern');
    assertError(ID.constraints, { 'a.b': { schema: '{{ required }' } }, '/a.b/schema', 'pattern');
    assertError(ID.constraints, { 'a.b': {} }, '/a.b', 'required', { missingProperty: 'schema' });
    assertError(ID.constraints, { 'a.b': { schema: '{{ required }}', hint: 'x' } }, '/a.b', 'additionalProperties');
    assertError(ID.constraints, { 'a.b': '{{ required }}' }, '/a.b', 'type');
  });
});

describe('presets.schema.json', () => {
  it('accepts presets', () => {
    assertValid(ID.presets, {
      presets: [
        { name: 'disable-api', displayName: 'UI only', group: 'Backend', remove: ['manifests.app.dbPassword'], add: 'manifests:\n  app:\n    apiEnabled: false\n' },
        { name: 'enable-api', displayName: 'UI with API', group: 'Backend', remove: [], add: '' },
      ],
    });
  });

  it('rejects a preset without a group, a non-list remove and unknown keys', () => {
    assertError(ID.presets, { presets: [{ name: 'a', displayName: 'A' }] }, '/presets/0', 'required', { missingProperty: 'group' });
    assertError(ID.presets, { presets: [{ name: 'a', displayName: 'A', group: 'G', remove: 'x.y' }] }, '/presets/0/remove', 'type');
    assertError(ID.presets, { presets: [{ name: 'a', displayName: 'A', group: 'G', add: { a: 1 } }] }, '/presets/0/add', 'type');
    assertError(ID.presets, { presets: [{ name: 'a', displayName: 'A', group: 'G', adds: '' }] }, '/presets/0', 'additionalProperties');
  });
});

// ---------------------------------------------------------------------------------------------
// The examples folder (written separately): every file must fit its schema.

const EXAMPLES = path.join(ROOT, 'examples');
const EDGE_OS_PACKS = new Set(['edge-native-byoi']);
const EDGE_K8S_PACKS = new Set(['edge-k8s', 'edge-k3s', 'edge-rke2']);

function exampleFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) found.push(...exampleFiles(full));
    else found.push(full);
  }
  return found.sort();
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${(e.params as Json).additionalProperty})` : ''}`).join('; ');
}

describe('examples fit the schemas', () => {
  const files = exampleFiles(EXAMPLES);

  it('every profile in examples/ fits profile.schema.json, and its Edge OS / Kubernetes values fit theirs', function () {
    const profiles = files.filter((f) => /\.ya?ml$/.test(f)).filter((f) => {
      const doc = parse(fs.readFileSync(f, 'utf8')) as unknown;
      return typeof doc === 'object' && doc !== null && 'metadata' in doc && 'spec' in doc;
    });
    if (profiles.length === 0) this.skip();
    const problems: string[] = [];
    for (const file of profiles) {
      const doc = parse(fs.readFileSync(file, 'utf8')) as Json;
      const rel = path.relative(ROOT, file);
      const errors = errorsOf(ID.profile, doc);
      if (errors.length) problems.push(`${rel}: ${describeErrors(errors)}`);
      const packs = (((doc.spec as Json | undefined)?.template as Json | undefined)?.packs ?? []) as Json[];
      for (const [i, p] of packs.entries()) {
        const id = EDGE_OS_PACKS.has(p.name as string) ? ID.edgeOs : EDGE_K8S_PACKS.has(p.name as string) ? ID.edgeK8s : undefined;
        if (!id || typeof p.values !== 'string') continue;
        const valueErrors = errorsOf(id, parse(p.values));
        if (valueErrors.length) problems.push(`${rel} packs[${i}] ${p.name} values: ${describeErrors(valueErrors)}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every pack.json, schema.yaml and presets.yaml in examples/ fits its schema', function () {
    const checks: Array<[string, string]> = [];
    for (const f of files) {
      const base = path.basename(f);
      if (base === 'pack.json') checks.push([f, ID.pack]);
      else if (base === 'schema.yaml' && fs.existsSync(path.join(path.dirname(f), 'pack.json'))) checks.push([f, ID.constraints]);
      else if (base === 'presets.yaml') checks.push([f, ID.presets]);
    }
    if (checks.length === 0) this.skip();
    const problems: string[] = [];
    for (const [file, id] of checks) {
      const text = fs.readFileSync(file, 'utf8');
      const data = file.endsWith('.json') ? (JSON.parse(text) as unknown) : (parse(text) as unknown);
      const errors = errorsOf(id, data);
      if (errors.length) problems.push(`${path.relative(ROOT, file)}: ${describeErrors(errors)}`);
    }
    assert.deepEqual(problems, []);
  });
});
