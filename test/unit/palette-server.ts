// An in-memory Palette for the API backend's tests: serves the endpoints the backend uses, checks every request against the published spec.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv, { type ValidateFunction } from 'ajv';
import spec from './palette-api-subset.json';

type Obj = Record<string, unknown>;

export interface FakePack {
  name: string;
  layer: string;
  tag?: string;
  type?: string;
  values?: string;
  registryUid?: string;
  manifests?: { name: string; content: string; uid: string }[];
}

export interface FakeTemplate {
  cloudType?: string;
  type?: string;
  packs: FakePack[];
}

export interface FakeProfile {
  uid: string;
  name: string;
  version: string;
  published?: FakeTemplate;
  draft?: FakeTemplate;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  variables: Obj[];
  /** Bumped on each publish; a cluster that applied an older one has updates pending. */
  revision: number;
  modified: string;
}

interface Attached {
  uid: string;
  revision: number;
  packs: FakePack[];
  overrides: Record<string, string>;
  variables: Record<string, string>;
}

export interface FakeCluster {
  uid: string;
  name: string;
  cloudType: string;
  state: string;
  labels: Record<string, string>;
  profiles: Attached[];
  repave?: { state: 'Pending' | 'Approved'; reasons: Obj[] };
}

/** A fault to inject: the next `times` matching requests (default 1) answer with `status`, or after `delayMs`. */
export interface Fault {
  method?: string;
  path: RegExp;
  status?: number;
  retryAfter?: string;
  delayMs?: number;
  times?: number;
  message?: string;
}

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
}

interface Operation {
  template: string;
  regex: RegExp;
  names: string[];
  methods: Record<string, Obj>;
  pathParams: Obj[];
}

interface Request {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: any;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

// Swagger objects allow unknown fields; the fake does not, so a misspelt field in a body is a violation.
function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (!node || typeof node !== 'object') return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node as Obj)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Obj).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'palette', definitions: strict((spec as Obj).definitions) as Obj });
const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: Obj): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    // Inline schemas (arrays of $refs) point into the shared definitions by the `palette` id.
    v = ajv.compile(JSON.parse(key.replace(/"#\/definitions\//g, '"palette#/definitions/')) as Obj);
    validators.set(key, v);
  }
  return v;
}

const operations: Operation[] = Object.entries((spec as { paths: Record<string, Obj> }).paths)
  .map(([template, item]) => {
    const names: string[] = [];
    const source = template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'));
    const { parameters, ...methods } = item as { parameters?: Obj[] } & Record<string, Obj>;
    return { template, regex: new RegExp(`^${source}$`), names, methods, pathParams: parameters ?? [] };
  })
  // Literal paths before templated ones: validate/name is not a profile uid.
  .sort((a, b) => a.names.length - b.names.length);

let counter = 0;
const newUid = (prefix: string) => `${prefix}${(++counter).toString(16).padStart(8, '0')}`;
const now = () => new Date().toISOString();
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const error = (status: number, code: string, message: string): Reply => ({ status, body: { code, message } });

export class FakePalette {
  apiKey = 'pk-test-SECRET-7f3a9c';
  /** When set, every request must carry this ProjectUid; when not, none may. */
  projectUid?: string;
  pageSize = 50;
  /** Makes the next apply PATCH leave a pending repave whatever changed. */
  repaveOnApply = false;
  readonly calls: Call[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  readonly profiles = new Map<string, FakeProfile>();
  readonly clusters = new Map<string, FakeCluster>();
  url = '';
  /** Called as each request arrives, before any fault: lets a test cancel a call while it is in flight. */
  onReceive?: (method: string, path: string) => void;
  private server?: Server;

  static async start(options: { projectUid?: string } = {}): Promise<FakePalette> {
    const fake = new FakePalette();
    fake.projectUid = options.projectUid;
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server!.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** `METHOD /path` of each call, ids replaced by the names the test gave them. */
  sequence(names: Record<string, string> = {}): string[] {
    return this.calls.map((c) => `${c.method} ${Object.entries(names).reduce((p, [uid, name]) => p.split(uid).join(name), c.path)}`);
  }

  addProfile(p: { name: string; version: string; template: FakeTemplate; labels?: Record<string, string>; description?: string; variables?: Obj[] }): FakeProfile {
    const profile: FakeProfile = {
      uid: newUid('cp'),
      name: p.name,
      version: p.version,
      published: copy(p.template),
      annotations: p.description ? { description: p.description } : {},
      labels: p.labels ?? {},
      variables: p.variables ?? [],
      revision: 1,
      modified: now(),
    };
    for (const pack of profile.published!.packs) for (const m of pack.manifests ?? []) m.uid ||= newUid('mf');
    this.profiles.set(profile.uid, profile);
    return profile;
  }

  addCluster(c: { name: string; profile: FakeProfile; state?: string; labels?: Record<string, string>; overrides?: Record<string, string>; variables?: Record<string, string> }): FakeCluster {
    const cluster: FakeCluster = {
      uid: newUid('sc'),
      name: c.name,
      cloudType: c.profile.published?.cloudType ?? 'edge-native',
      state: c.state ?? 'Running',
      labels: c.labels ?? {},
      profiles: [{ uid: c.profile.uid, revision: c.profile.revision, packs: copy(c.profile.published!.packs), overrides: { ...c.overrides }, variables: { ...c.variables } }],
    };
    this.clusters.set(cluster.uid, cluster);
    return cluster;
  }

  clusterNamed(name: string): FakeCluster {
    const found = [...this.clusters.values()].find((c) => c.name === name);
    if (!found) throw new Error(`no cluster ${name}`);
    return found;
  }

  profileNamed(name: string, version: string): FakeProfile | undefined {
    return [...this.profiles.values()].find((p) => p.name === name && p.version === version);
  }

  private violation(req: Request, text: string): void {
    this.violations.push(`${req.method} ${req.path}: ${text}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const request: Request = { method: req.method ?? 'GET', path: url.pathname, params: {}, query: Object.fromEntries(url.searchParams), body: undefined };
    this.onReceive?.(request.method, request.path);
    const reply = await this.route(req, res, request, raw);
    this.calls.push({ method: request.method, path: request.path, query: request.query, body: request.body, status: reply.status });
    if (res.destroyed) return;
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...(text ? { 'Content-Type': 'application/json' } : {}), ...reply.headers });
    res.end(text);
  }

  private async route(req: IncomingMessage, res: ServerResponse, request: Request, raw: string): Promise<Reply> {
    const op = operations.find((o) => o.regex.test(request.path));
    if (!op) return this.violation(request, 'no such path in the spec'), error(404, 'NotFound', 'no such path');
    const operation = op.methods[request.method.toLowerCase()];
    if (!operation) return this.violation(request, `method not in the spec for ${op.template}`), error(405, 'MethodNotAllowed', 'method');
    const match = op.regex.exec(request.path)!;
    op.names.forEach((name, i) => (request.params[name] = decodeURIComponent(match[i + 1])));
    const params = [...op.pathParams, ...((operation.parameters as Obj[] | undefined) ?? [])];
    this.checkHeaders(req, request);
    this.checkQuery(request, params);
    this.checkBody(req, request, params, raw);
    const fault = this.faults.find((f) => (f.times ?? 0) > 0 && (!f.method || f.method === request.method) && f.path.test(request.path));
    if (fault) {
      fault.times!--;
      // A slow answer; it ends early when the client gives up, so no timer outlives the test.
      if (fault.delayMs) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, fault.delayMs);
          res.once('close', () => (clearTimeout(timer), resolve()));
        });
      }
      if (fault.status) return { status: fault.status, body: { code: 'Injected', message: fault.message ?? `injected ${fault.status}` }, headers: fault.retryAfter ? { 'Retry-After': fault.retryAfter } : undefined };
    }
    if (req.headers.apikey !== this.apiKey) return error(401, 'Unauthorized', `Invalid API key '${String(req.headers.apikey)}'`);
    const handler = this.handlers[`${request.method} ${op.template}`];
    if (!handler) return this.violation(request, 'not implemented by the test server'), error(501, 'NotImplemented', op.template);
    const reply = handler(request);
    const schema = ((operation.responses as Obj)[String(reply.status)] as Obj | undefined)?.schema as Obj | undefined;
    if (reply.status < 300 && schema) {
      const validate = validatorFor(schema);
      if (!validate(reply.body)) this.violation(request, `the fake's own response breaks the spec: ${ajv.errorsText(validate.errors)}`);
    }
    return reply;
  }

  private checkHeaders(req: IncomingMessage, request: Request): void {
    if (!req.headers.apikey) this.violation(request, 'no ApiKey header');
    const project = req.headers.projectuid;
    if (this.projectUid && project !== this.projectUid) this.violation(request, `ProjectUid header ${String(project)}, expected ${this.projectUid}`);
    if (!this.projectUid && project) this.violation(request, 'a ProjectUid header in a tenant-scoped test');
  }

  private checkQuery(request: Request, params: Obj[]): void {
    for (const [name, value] of Object.entries(request.query)) {
      const param = params.find((p) => p.in === 'query' && p.name === name);
      if (!param) {
        this.violation(request, `query parameter ${name} is not in the spec`);
        continue;
      }
      if (param.type === 'boolean' && value !== 'true' && value !== 'false') this.violation(request, `query ${name}=${value} is not a boolean`);
      if (param.type === 'integer' && !/^\d+$/.test(value)) this.violation(request, `query ${name}=${value} is not an integer`);
      if (typeof param.maximum === 'number' && Number(value) > param.maximum) this.violation(request, `query ${name}=${value} exceeds ${param.maximum}`);
      if (Array.isArray(param.enum) && !param.enum.includes(value)) this.violation(request, `query ${name}=${value} is not one of ${param.enum.join(', ')}`);
    }
  }

  private checkBody(req: IncomingMessage, request: Request, params: Obj[], raw: string): void {
    const param = params.find((p) => p.in === 'body');
    if (!param) {
      if (raw) this.violation(request, 'a body where the spec has none');
      return;
    }
    if (!raw) return this.violation(request, 'no body');
    if (!String(req.headers['content-type']).startsWith('application/json')) this.violation(request, `Content-Type ${String(req.headers['content-type'])}`);
    try {
      request.body = JSON.parse(raw);
    } catch {
      return this.violation(request, 'the body is not JSON');
    }
    const validate = validatorFor(param.schema as Obj);
    if (!validate(request.body)) this.violation(request, `body breaks ${JSON.stringify(param.schema)}: ${ajv.errorsText(validate.errors)}`);
  }

  // ---- the endpoints -------------------------------------------------------------------------

  private page<T>(request: Request, items: T[]): Reply {
    const offset = request.query.continue ? Number(request.query.continue.replace(/^c-/, '')) : 0;
    const size = Math.min(Number(request.query.limit ?? 50), this.pageSize);
    const next = offset + size;
    return { status: 200, body: { items: items.slice(offset, next), listmeta: { count: items.length, limit: size, offset, ...(next < items.length ? { continue: `c-${next}` } : {}) } } };
  }

  private profile(request: Request): FakeProfile | undefined {
    return this.profiles.get(request.params.uid);
  }

  private template(p: FakeProfile, t: FakeTemplate, packs = t.packs): Obj {
    return {
      cloudType: t.cloudType,
      name: p.name,
      type: t.type,
      uid: p.uid,
      profileVersion: p.version,
      packs: packs.map((k) => ({
        name: k.name,
        layer: k.layer,
        ...(k.tag ? { tag: k.tag } : {}),
        ...(k.type ? { type: k.type } : {}),
        values: k.values ?? '',
        ...(k.registryUid ? { registryUid: k.registryUid } : {}),
        ...(k.manifests?.length ? { manifests: k.manifests.map((m) => ({ name: m.name, uid: m.uid, kind: 'manifest' })) } : {}),
      })),
    };
  }

  private meta(p: FakeProfile): Obj {
    return { name: p.name, uid: p.uid, annotations: p.annotations, labels: p.labels, lastModifiedTimestamp: p.modified };
  }

  private versions(name: string): Obj[] {
    return [...this.profiles.values()].filter((p) => p.name === name).map((p) => ({ uid: p.uid, version: p.version }));
  }

  private packsFrom(body: Obj[] | undefined, previous?: FakePack[]): FakePack[] {
    return (body ?? []).map((k: any) => ({
      name: k.name,
      layer: k.layer ?? previous?.find((p) => p.name === k.name)?.layer ?? 'addon',
      tag: k.tag,
      type: k.type,
      values: k.values,
      registryUid: k.registryUid,
      manifests: (k.manifests ?? []).map((m: any) => ({ name: m.name, content: m.content ?? '', uid: m.uid ?? newUid('mf') })),
    }));
  }

  private taken(name: string, version: string): boolean {
    return [...this.profiles.values()].some((p) => p.name === name && p.version === version);
  }

  private attachedValues(a: Attached): FakePack[] {
    return a.packs.map((k) => ({ ...k, values: a.overrides[k.name] ?? k.values }));
  }

  /** Repaves when an OS or Kubernetes pack's tag or values change, as Palette does for Edge. */
  private repaveReasons(before: FakePack[], after: FakePack[]): Obj[] {
    const reasons: Obj[] = [];
    for (const target of after.filter((k) => k.layer === 'os' || k.layer === 'k8s')) {
      const current = before.find((k) => k.layer === target.layer);
      if (current && current.tag === target.tag && current.values === target.values) continue;
      const ref = (k: FakePack) => ({ name: k.name, layer: k.layer, tag: k.tag, values: k.values });
      reasons.push({ code: 'PackChanged', message: `${target.layer} layer changes repave the nodes`, pack: { ...(current ? { current: ref(current) } : {}), target: ref(target), diffConfigKeys: [] } });
    }
    return reasons;
  }

  /** What a profiles entity would make of the cluster, without changing it. */
  private planEntity(cluster: FakeCluster, entity: any, resolve: boolean): { attached?: Attached; index: number; error?: Reply } {
    const profile = this.profiles.get(entity.uid);
    if (!profile?.published) return { index: -1, error: error(404, 'ClusterProfileNotFound', `cluster profile ${entity.uid} not found`) };
    let index = cluster.profiles.findIndex((a) => a.uid === (entity.replaceWithProfile ?? entity.uid));
    if (entity.replaceWithProfile && index < 0) return { index, error: error(400, 'InvalidProfile', `${entity.replaceWithProfile} is not attached`) };
    const old = index >= 0 ? cluster.profiles[index] : undefined;
    const fresh = !old || old.uid !== entity.uid || resolve;
    const attached: Attached = fresh
      ? { uid: profile.uid, revision: profile.revision, packs: copy(profile.published.packs), overrides: old && old.uid === entity.uid ? { ...old.overrides } : {}, variables: { ...old?.variables } }
      : copy(old!);
    for (const pv of entity.packValues ?? []) {
      const pack = attached.packs.find((k) => k.name === pv.name);
      if (!pack) return { index, error: error(400, 'InvalidPack', `pack ${pv.name} is not in ${profile.name}`) };
      if (pv.values === undefined || pv.values === pack.values) delete attached.overrides[pv.name];
      else attached.overrides[pv.name] = pv.values;
    }
    for (const v of entity.variables ?? []) attached.variables[v.name] = v.value ?? '';
    if (index < 0) index = cluster.profiles.length;
    return { attached, index };
  }

  private cluster(request: Request): FakeCluster | undefined {
    return this.clusters.get(request.params.uid);
  }

  private readonly handlers: Record<string, (r: Request) => Reply> = {
    'POST /v1/dashboard/clusterprofiles': (r) => {
      const eq = r.body?.filter?.profileName?.eq as string | undefined;
      const items = [...this.profiles.values()]
        .filter((p) => eq === undefined || p.name === eq)
        .map((p) => ({ metadata: this.meta(p), specSummary: { version: p.version, versions: this.versions(p.name), published: { cloudType: (p.published ?? p.draft)?.cloudType, type: (p.published ?? p.draft)?.type } }, status: { isPublished: !!p.published } }));
      return this.page(r, items);
    },
    'GET /v1/clusterprofiles/validate/name': (r) => {
      if (!r.query.name) return error(400, 'InvalidName', 'name is required');
      return this.taken(r.query.name, r.query.version ?? '') ? error(409, 'ClusterProfileAlreadyExists', `${r.query.name} ${r.query.version} already exists`) : { status: 204 };
    },
    'POST /v1/clusterprofiles': (r) => {
      const { metadata, spec: body } = r.body ?? {};
      if (!metadata?.name || !body?.version) return error(400, 'Invalid', 'name and version are required');
      if (this.taken(metadata.name, body.version)) return error(409, 'ClusterProfileAlreadyExists', 'taken');
      const template = { cloudType: body.template?.cloudType, type: body.template?.type, packs: this.packsFrom(body.template?.packs) };
      const p: FakeProfile = { uid: newUid('cp'), name: metadata.name, version: body.version, annotations: metadata.annotations ?? {}, labels: metadata.labels ?? {}, variables: body.variables ?? [], revision: 0, modified: now() };
      if (r.query.publish === 'true') (p.published = template), (p.revision = 1);
      else p.draft = template;
      this.profiles.set(p.uid, p);
      return { status: 201, body: { uid: p.uid } };
    },
    'GET /v1/clusterprofiles/{uid}': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      const spec: Obj = { version: p.version, versions: this.versions(p.name) };
      if (p.published) spec.published = this.template(p, p.published);
      if (p.draft) spec.draft = this.template(p, p.draft);
      const inUse = [...this.clusters.values()].filter((c) => c.profiles.some((a) => a.uid === p.uid)).map((c) => ({ name: c.name, uid: c.uid }));
      return { status: 200, body: { metadata: this.meta(p), spec, status: { isPublished: !!p.published, inUseClusters: inUse } } };
    },
    'PUT /v1/clusterprofiles/{uid}': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      const { metadata, spec: body } = r.body ?? {};
      if (body?.version && body.version !== p.version) return error(400, 'InvalidVersion', 'a PUT cannot change the version');
      const base = p.draft ?? p.published!;
      p.draft = { cloudType: base.cloudType, type: body?.template?.type ?? base.type, packs: this.packsFrom(body?.template?.packs, base.packs) };
      if (metadata?.annotations) p.annotations = metadata.annotations;
      if (metadata?.labels) p.labels = metadata.labels;
      p.modified = now();
      return { status: 204 };
    },
    'DELETE /v1/clusterprofiles/{uid}': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      if ([...this.clusters.values()].some((c) => c.profiles.some((a) => a.uid === p.uid))) return error(409, 'InUse', 'in use');
      this.profiles.delete(p.uid);
      return { status: 204 };
    },
    'POST /v1/clusterprofiles/{uid}/clone': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      const m = r.body?.metadata ?? {};
      if (this.taken(m.name, m.version ?? p.version)) return error(409, 'ClusterProfileAlreadyExists', 'taken');
      if (this.projectUid && (m.target?.scope !== 'project' || m.target?.projectUid !== this.projectUid)) return error(400, 'InvalidTarget', 'clone target must be the project');
      const clone: FakeProfile = { ...copy(p), uid: newUid('cp'), name: m.name, version: m.version ?? p.version, published: undefined, draft: copy(p.published ?? p.draft), revision: 0, modified: now() };
      this.profiles.set(clone.uid, clone);
      return { status: 201, body: { uid: clone.uid } };
    },
    'PATCH /v1/clusterprofiles/{uid}/publish': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      if (!p.draft) return error(400, 'NothingToPublish', 'no draft');
      p.published = p.draft;
      p.draft = undefined;
      p.revision++;
      return { status: 204 };
    },
    'PATCH /v1/clusterprofiles/{uid}/metadata': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      p.annotations = r.body.metadata.annotations ?? p.annotations;
      p.labels = r.body.metadata.labels ?? p.labels;
      return { status: 204 };
    },
    'GET /v1/clusterprofiles/{uid}/variables': (r) => {
      const p = this.profile(r);
      return p ? { status: 200, body: { variables: p.variables } } : error(404, 'ClusterProfileNotFound', 'not found');
    },
    'PUT /v1/clusterprofiles/{uid}/variables': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      p.variables = r.body.variables ?? [];
      return { status: 204 };
    },
    'GET /v1/clusterprofiles/{uid}/packs/manifests': (r) => {
      const p = this.profile(r);
      if (!p) return error(404, 'ClusterProfileNotFound', 'not found');
      const packs = (p.published ?? p.draft)!.packs.map((k) => ({ metadata: { name: k.name }, spec: { name: k.name, layer: k.layer, manifests: (k.manifests ?? []).map((m) => ({ name: m.name, uid: m.uid, content: m.content })) } }));
      return { status: 200, body: { metadata: { name: p.name, uid: p.uid }, spec: { packs } } };
    },
    'POST /v1/dashboard/spectroclusters/search': (r) =>
      this.page(r, [...this.clusters.values()].map((c) => ({ metadata: { name: c.name, uid: c.uid, labels: c.labels }, status: { state: c.state } }))),
    'GET /v1/spectroclusters/{uid}': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      const templates = c.profiles.map((a) => {
        const p = this.profiles.get(a.uid)!;
        return this.template(p, { ...(p.published ?? p.draft)!, packs: a.packs }, this.attachedValues(a));
      });
      const status: Obj = { state: c.state, ...(c.repave ? { repave: { state: c.repave.state } } : {}) };
      return { status: 200, body: { metadata: { name: c.name, uid: c.uid, labels: c.labels }, spec: { cloudType: c.cloudType, clusterProfileTemplates: templates }, status } };
    },
    'GET /v1/spectroclusters/{uid}/profiles/{profileUid}/packs/{packName}/config': (r) => {
      const a = this.cluster(r)?.profiles.find((x) => x.uid === r.params.profileUid);
      const pack = a?.packs.find((k) => k.name === r.params.packName);
      if (!a || !pack) return error(404, 'PackNotFound', 'not found');
      const overridden = a.overrides[pack.name] !== undefined;
      return { status: 200, body: { items: [{ spec: { name: pack.name, tag: pack.tag, type: pack.type, values: overridden ? a.overrides[pack.name] : (pack.values ?? ''), isValuesOverridden: overridden } }] } };
    },
    'GET /v1/spectroclusters/{uid}/variables': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      return { status: 200, body: c.profiles.map((a) => ({ profileUid: a.uid, variables: Object.entries(a.variables).map(([name, value]) => ({ name, value })) })) };
    },
    'GET /v1/spectroclusters/{uid}/profileUpdates': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      const pending = c.profiles.map((a) => this.profiles.get(a.uid)!).filter((p, i) => p.revision > c.profiles[i].revision);
      return { status: 200, body: { profiles: pending.map((p) => this.template(p, p.published!)) } };
    },
    'PATCH /v1/spectroclusters/{uid}/profiles': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      for (const entity of r.body?.profiles ?? []) {
        const before = c.profiles.find((a) => a.uid === (entity.replaceWithProfile ?? entity.uid));
        const planned = this.planEntity(c, entity, r.query.resolveNotification === 'true');
        if (planned.error) return planned.error;
        c.profiles[planned.index] = planned.attached!;
        const reasons = this.repaveReasons(before ? this.attachedValues(before) : [], this.attachedValues(planned.attached!));
        if (reasons.length || this.repaveOnApply) c.repave = { state: 'Pending', reasons };
      }
      return { status: 204 };
    },
    'POST /v1/spectroclusters/{uid}/validate/repave': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      const reasons: Obj[] = [];
      for (const entity of r.body?.profiles ?? []) {
        const before = c.profiles.find((a) => a.uid === (entity.replaceWithProfile ?? entity.uid));
        const planned = this.planEntity(c, entity, true);
        if (planned.error) return planned.error;
        reasons.push(...this.repaveReasons(before ? this.attachedValues(before) : [], this.attachedValues(planned.attached!)));
      }
      return { status: 200, body: { isRepaveRequired: reasons.length > 0, reasons } };
    },
    'GET /v1/spectroclusters/{uid}/repave/status': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      return { status: 200, body: { metadata: { name: c.name, uid: c.uid }, spec: { spectroClusterUid: c.uid, reasons: c.repave?.reasons ?? [] }, status: c.repave ? { state: c.repave.state } : {} } };
    },
    'PATCH /v1/spectroclusters/{uid}/repave/approve': (r) => {
      const c = this.cluster(r);
      if (!c) return error(404, 'ClusterNotFound', 'not found');
      if (c.repave?.state !== 'Pending') return error(400, 'NoPendingRepave', 'no repave is pending');
      c.repave.state = 'Approved';
      return { status: 204 };
    },
  };
}
