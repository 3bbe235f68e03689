// Walks the product's JSON Schemas along a YAML path: the subschemas that apply there, their keys, values and words.
import { schemaRoots } from './schemas';
import { re2RegExp, type LinearRegExp } from './ajvRegExp';

/** A mapping key or a sequence index. */
export type Segment = string | number;

type Json = Record<string, unknown>;

/** A subschema and the document its `#/...` references resolve in. */
export interface SchemaAt {
  schema: Json;
  root: Json;
}

export interface SchemaKey {
  name: string;
  /** Every subschema the key's value must match, references resolved. */
  schemas: SchemaAt[];
}

export interface SchemaValue {
  value: string;
  /** `default` of the schema that allows it. */
  isDefault: boolean;
}

const maxExpand = 64;

/** The root of one of the product's schemas by the file name its `$id` ends with (`profile`, `values/edge-os`). */
export function schemaRoot(name: string): SchemaAt | undefined {
  const root = schemaRoots.find((r) => typeof r.$id === 'string' && r.$id.endsWith(`/${name}.schema.json`));
  return root ? { schema: root, root } : undefined;
}

/** The subschemas that apply at `path` under `start`; empty when the path leaves what the schema describes. */
export function schemasAt(start: SchemaAt, path: readonly Segment[]): SchemaAt[] {
  let current = expand([start]);
  for (const segment of path) {
    current = stepSchemas(current, segment);
    if (current.length === 0) break;
  }
  return current;
}

export interface StepOptions {
  /** Let `additionalProperties` describe the key (not for a key joined from several written ones). */
  additional?: boolean;
  /** Follow a dotted key part by part when no property names it whole (`a.b: x` is `a: {b: x}`). */
  splitDots?: boolean;
}

/** One step down from subschemas already expanded (as `schemasAt` returns them), expanded again. */
export function stepSchemas(schemas: readonly SchemaAt[], segment: Segment, options: StepOptions = {}): SchemaAt[] {
  return expand(childOf(schemas, segment, { additional: options.additional ?? true, splitDots: options.splitDots ?? true }));
}

/** Keys the schemas name at this level, excluding forbidden ones; the first schema's order wins. */
export function keysOf(schemas: readonly SchemaAt[]): SchemaKey[] {
  const byName = new Map<string, SchemaKey>();
  for (const s of schemas) {
    const properties = s.schema.properties;
    if (!isObject(properties)) continue;
    for (const [name, sub] of Object.entries(properties)) {
      if (forbids(sub)) continue;
      const key = byName.get(name) ?? { name, schemas: [] };
      key.schemas.push(...expand([{ schema: sub as Json, root: s.root }]));
      byName.set(name, key);
    }
  }
  return [...byName.values()];
}

/** Values the schemas list for a scalar: enum members, consts, booleans. */
export function valuesOf(schemas: readonly SchemaAt[]): SchemaValue[] {
  const out = new Map<string, SchemaValue>();
  const add = (v: unknown, isDefault: boolean) => {
    if (v === null || typeof v === 'object') return;
    const value = String(v);
    const known = out.get(value);
    if (!known || (isDefault && !known.isDefault)) out.set(value, { value, isDefault });
  };
  const defaults = new Set(schemas.map((s) => s.schema.default).filter((d) => d !== undefined).map(String));
  for (const s of schemas) {
    if (Array.isArray(s.schema.enum)) for (const v of s.schema.enum) add(v, defaults.has(String(v)));
    if ('const' in s.schema) add(s.schema.const, false);
    if (typesOf([s]).has('boolean')) for (const v of [true, false]) add(v, defaults.has(String(v)));
  }
  return [...out.values()];
}

export function typesOf(schemas: readonly SchemaAt[]): Set<string> {
  const types = new Set<string>();
  for (const s of schemas) {
    const t = s.schema.type;
    for (const name of Array.isArray(t) ? t : typeof t === 'string' ? [t] : []) types.add(String(name));
    if (!t && isObject(s.schema.properties)) types.add('object');
    if (!t && (isObject(s.schema.items) || Array.isArray(s.schema.enum))) types.add(isObject(s.schema.items) ? 'array' : 'string');
  }
  return types;
}

/** The first description found, markdown preferred. */
export function descriptionOf(schemas: readonly SchemaAt[]): string | undefined {
  for (const s of schemas) {
    const text = s.schema.markdownDescription ?? s.schema.description;
    if (typeof text === 'string' && text) return text;
  }
  return undefined;
}

/** Whether a key's value is written on the lines below it: a mapping or a list rather than a scalar. */
export function shapeOf(schemas: readonly SchemaAt[]): 'object' | 'array' | 'scalar' {
  const types = typesOf(schemas);
  if (types.has('object')) return 'object';
  if (types.has('array')) return 'array';
  return 'scalar';
}

function childOf(schemas: readonly SchemaAt[], segment: Segment, options: Required<StepOptions>): SchemaAt[] {
  const out: SchemaAt[] = [];
  for (const s of schemas) {
    const schema = s.schema;
    if (typeof segment === 'number') {
      if (Array.isArray(schema.prefixItems) && isObject(schema.prefixItems[segment])) out.push({ schema: schema.prefixItems[segment] as Json, root: s.root });
      else if (isObject(schema.items)) out.push({ schema: schema.items, root: s.root });
      continue;
    }
    const properties = schema.properties;
    if (isObject(properties) && Object.hasOwn(properties, segment)) {
      if (!forbids(properties[segment])) out.push({ schema: properties[segment] as Json, root: s.root });
      continue;
    }
    let matched = false;
    if (isObject(schema.patternProperties)) {
      for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
        if (!isObject(sub) || forbids(sub) || !safeTest(pattern, segment)) continue;
        out.push({ schema: sub, root: s.root });
        matched = true;
      }
    }
    if (!matched && options.additional && isObject(schema.additionalProperties)) out.push({ schema: schema.additionalProperties, root: s.root });
  }
  // Palette reads `a.b: x` as `a: {b: x}`: a dotted key the schema does not name is followed part by part.
  if (out.length === 0 && options.splitDots && typeof segment === 'string' && segment.includes('.')) {
    let parts = expand([...schemas]);
    for (const part of segment.split('.')) parts = expand(childOf(parts, part, options));
    return parts;
  }
  return out;
}

/** Follows `$ref`, `allOf`, `anyOf`, `oneOf` and conditional branches, so each result holds keywords directly. */
export function expand(schemas: readonly SchemaAt[]): SchemaAt[] {
  const out: SchemaAt[] = [];
  const seen = new Set<Json>();
  const queue = [...schemas];
  while (queue.length > 0 && out.length < maxExpand) {
    const s = queue.shift()!;
    if (seen.has(s.schema)) continue;
    seen.add(s.schema);
    out.push(s);
    if (typeof s.schema.$ref === 'string') {
      const target = resolve(s.schema.$ref, s.root);
      if (target) queue.push(target);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = s.schema[k];
      if (Array.isArray(list)) for (const sub of list) if (isObject(sub)) queue.push({ schema: sub, root: s.root });
    }
    for (const k of ['then', 'else']) {
      const sub = s.schema[k];
      if (isObject(sub)) queue.push({ schema: sub, root: s.root });
    }
  }
  return out;
}

function resolve(ref: string, root: Json): SchemaAt | undefined {
  const hash = ref.indexOf('#');
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const doc = base ? schemaRoots.find((r) => r.$id === base) : root;
  if (!doc) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[part] : undefined;
  }
  return isObject(node) ? { schema: node, root: doc } : undefined;
}

/** `false` or `{not: {}}`: the schema's way of saying the key must not be written. */
function forbids(schema: unknown): boolean {
  if (schema === false) return true;
  return isObject(schema) && isObject(schema.not) && Object.keys(schema.not).length === 0;
}

const patterns = new Map<string, LinearRegExp | null>();

function safeTest(pattern: string, value: string): boolean {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = re2RegExp(pattern);
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re ? re.test(value) : false;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
