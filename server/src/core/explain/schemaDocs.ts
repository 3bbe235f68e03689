// Looks up what the product's JSON Schemas say about a key path: its description, type, allowed values and default.
import { schemaRoots, type SchemaName } from '../validate/schemas';

type Json = Record<string, unknown>;

export interface SchemaDoc {
  /** Markdown when the schema has it, else the plain description. */
  description?: string;
  types: string[];
  enum?: unknown[];
  default?: unknown;
}

const ids: Record<SchemaName | 'kairos-stages', string> = {
  profile: 'profile.schema.json',
  pack: 'pack.schema.json',
  'pack-constraints': 'pack-constraints.schema.json',
  presets: 'presets.schema.json',
  'edge-os': 'values/edge-os.schema.json',
  'edge-k8s': 'values/edge-k8s.schema.json',
  'kairos-stages': 'values/kairos-stages.schema.json',
};

function rootNamed(name: keyof typeof ids): Json | undefined {
  return schemaRoots.find((r) => String(r.$id).endsWith(`/schemas/${ids[name]}`));
}

/** A subschema with the document its local `$ref`s resolve in. */
interface At {
  node: Json;
  root: Json;
}

const maxCandidates = 32;

/**
 * What the schema says at `path`. With `dotted` (pack values), keys are split at dots and joined
 * again to match (`options` then `system.uri` matches the property `system.uri`), longest first, so
 * nested and dotted spellings find the same words; otherwise keys are literal (labels, pack.json).
 */
export function schemaDocAt(name: keyof typeof ids, path: readonly (string | number)[], dotted = false): SchemaDoc | undefined {
  const root = rootNamed(name);
  if (!root) return undefined;
  // The spelling as written first, so a nested key gets the nested property's words.
  const level = walk(root, path, false) ?? (dotted ? walk(root, path.flatMap((p) => (typeof p === 'string' && p.includes('.') ? p.split('.') : [p])), true) : undefined);
  return level && docOf(level);
}

function walk(root: Json, segs: readonly (string | number)[], dotted: boolean): At[] | undefined {
  let level: At[] = [{ node: root, root }];
  let i = 0;
  while (i < segs.length) {
    let next: At[] = [];
    let used = 1;
    const seg = segs[i];
    if (typeof seg === 'number') next = level.flatMap((at) => expand(at)).flatMap((at) => itemOf(at, seg));
    else {
      // Longest join first: `system.uri` as one property beats `system` then `uri`.
      for (let n = dotted ? segs.length - i : 1; n >= 1 && next.length === 0; n--) {
        const parts = segs.slice(i, i + n);
        if (parts.some((p) => typeof p === 'number')) continue;
        next = level.flatMap((at) => expand(at)).flatMap((at) => propertyOf(at, parts.join('.'), n === 1));
        used = n;
      }
    }
    if (next.length === 0) return undefined;
    level = next.slice(0, maxCandidates);
    i += used;
  }
  return level;
}

function docOf(level: At[]): SchemaDoc {
  const doc: SchemaDoc = { types: [] };
  // The wrapper's own words (`rootfs: {$ref: stepList, description}`) come before its target's.
  for (const at of level.flatMap((a) => [a, ...expand(a)])) {
    const n = at.node;
    doc.description ??= text(n.markdownDescription) ?? text(n.description);
    if (Array.isArray(n.enum)) doc.enum ??= n.enum;
    if (n.const !== undefined) doc.enum ??= [n.const];
    if (n.default !== undefined) doc.default ??= n.default;
    for (const t of Array.isArray(n.type) ? n.type : typeof n.type === 'string' ? [n.type] : []) if (!doc.types.includes(String(t))) doc.types.push(String(t));
  }
  return doc;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The subschema itself, its `$ref` target and every branch of allOf/anyOf/oneOf/then/else, depth first. */
function expand(at: At, depth = 0): At[] {
  if (depth > 8) return [];
  const out: At[] = [at];
  const ref = at.node.$ref;
  if (typeof ref === 'string') {
    const target = resolve(ref, at.root);
    if (target) out.push(...expand(target, depth + 1));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = at.node[key];
    if (Array.isArray(list)) for (const s of list) if (isJson(s)) out.push(...expand({ node: s, root: at.root }, depth + 1));
  }
  for (const key of ['then', 'else']) {
    const s = at.node[key];
    if (isJson(s)) out.push(...expand({ node: s, root: at.root }, depth + 1));
  }
  return out;
}

function resolve(ref: string, root: Json): At | undefined {
  const hash = ref.indexOf('#');
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const doc = base ? schemaRoots.find((r) => r.$id === base) : root;
  if (!doc) return undefined;
  let node: unknown = doc;
  for (const part of (hash < 0 ? '' : ref.slice(hash + 1)).split('/').filter(Boolean)) {
    node = isJson(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isJson(node) ? { node, root: doc } : undefined;
}

function propertyOf(at: At, key: string, fallback: boolean): At[] {
  const n = at.node;
  const out: At[] = [];
  const props = n.properties;
  if (isJson(props) && isJson(props[key])) out.push({ node: props[key], root: at.root });
  const patterns = n.patternProperties;
  if (isJson(patterns)) {
    for (const [pattern, s] of Object.entries(patterns)) {
      if (isJson(s) && matches(pattern, key)) out.push({ node: s, root: at.root });
    }
  }
  // additionalProperties describes any single key, never a join of several.
  if (out.length === 0 && fallback && isJson(n.additionalProperties)) out.push({ node: n.additionalProperties, root: at.root });
  return out;
}

function itemOf(at: At, index: number): At[] {
  const n = at.node;
  if (Array.isArray(n.prefixItems) && isJson(n.prefixItems[index])) return [{ node: n.prefixItems[index] as Json, root: at.root }];
  return isJson(n.items) ? [{ node: n.items, root: at.root }] : [];
}

const patternCache = new Map<string, RegExp | null>();

function matches(pattern: string, key: string): boolean {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re?.test(key) ?? false;
}

function isJson(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
