// Every YAML parse of the product goes through here: a nesting limit before composing, and the duplicate-key check in linear time.
import { Parser, YAMLParseError, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type DocumentOptions, type EmptyStream, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Maps and lists nested deeper than this are refused before `yaml` composes them: its composer and
 * every walk of the tree after it recurse once per level, and a few hundred levels already exhaust
 * the stack. Real profiles, values and manifests stay under 40.
 */
export const maxNesting = 256;

export const tooDeepMessage = `Nested too deeply: more than ${maxNesting} levels of maps and lists; the document was not checked`;

/** `parseDocument` with the guards; `uniqueKeys` in `options` is honoured by our own check, not yaml's. */
export function safeParseDocument(text: string, options: Options): Document.Parsed {
  const deep = tooDeepAt(text);
  if (deep !== undefined) return refused(text, deep, options);
  const doc = parseDocument(text, { ...options, uniqueKeys: false });
  if (options.uniqueKeys !== false) addDuplicateKeys(doc);
  return doc;
}

/** `parseAllDocuments` with the guards; an empty stream comes back as yaml returns it (an empty array with `errors`). */
export function safeParseAllDocuments(text: string, options: Options): Document.Parsed[] | EmptyStream {
  const deep = tooDeepAt(text);
  if (deep !== undefined) return [refused(text, deep, options)];
  const docs = parseAllDocuments(text, { ...options, uniqueKeys: false }) as Document.Parsed[] | EmptyStream;
  if (options.uniqueKeys !== false && Array.isArray(docs)) for (const doc of docs) addDuplicateKeys(doc);
  return docs;
}

/** An empty document carrying one error at the collection that goes past the limit. */
function refused(text: string, at: number, options: Options): Document.Parsed {
  const doc = parseDocument('', { ...options, uniqueKeys: false });
  doc.range = [0, text.length, text.length];
  doc.errors.push(new YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', tooDeepMessage));
  return doc;
}

/**
 * yaml compares each new key with every earlier key of its map, quadratic in a map's size (seconds
 * for 60,000 keys). The same rule in one pass: scalars with equal values are the same key, other
 * nodes only themselves. Reported as yaml does, on the repeated key's first character.
 */
function addDuplicateKeys(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // NaN is never equal to itself, so `.nan` keys never repeat.
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else seen.add(key.value);
        }
        stack.push(key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      // A pair in a sequence (`[a: 1]`) is a single-pair map of its own.
      stack.push(node.key, node.value);
    }
  }
}

interface CstItem {
  key?: CstToken | null;
  value?: CstToken | null;
}
interface CstToken {
  type: string;
  offset: number;
  value?: CstToken;
  items?: CstItem[];
}

const collections = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Where the first collection deeper than the limit starts, or undefined. A cheap scan bounds the
 * depth from above (indentation, indicators and open brackets); only texts it cannot clear pay for
 * yaml's concrete syntax tree, built without recursion, and walked here with a stack.
 */
export function tooDeepAt(text: string, limit = maxNesting): number | undefined {
  if (depthBound(text) <= limit) return undefined;
  let first: number | undefined;
  for (const token of new Parser().parse(text) as Iterable<CstToken>) {
    if (token.type !== 'document' || !token.value) continue;
    const stack: [CstToken, number][] = [[token.value, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (!collections.has(node.type)) continue;
      if (depth >= limit) {
        if (first === undefined || node.offset < first) first = node.offset;
        continue;
      }
      for (const item of node.items ?? []) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return first;
}

const NL = 10;
const SPACE = 32;
const TAB = 9;

/**
 * An upper bound of the nesting depth. A block collection nests inside another either on a later,
 * more indented line or after an indicator (`- `, `? `, `: `) on the same line, and a sequence may
 * share its parent key's column, so each column and each indicator counts twice; open flow brackets
 * count once. Brackets inside quotes only make the bound larger.
 */
function depthBound(text: string): number {
  let max = 0;
  let indent = 0;
  let indicators = 0;
  let brackets = 0;
  let atIndent = true;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      indent = 0;
      indicators = 0;
      atIndent = true;
      continue;
    }
    if (atIndent) {
      if (c === SPACE) {
        indent++;
        continue;
      }
      atIndent = false;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) brackets++;
    else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (brackets > 0) brackets--;
      continue;
    } else if (c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : NL;
      if (next !== SPACE && next !== NL && next !== TAB && next !== 13) continue;
      indicators++;
    } else continue;
    const bound = 2 * (indent + indicators) + brackets + 1;
    if (bound > max) max = bound;
  }
  return max;
}
