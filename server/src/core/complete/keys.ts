// Turns schema keys and values, and the keys of a pack's values.yaml, into candidates written the way YAML expects.
import type { ValueEntry, ValuesTree } from '../parse/valuesTree';
import type { CursorContext, Segment } from './cursor';
import { descriptionOf, keysOf, shapeOf, typesOf, valuesOf, type SchemaAt } from '../validate/schemaNav';
import type { Candidate } from './types';

type Shape = 'object' | 'array' | 'scalar' | 'block';

export interface KeyOptions {
  /** Keys whose string value is YAML of its own, written as a block scalar (`values: |-`). */
  blockKeys?: ReadonlySet<string>;
  /** Keys that have suggestions for their value beyond the schema's (pack names, versions). */
  valueKeys?: ReadonlySet<string>;
}

export function schemaKeyCandidates(schemas: readonly SchemaAt[], cursor: CursorContext, options: KeyOptions = {}): Candidate[] {
  const required = new Set(schemas.flatMap((s) => (Array.isArray(s.schema.required) ? s.schema.required.map(String) : [])));
  const out: Candidate[] = [];
  keysOf(schemas).forEach((key, index) => {
    if (isWritten(key.name, cursor.siblings)) return;
    const shape: Shape = options.blockKeys?.has(key.name) ? 'block' : shapeOf(key.schemas);
    const hasValues = valuesOf(key.schemas).length > 0 || options.valueKeys?.has(key.name) === true;
    out.push({
      label: key.name,
      kind: 'key',
      detail: typeSummary(key.schemas) + (required.has(key.name) ? ' (required)' : ''),
      documentation: descriptionOf(key.schemas),
      ...written(key.name, shape, cursor, hasValues),
      replace: { start: cursor.start, end: cursor.end },
      sortText: `${required.has(key.name) ? 0 : 1}${String(index).padStart(4, '0')}`,
    });
  });
  return out;
}

export function schemaValueCandidates(schemas: readonly SchemaAt[], cursor: CursorContext, keyName: string): Candidate[] {
  const documentation = descriptionOf(schemas);
  return valuesOf(schemas).map((v, index) => ({
    label: v.value,
    kind: v.value === 'true' || v.value === 'false' ? 'value' : 'enum',
    detail: v.isDefault ? `${keyName} (default)` : keyName,
    documentation,
    insertText: (cursor.needsSpace ? ' ' : '') + v.value,
    replace: { start: cursor.start, end: cursor.end },
    sortText: String(index).padStart(4, '0'),
    preselect: v.isDefault || undefined,
  }));
}

/** Keys under `path` in a pack's values.yaml (sequence items match whatever their index). */
export function folderKeyCandidates(tree: ValuesTree, path: readonly Segment[], cursor: CursorContext, exclude: ReadonlySet<string>): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const entry of childrenOf(tree, path)) {
    const name = entry.segments[entry.segments.length - 1];
    if (typeof name !== 'string' || out.has(name) || exclude.has(name) || isWritten(name, cursor.siblings)) continue;
    const shape: Shape = entry.container === 'map' ? 'object' : entry.container === 'seq' ? 'array' : 'scalar';
    out.set(name, {
      label: name,
      kind: 'key',
      detail: 'from the pack’s values.yaml',
      documentation: entry.container ? `Default: ${entry.container === 'map' ? 'a mapping' : 'a list'} (\`${entry.path}\`)` : `Default: \`${preview(entry.value)}\` (\`${entry.path}\`)`,
      ...written(name, shape, cursor, false),
      replace: { start: cursor.start, end: cursor.end },
      sortText: `2${name}`,
    });
  }
  return [...out.values()];
}

/** The default a pack's values.yaml gives the key at `path`, offered as its value. */
export function folderValueCandidates(tree: ValuesTree, path: readonly Segment[], cursor: CursorContext, exclude: ReadonlySet<string>): Candidate[] {
  const parts = splitDotted(path);
  const entry = tree.entries.find((e) => !e.container && e.value !== null && e.value !== undefined && matches(e.segments, parts));
  if (!entry || exclude.has(String(entry.value))) return [];
  const value = String(entry.value);
  const text = typeof entry.value === 'string' && value !== '' && !/^[-\w./:@]+$/.test(value) ? JSON.stringify(value) : value || '""';
  return [{ label: text, kind: 'value', detail: 'default in the pack’s values.yaml', documentation: `\`${entry.path}\``, insertText: (cursor.needsSpace ? ' ' : '') + text, replace: { start: cursor.start, end: cursor.end }, sortText: '0' }];
}

/** A key is already written when the mapping holds it, or holds it in the other spelling (`a.b` beside `a:`). */
function isWritten(name: string, siblings: ReadonlySet<string>): boolean {
  if (siblings.has(name)) return true;
  if (name.includes('.') && siblings.has(name.slice(0, name.indexOf('.')))) return true;
  for (const s of siblings) if (s.startsWith(name + '.')) return true;
  return false;
}

function written(name: string, shape: Shape, cursor: CursorContext, hasValues: boolean): Pick<Candidate, 'insertText' | 'retrigger'> {
  const key = /^[A-Za-z0-9_][\w.\-/]*$/.test(name) ? name : JSON.stringify(name);
  if (cursor.hasColon) return { insertText: key };
  // The editor repeats the line's own indentation on every inserted line; this adds what is deeper.
  const deeper = ' '.repeat(cursor.column - cursor.indent + 2);
  if (shape === 'object') return { insertText: `${key}:\n${deeper}`, retrigger: true };
  if (shape === 'array') return { insertText: `${key}:\n${deeper}- `, retrigger: true };
  if (shape === 'block') return { insertText: `${key}: |-\n${deeper}`, retrigger: true };
  return { insertText: `${key}: `, retrigger: hasValues || undefined };
}

function childrenOf(tree: ValuesTree, path: readonly Segment[]): ValueEntry[] {
  const parts = splitDotted(path);
  return tree.entries.filter((e) => e.segments.length === parts.length + 1 && matches(e.segments.slice(0, parts.length), parts));
}

function matches(segments: readonly Segment[], parts: readonly Segment[]): boolean {
  if (segments.length !== parts.length) return false;
  return parts.every((p, i) => (typeof p === 'number' ? typeof segments[i] === 'number' : segments[i] === p));
}

/** values.yaml trees split dotted keys; a path typed as `system.uri` is split the same way. */
function splitDotted(path: readonly Segment[]): Segment[] {
  return path.flatMap((p) => (typeof p === 'string' && p.includes('.') ? p.split('.') : [p]));
}

function typeSummary(schemas: readonly SchemaAt[]): string {
  const values = valuesOf(schemas).map((v) => v.value);
  if (values.length > 0 && !typesOf(schemas).has('boolean')) return values.length > 6 ? `${values.slice(0, 6).join(' | ')} | …` : values.join(' | ');
  const types = [...typesOf(schemas)].filter((t) => t !== 'null');
  return types.length > 0 ? types.join(' | ') : 'any';
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
