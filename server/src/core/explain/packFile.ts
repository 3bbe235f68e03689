// What to say about the key or value at an offset of a pack file: its path, its schema's words and, in values.yaml, its schema.yaml constraint.
import type { Document } from 'yaml';
import { dottedPath } from '../dottedPath';
import { parsePackSchema, type SchemaConstraint } from '../parse/packFiles';
import type { FileKind } from '../types';
import { showNode } from './baselineAt';
import type { Explanation } from './explain';
import { nodeAt, splitPath } from './nodeAt';
import { schemaDocAt } from './schemaDocs';

const schemaOfKind: Partial<Record<FileKind, 'pack' | 'pack-constraints' | 'presets'>> = {
  'pack-json': 'pack',
  'pack-schema': 'pack-constraints',
  'pack-presets': 'presets',
};

export interface PackFileOptions {
  /** For values.yaml: the text of the pack's schema.yaml. */
  schemaText?: string;
}

export function explainPackFileAt(kind: FileKind, doc: Document | undefined, offset: number, options: PackFileOptions = {}): Explanation | undefined {
  const found = nodeAt(doc, offset);
  if (!found) return undefined;
  // pack.json keys are literal; values.yaml keys are dotted paths, as Palette reads them.
  const path = kind === 'pack-json' ? found.path : splitPath(found.path);
  const out: Explanation = { span: found.span, title: dottedPath(path), value: found.value ? showNode(found.value) : undefined };
  const schema = schemaOfKind[kind];
  if (schema) out.schema = schemaDocAt(schema, found.path);
  if (kind === 'pack-values' && options.schemaText !== undefined) {
    const constraint = constraintFor(parsePackSchema(options.schemaText).constraints, path);
    if (constraint?.schema) out.constraint = constraint.schema.value;
  }
  return out;
}

/** The constraint whose path names this value; `$[]` stands for any list item. */
export function constraintFor(constraints: readonly SchemaConstraint[], path: readonly (string | number)[]): SchemaConstraint | undefined {
  return constraints.find((c) => c.segments.length === path.length && c.segments.every((s, i) => (s === '$[]' ? typeof path[i] === 'number' : s === path[i])));
}
