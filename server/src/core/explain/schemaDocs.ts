// Looks up what the product's JSON Schemas say about a key path: its description, type, allowed values and default.
import { expand, schemaRoot, stepSchemas, type SchemaAt } from '../validate/schemaNav';
import type { SchemaName } from '../validate/schemas';

export interface SchemaDoc {
  /** Markdown when the schema has it, else the plain description. */
  description?: string;
  types: string[];
  enum?: unknown[];
  default?: unknown;
}

const files: Record<SchemaName | 'kairos-stages', string> = {
  profile: 'profile',
  pack: 'pack',
  'pack-constraints': 'pack-constraints',
  presets: 'presets',
  'edge-os': 'values/edge-os',
  'edge-k8s': 'values/edge-k8s',
  'kairos-stages': 'values/kairos-stages',
};

const maxCandidates = 32;

/**
 * What the schema says at `path`. With `dotted` (pack values), keys are split at dots and joined
 * again to match (`options` then `system.uri` matches the property `system.uri`), longest first, so
 * nested and dotted spellings find the same words; otherwise keys are literal (labels, pack.json).
 */
export function schemaDocAt(name: keyof typeof files, path: readonly (string | number)[], dotted = false): SchemaDoc | undefined {
  const root = schemaRoot(files[name]);
  if (!root) return undefined;
  // The spelling as written first, so a nested key gets the nested property's words.
  const level = walk(root, path, false) ?? (dotted ? walk(root, path.flatMap((p) => (typeof p === 'string' && p.includes('.') ? p.split('.') : [p])), true) : undefined);
  return level && docOf(level);
}

function walk(root: SchemaAt, segs: readonly (string | number)[], dotted: boolean): SchemaAt[] | undefined {
  let level = expand([root]);
  let i = 0;
  while (i < segs.length) {
    let next: SchemaAt[] = [];
    let used = 1;
    const seg = segs[i];
    if (typeof seg === 'number') next = stepSchemas(level, seg);
    else {
      // Longest join first: `system.uri` as one property beats `system` then `uri`.
      for (let n = dotted ? segs.length - i : 1; n >= 1 && next.length === 0; n--) {
        const parts = segs.slice(i, i + n);
        if (parts.some((p) => typeof p === 'number')) continue;
        next = stepSchemas(level, parts.join('.'), { additional: n === 1, splitDots: false });
        used = n;
      }
    }
    if (next.length === 0) return undefined;
    level = next.slice(0, maxCandidates);
    i += used;
  }
  return level;
}

/** The wrapper's own words (`rootfs: {$ref: stepList, description}`) come before its target's, as `expand` orders them. */
function docOf(level: SchemaAt[]): SchemaDoc {
  const doc: SchemaDoc = { types: [] };
  // An alternative with a type but no list of values (a macro, say) means the list is not the only shape.
  const open = level.some(({ schema: n }) => n.type !== undefined && !Array.isArray(n.enum) && n.const === undefined);
  for (const { schema: n } of level) {
    doc.description ??= text(n.markdownDescription) ?? text(n.description);
    if (Array.isArray(n.enum) && !open) doc.enum ??= n.enum;
    if (n.const !== undefined && !open) doc.enum ??= [n.const];
    if (n.default !== undefined) doc.default ??= n.default;
    for (const t of Array.isArray(n.type) ? n.type : typeof n.type === 'string' ? [n.type] : []) if (!doc.types.includes(String(t))) doc.types.push(String(t));
  }
  return doc;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
