// Reads a cluster profile export into a model with spans, parsing each pack's values and manifests in place.
import { isMap, type Document, type Node } from 'yaml';
import { defaultSyntaxLimits, type SyntaxLimits } from '../syntax';
import type { Problem, Span } from '../types';
import { parseEmbedded, type EmbeddedCache, type EmbeddedYaml, type InnerParse } from './embedded';
import { fieldAt, fieldOf, nodeAt, seqItems, spanOfNode, type Field } from './fields';
import { reparseDocument, type Reparsed } from './reparse';
import { aliasProblem, clampProblems, docProblems, parseYamlDoc, tooLargeProblem } from './yamlProblems';

export interface LabelEntry {
  key: string;
  keySpan: Span;
  value?: Field;
}

export interface Labels {
  /** Labels as strings; a label without a value (a plain tag) maps to "". */
  value: Record<string, string>;
  span: Span;
  entries: LabelEntry[];
}

export interface ManifestModel {
  index: number;
  span: Span;
  name?: Field;
  /** The raw `content` node, whatever its type. */
  contentField?: Field;
  /** Content parsed as a stream of YAML documents; undefined when it is not a string. */
  content?: EmbeddedYaml;
}

export interface PackModel {
  index: number;
  span: Span;
  node: Node;
  name?: Field;
  layer?: Field;
  type?: Field;
  tag?: Field;
  uid?: Field;
  registryUid?: Field;
  /** The raw `values` node, whatever its type, so a check can say "values must be a string". */
  valuesField?: Field;
  values?: EmbeddedYaml;
  manifests: ManifestModel[];
}

export interface VariableModel {
  index: number;
  span: Span;
  name?: Field;
  displayName?: Field;
  description?: Field;
  format?: Field;
  required?: Field;
  isSensitive?: Field;
  defaultValue?: Field;
  regex?: Field;
  hidden?: Field;
  immutable?: Field;
}

export interface ProfileModel {
  text: string;
  doc: Document.Parsed | undefined;
  name?: Field;
  description?: Field;
  labels?: Labels;
  version?: Field;
  cloudType?: Field;
  type?: Field;
  /** The `spec.template.packs` node, whatever its type. */
  packsField?: Field;
  packs: PackModel[];
  variables: VariableModel[];
  /** Outer syntax problems first, then each embedded document's, all in outer offsets. */
  problems: Problem[];
}

export interface ProfileParseOptions {
  /** Defaults to the module-wide cache of embedded parses; null parses everything afresh. */
  cache?: EmbeddedCache | null;
  /**
   * An earlier version's model, parsed with the same limits: when the text differs from it only
   * inside one block scalar, the outer parse and every other embedded parse are reused.
   */
  previous?: ProfileModel;
}

export function parseProfile(text: string, limits: SyntaxLimits = defaultSyntaxLimits, options: ProfileParseOptions = {}): ProfileModel {
  const big = tooLargeProblem(text.length, limits, 'file-too-large', 'This file');
  if (big) return { text, doc: undefined, packs: [], variables: [], problems: [big] };
  const reparsed = options.previous?.doc ? reparseDocument(options.previous.doc, options.previous.text, text) : undefined;
  const doc = reparsed?.doc ?? parseYamlDoc(text);
  const problems = docProblems(doc, 'yaml-syntax', text);
  const bomb = aliasProblem(doc, text, limits, 'yaml-alias-limit');
  if (bomb) problems.push(bomb);
  const root = doc.contents;
  const metadata = nodeAt(root, 'metadata');
  const spec = nodeAt(root, 'spec');
  const template = nodeAt(spec, 'template');
  const embed: Embed = { limits, cache: options.cache, reuse: reparsed && options.previous ? reusable(options.previous, reparsed) : undefined };
  const packsField = fieldAt(template, 'packs');
  const packs = seqItems(packsField?.node).map((item, index) => readPack(text, item, index, embed));
  const variablesNode = nodeAt(spec, 'variables') ?? nodeAt(template, 'variables');
  const variables = seqItems(variablesNode).map(readVariable);
  for (const pack of packs) {
    if (pack.values) problems.push(...pack.values.problems);
    for (const manifest of pack.manifests) if (manifest.content) problems.push(...manifest.content.problems);
  }
  return {
    text,
    doc,
    name: fieldAt(metadata, 'name'),
    description: fieldAt(metadata, 'description'),
    labels: readLabels(metadata),
    version: fieldAt(spec, 'version'),
    cloudType: fieldAt(template, 'cloudType'),
    type: fieldAt(template, 'type'),
    packsField,
    packs,
    variables,
    problems: clampProblems(problems, text.length),
  };
}

interface Embed {
  limits: SyntaxLimits;
  cache?: EmbeddedCache | null;
  /** Earlier parses: of this very scalar when unchanged, or of its previous version when it is the one edited. */
  reuse?: (node: Node) => { same?: InnerParse; previous?: InnerParse };
}

/** Embedded parses of the earlier version, looked up through the new document's nodes. */
function reusable(previous: ProfileModel, reparsed: Reparsed): NonNullable<Embed['reuse']> {
  const inner = new Map<Node, InnerParse>();
  for (const pack of previous.packs) {
    if (pack.valuesField && pack.values) inner.set(pack.valuesField.node, pack.values.inner);
    for (const m of pack.manifests) if (m.contentField && m.content) inner.set(m.contentField.node, m.content.inner);
  }
  // A node not listed in sameAs was shared as it is; the edited scalar is new and in neither map.
  return (node) => (node === reparsed.replaced.to ? { previous: inner.get(reparsed.replaced.from) } : { same: inner.get(reparsed.sameAs.get(node) ?? node) });
}

function embedded(text: string, field: Field, embed: Embed, multi: boolean): EmbeddedYaml | undefined {
  if (!embed.reuse) return parseEmbedded(text, field.node, { limits: embed.limits, cache: embed.cache, multi });
  // The scalar being typed in: each keystroke's version would only crowd the shared cache.
  const { same, previous } = embed.reuse(field.node);
  return parseEmbedded(text, field.node, { limits: embed.limits, cache: same ? embed.cache : null, multi, reuse: same, previous });
}

function readPack(text: string, item: unknown, index: number, embed: Embed): PackModel {
  const valuesField = fieldAt(item, 'values');
  const manifests = seqItems(nodeAt(item, 'manifests')).map((m, i): ManifestModel => {
    const contentField = fieldAt(m, 'content');
    return {
      index: i,
      span: spanOfNode(m as Node),
      name: fieldAt(m, 'name'),
      contentField,
      content: contentField ? embedded(text, contentField, embed, true) : undefined,
    };
  });
  return {
    index,
    span: spanOfNode(item as Node),
    node: item as Node,
    name: fieldAt(item, 'name'),
    layer: fieldAt(item, 'layer'),
    type: fieldAt(item, 'type'),
    tag: fieldAt(item, 'tag'),
    uid: fieldAt(item, 'uid'),
    registryUid: fieldAt(item, 'registryUid'),
    valuesField,
    values: valuesField ? embedded(text, valuesField, embed, false) : undefined,
    manifests,
  };
}

function readVariable(item: unknown, index: number): VariableModel {
  const at = (key: string) => fieldAt(item, key);
  return {
    index,
    span: spanOfNode(item as Node),
    name: at('name'),
    displayName: at('displayName'),
    description: at('description'),
    format: at('format'),
    required: at('required'),
    isSensitive: at('isSensitive'),
    defaultValue: at('defaultValue'),
    regex: at('regex'),
    hidden: at('hidden'),
    immutable: at('immutable'),
  };
}

function readLabels(metadata: unknown): Labels | undefined {
  const field = fieldAt(metadata, 'labels');
  if (!field) return undefined;
  const entries: LabelEntry[] = [];
  const value: Record<string, string> = Object.create(null) as Record<string, string>;
  if (isMap(field.node)) {
    for (const pair of field.node.items) {
      const key = fieldOf(pair.key);
      if (!key || key.type === 'map' || key.type === 'seq') continue;
      const val = pair.value === null || pair.value === undefined ? undefined : fieldOf(pair.value, key.span);
      entries.push({ key: key.value, keySpan: key.span, value: val });
      value[key.value] = val?.value ?? '';
    }
  }
  return { value, span: field.span, entries };
}
