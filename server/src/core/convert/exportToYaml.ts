// Turns a profile exported by Palette as JSON into the same profile as YAML, each pack's values a block to read and edit.
import { Document, isScalar, parse, visit, type Scalar } from 'yaml';
import { hasProfileShape } from '../profileShape';

export type Conversion = { ok: true; yaml: string } | { ok: false; message: string };

const quiet = { logLevel: 'silent' } as const;

/** Strings written as `|-` blocks: what Palette holds as a YAML document in a string. */
const blockKeys = new Set(['values', 'content']);

/**
 * `GET /v1/clusterprofiles/{uid}/export` (format json, the default) gives one line of JSON, every
 * pack's values a string of escaped lines. The YAML keeps every key, in order, and every value: the
 * result is checked to parse back to exactly the export (under YAML 1.2 and 1.1, since Palette reads
 * values with a YAML 1.1 parser), and nothing is returned when it would not.
 */
export function exportToProfileYaml(jsonText: string): Conversion {
  let value: unknown;
  try {
    value = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!hasProfileShape(value)) return { ok: false, message: 'Not a Palette profile export: it needs `metadata` and `spec.template.packs`.' };
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string') styleString(pair.key as Scalar<string>, false);
      if (isScalar(pair.value) && typeof pair.value.value === 'string') styleString(pair.value as Scalar<string>, typeof key === 'string' && blockKeys.has(key));
    },
  });
  const yaml = doc.toString({ lineWidth: 0, minContentWidth: 0 });
  if (!sameValue(parse(yaml, quiet), value) || !sameValue(parse(yaml, { ...quiet, version: '1.1' }), value)) {
    return { ok: false, message: 'The export holds strings that YAML cannot carry unchanged; it was not converted.' };
  }
  return { ok: true, yaml };
}

function styleString(node: Scalar<string>, block: boolean): void {
  const text = node.value;
  // A block needs a line with something on it; an empty or blank string stays quoted.
  if (block && /\S/.test(text)) node.type = 'BLOCK_LITERAL';
  else if (!text.includes('\n') && !plainIsSameIn11(text)) node.type = 'QUOTE_DOUBLE';
}

/** `yes`, `on`, `0o14`: plain in YAML 1.2 as the writer sees it, yet not these strings to a YAML 1.1 reader. */
function plainIsSameIn11(text: string): boolean {
  try {
    return parse(text, { ...quiet, version: '1.1' }) === text;
  } catch {
    return false;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `edge-retail.json` → `edge-retail.profile.yaml`: the name the editor and the CLI read as a profile. */
export function profileYamlName(jsonName: string): string {
  return `${jsonName.replace(/\.json$/i, '').replace(/\.profile$/i, '')}.profile.yaml`;
}
