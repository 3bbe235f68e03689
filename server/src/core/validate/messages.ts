// Words each Ajv error the way a Palette author thinks about it, and says where it belongs (value, key or holder).
import type { ErrorObject } from 'ajv/dist/2020';
import { pointerLabel, pointerSegments } from './locate';
import type { Reduced } from './reduce';
import { kairosObjectSchemas, schemaRoots } from './schemas';
import { didYouMean } from './suggest';

type Json = Record<string, unknown>;

export interface Worded {
  message: string;
  /** value: the offending value; key: the key `key` inside the object at the pointer (or the last segment); holder: the object missing something. */
  place: 'value' | 'key' | 'holder';
  key?: string;
  /** Set when the finding is not an error of its own kind (an unknown Kairos key is a warning). */
  severity?: 'warning';
  code?: string;
}

/** `display` gives a value as written in the source (`1.20`, not `1.2`), when it is a scalar. */
export function wordError(reduced: Reduced, display: (pointer: string) => string | undefined): Worded {
  const e = reduced.error;
  const label = pointerLabel(e.instancePath);
  const where = label ? ` in ${label}` : '';
  const shown = () => display(e.instancePath) ?? (typeof e.data === 'string' ? e.data : JSON.stringify(e.data));
  const params = e.params as Json;
  const parent = (e.parentSchema ?? {}) as Json;
  if (reduced.alternatives) return { place: 'value', message: alternativesMessage(label, shown(), e.data, reduced.alternatives) };
  if (/^\/spec\/version$/.test(e.instancePath) && (e.keyword === 'pattern' || e.keyword === 'type')) {
    return { place: 'value', message: `spec.version '${shown()}' is not strict semver (e.g. 1.2.0 or 1.2.0-rc.1)` };
  }
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const why = e.schemaPath.includes('/then/') ? describe(((parent.properties ?? {}) as Json)[missing]) : '';
      return { place: 'holder', message: `Missing required field '${missing}'${where}${why ? `: ${why}` : ''}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as Json);
      const kairos = kairosObjectSchemas.get(parent);
      // Kairos ignores keys it does not know, so the steps still run, without them: a warning.
      if (kairos) return { place: 'key', key, severity: 'warning', code: 'kairos-unknown-key', message: `Unknown Kairos ${kairos} '${key}'${didYouMean(key, known)}; Kairos ignores it` };
      return { place: 'key', key, message: `Unknown key '${key}'${where}${didYouMean(key, known)}` };
    }
    case 'not': {
      const key = pointerSegments(e.instancePath).pop() ?? '';
      const why = describe(parent, true) || 'This key is not allowed here.';
      return { place: 'key', message: `'${key}'${didYouMean(key, siblingsOfPattern(e))}: ${why}` };
    }
    case 'propertyNames': {
      const key = String(params.propertyName);
      return { place: 'key', key, message: `Key '${key}' is not allowed here: keys ${patternRule(e)}` };
    }
    case 'enum':
      return { place: 'value', message: enumMessage(e.instancePath, label, shown(), e.data, params.allowedValues as unknown[]) };
    case 'pattern': {
      const why = describe(parent);
      return { place: 'value', message: `${label || 'The value'} '${shown()}' is invalid${why ? `: ${why}` : ` (must match ${String(params.pattern)})`}` };
    }
    case 'type':
      return { place: 'value', message: `${label || 'The document'} must be ${typeWords(params.type)} (found ${kindOf(e.data)})` };
    case 'minLength':
      return { place: 'value', message: `${label || 'The value'} must not be empty` };
    case 'const':
      return { place: 'value', message: `${label || 'The value'} must be ${JSON.stringify(params.allowedValue)}` };
    case 'oneOf':
      return { place: 'value', message: `${label || 'The document'} matches more than one of its alternatives; make it fit exactly one` };
    default:
      return { place: 'value', message: `${label || 'The document'} ${e.message ?? 'is invalid'}` };
  }
}

/** The first sentence (or paragraph) of a schema's description, which is written for people. */
function describe(schema: unknown, paragraphOnly = false): string {
  const text = schema && typeof schema === 'object' ? (schema as Json).description : undefined;
  if (typeof text !== 'string') return '';
  const paragraph = text.split('\n\n')[0].trim();
  if (paragraphOnly) return paragraph;
  const end = paragraph.search(/\.(\s|$)/);
  return end < 0 ? paragraph : paragraph.slice(0, end + 1);
}

const nouns: [RegExp, string][] = [
  [/\/packs\/\d+\/layer$|^\/layer$|\/dependencies\/\d+\/layer$/, 'layer'],
  [/\/packs\/\d+\/type$/, 'pack type'],
  [/^\/spec\/template\/type$/, 'profile type'],
  [/cloudTypes?(\/\d+)?$/, 'cloud type'],
  [/\/variables\/\d+\/format$/, 'variable format'],
  [/\/variables\/\d+\/inputType$/, 'input type'],
  [/\/dependencies\/\d+\/type$/, 'dependency type'],
  [/\/resources\/\d+\/type$/, 'resource type'],
  [/\/scheduleType$/, 'schedule type'],
];

/** Layers read best in stack order, the order the reference gives them. */
const layerOrder = ['os', 'k8s', 'cni', 'csi', 'addon', 'kernel'];

function enumMessage(pointer: string, label: string, shown: string, data: unknown, allowed: unknown[]): string {
  const names = allowed.map((v) => String(v));
  if (names.length === layerOrder.length && layerOrder.every((l) => names.includes(l))) names.splice(0, names.length, ...layerOrder);
  // A short list reads as its own suggestion; a long one needs a pointer to the likely value.
  const hint = names.length > 8 && typeof data === 'string' ? didYouMean(data, names) : '';
  const noun = nouns.find(([re]) => re.test(pointer))?.[1];
  const head = noun ? `Unknown ${noun} '${shown}'` : `${label || 'The value'} '${shown}' is not allowed`;
  return `${head}${hint}: expected one of ${names.join(', ')}`;
}

function alternativesMessage(label: string, shown: string, data: unknown, alternatives: ErrorObject[]): string {
  const wants: string[] = [];
  const choices: string[] = [];
  for (const a of alternatives) {
    const p = a.params as Json;
    let want: string;
    if (a.keyword === 'type') want = typeWords(p.type);
    else if (a.keyword === 'enum') {
      choices.push(...(p.allowedValues as unknown[]).map(String));
      want = `one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    } else if (a.keyword === 'pattern' && String(p.pattern).includes('\\{\\{')) want = 'a template {{ ... }}';
    else if (a.keyword === 'const') want = JSON.stringify(p.allowedValue);
    else want = a.message ?? 'valid';
    if (!wants.includes(want)) wants.push(want);
  }
  const hint = typeof data === 'string' ? didYouMean(data, choices) : '';
  const value = data !== null && typeof data === 'object' ? '' : ` '${shown}'`;
  return `${label || 'The value'}${value} must be ${wants.join(', or ')}${hint}`;
}

function typeWords(type: unknown): string {
  const words: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'empty' };
  const list = (Array.isArray(type) ? type : String(type).split(',')).map((t) => words[String(t)] ?? String(t));
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function kindOf(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return 'a string';
  return `${typeof data === 'boolean' ? 'a boolean' : 'a number'} ${String(data)}`;
}

function patternRule(e: ErrorObject): string {
  const pattern = (e.schema as Json | undefined)?.pattern;
  if (pattern === '^\\S+$') return 'must not contain white space';
  return typeof pattern === 'string' ? `must match ${pattern}` : 'must follow the naming rule';
}

/**
 * A `not: {}` under patternProperties forbids keys a pattern catches; the object's own properties
 * are the keys that were probably meant. Finds that object by resolving the schemaPath in the
 * schema that really holds the failing subschema.
 */
function siblingsOfPattern(e: ErrorObject): string[] {
  const segments = e.schemaPath.replace(/^[^#]*#/, '').split('/').slice(1).map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  const at = segments.lastIndexOf('patternProperties');
  if (at < 0) return [];
  for (const root of schemaRoots) {
    let node: unknown = root;
    for (const s of segments.slice(0, -1)) node = node && typeof node === 'object' ? (node as Json)[s] : undefined;
    if (node !== e.parentSchema) continue;
    let holder: unknown = root;
    for (const s of segments.slice(0, at)) holder = holder && typeof holder === 'object' ? (holder as Json)[s] : undefined;
    return Object.keys(((holder as Json | undefined)?.properties ?? {}) as Json);
  }
  return [];
}
