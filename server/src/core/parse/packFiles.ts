// Parses the files of a pack folder (pack.json, values.yaml, schema.yaml, presets.yaml) with positions.
import { isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { defaultSyntaxLimits, type SyntaxLimits } from '../syntax';
import type { Problem, Span } from '../types';
import { parseEmbedded, type EmbeddedCache, type EmbeddedYaml } from './embedded';
import { fieldAt, fieldOf, nodeAt, seqItems, spanOfNode, type Field } from './fields';
import { parseSchemaTemplate, type SchemaTemplate } from './schemaTemplate';
import { valuesTree, type ValuesTree } from './valuesTree';
import { aliasProblem, clampProblems, docProblems, firstLine, parseYamlDoc, tooLargeProblem } from './yamlProblems';

interface YamlFile {
  doc: Document.Parsed | undefined;
  problems: Problem[];
}

/** Size limit, syntax and alias checks shared by every pack file. */
function parseFile(text: string, limits: SyntaxLimits, code: string): YamlFile {
  const big = tooLargeProblem(text.length, limits, 'file-too-large', 'This file');
  if (big) return { doc: undefined, problems: [big] };
  const doc = parseYamlDoc(text);
  const problems = docProblems(doc, code);
  const bomb = aliasProblem(doc, text, limits, 'yaml-alias-limit');
  if (bomb) problems.push(bomb);
  return { doc, problems };
}

export interface PackJson extends YamlFile {
  /** The parsed JSON, when it is valid JSON. */
  value: unknown;
  /** Keys and values with spans; keys are not split at dots. */
  tree: ValuesTree;
  name?: Field;
  version?: Field;
  layer?: Field;
  displayName?: Field;
  addonType?: Field;
  cloudTypes?: Field;
}

/**
 * JSON is read as YAML 1.2 for positions; JSON.parse then catches what YAML accepts and JSON does
 * not (comments, single quotes, unquoted keys). Duplicate keys, which JSON.parse allows, warn.
 */
export function parsePackJson(text: string, limits: SyntaxLimits = defaultSyntaxLimits): PackJson {
  const file = parseFile(text, limits, 'json-syntax');
  for (const p of file.problems) {
    if (p.code === 'json-syntax' && /duplicate|unique/i.test(p.message)) Object.assign(p, { severity: 'warning', code: 'json-duplicate-key' });
  }
  let value: unknown;
  if (file.doc) {
    try {
      // Editors and the YAML reader ignore a byte-order mark; JSON.parse does not.
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      if (!file.problems.some((p) => p.severity === 'error')) file.problems.push(jsonError(text, String((error as Error).message)));
    }
  }
  const root = file.doc?.contents;
  return {
    ...file,
    problems: clampProblems(file.problems, text.length),
    value,
    tree: valuesTree(file.doc, { splitDottedKeys: false }),
    name: fieldAt(root, 'name'),
    version: fieldAt(root, 'version'),
    layer: fieldAt(root, 'layer'),
    displayName: fieldAt(root, 'displayName'),
    addonType: fieldAt(root, 'addonType'),
    cloudTypes: fieldAt(root, 'cloudTypes'),
  };
}

function jsonError(text: string, message: string): Problem {
  const position = /position (\d+)/.exec(message);
  const token = /Unexpected token '(.)'/.exec(message);
  let start = position ? Number(position[1]) : token ? text.indexOf(token[1]) : -1;
  if (start < 0) start = Math.max(0, text.length - 1);
  return { start, end: start + 1, severity: 'error', code: 'json-syntax', message: `Not valid JSON: ${firstLine(message)}` };
}

export interface PackValues extends YamlFile {
  tree: ValuesTree;
}

export function parsePackValues(text: string, limits: SyntaxLimits = defaultSyntaxLimits): PackValues {
  const file = parseFile(text, limits, 'yaml-syntax');
  return { ...file, problems: clampProblems(file.problems, text.length), tree: valuesTree(file.doc) };
}

export interface SchemaConstraint {
  /** The key as written: `manifests.app.origins.$[]`. */
  path: string;
  /** Segments, with `$[]` standing for "every item of the array". */
  segments: string[];
  pathSpan: Span;
  /** The `schema` field; its template is parsed below when it is a string. */
  schema?: Field;
  template?: SchemaTemplate;
  span: Span;
}

export interface PackSchema extends YamlFile {
  constraints: SchemaConstraint[];
}

export function parsePackSchema(text: string, limits: SyntaxLimits = defaultSyntaxLimits, cache?: EmbeddedCache | null): PackSchema {
  const file = parseFile(text, limits, 'yaml-syntax');
  const constraints: SchemaConstraint[] = [];
  const root = file.doc?.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const path = String(pair.key.value);
      const pathSpan = spanOfNode(pair.key as Node);
      const schema = fieldAt(pair.value, 'schema');
      const constraint: SchemaConstraint = { path, segments: path.split('.'), pathSpan, schema, span: { start: pathSpan.start, end: spanOfNode(pair.value as Node).end || pathSpan.end } };
      if (!schema) file.problems.push({ ...pathSpan, severity: 'warning', code: 'schema-template', message: `"${path}" has no "schema" field, so it constrains nothing.` });
      else if (schema.type !== 'string') file.problems.push({ ...schema.span, end: Math.max(schema.span.end, schema.span.start + 1), severity: 'error', code: 'schema-template', message: 'The schema must be a string such as \'{{ required }}\'.' });
      else {
        // The template is read in the decoded string; the embedded map puts its spans back in the file.
        const embedded = parseEmbedded(text, schema.node, { limits, cache });
        const parsed = parseSchemaTemplate(schema.value, embedded ? embedded.toOuter : (o) => schema.span.start + o);
        constraint.template = parsed.template;
        file.problems.push(...parsed.problems);
      }
      constraints.push(constraint);
    }
  }
  return { ...file, problems: clampProblems(file.problems, text.length), constraints };
}

export interface PresetModel {
  index: number;
  span: Span;
  name?: Field;
  displayName?: Field;
  group?: Field;
  /** Each path of `remove`. */
  remove: Field[];
  addField?: Field;
  /** `add` parsed as the YAML it holds, with positions in presets.yaml. */
  add?: EmbeddedYaml;
}

export interface PackPresets extends YamlFile {
  presets: PresetModel[];
}

export function parsePackPresets(text: string, limits: SyntaxLimits = defaultSyntaxLimits, cache?: EmbeddedCache | null): PackPresets {
  const file = parseFile(text, limits, 'yaml-syntax');
  const presets = seqItems(nodeAt(file.doc?.contents, 'presets')).map((item, index): PresetModel => {
    const addField = fieldAt(item, 'add');
    const add = addField ? parseEmbedded(text, addField.node, { limits, cache }) : undefined;
    if (add) file.problems.push(...add.problems);
    return {
      index,
      span: spanOfNode(item as Node),
      name: fieldAt(item, 'name'),
      displayName: fieldAt(item, 'displayName'),
      group: fieldAt(item, 'group'),
      remove: seqItems(nodeAt(item, 'remove')).map((n) => fieldOf(n)).filter((f): f is Field => f !== undefined),
      addField,
      add,
    };
  });
  return { ...file, problems: clampProblems(file.problems, text.length), presets };
}
