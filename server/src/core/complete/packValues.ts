// Completions in a pack folder's own values.yaml: its values schema's keys and values, and system macros.
import type { SchemaName } from '../validate/schemas';
import { cursorAt } from './cursor';
import { schemaKeyCandidates, schemaValueCandidates } from './keys';
import { macroCompletions } from './macros';
import { schemaRoot, schemasAt } from '../validate/schemaNav';
import type { Candidate } from './types';

/** `schema` comes from the pack's name in pack.json (`valuesSchemaFor`); without it only macros are offered. */
export function completePackValues(text: string, offset: number, schema?: Extract<SchemaName, 'edge-os' | 'edge-k8s'>): Candidate[] {
  const macros = macroCompletions(text, offset);
  if (macros) return macros;
  const root = schema ? schemaRoot(`values/${schema}`) : undefined;
  const cursor = root ? cursorAt(text, offset) : undefined;
  if (!root || !cursor || cursor.opaque || cursor.scalars.length > 0) return [];
  const schemas = schemasAt(root, cursor.path);
  if (cursor.position === 'value') return schemaValueCandidates(schemas, cursor, String(cursor.path[cursor.path.length - 1]));
  return [...schemaKeyCandidates(schemas, cursor), ...(cursor.afterDash ? schemaValueCandidates(schemas, cursor, '') : [])];
}
