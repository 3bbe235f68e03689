// Every YAML parse of the product goes through here: the duplicate-key check in linear time, and a nesting limit that keeps deep documents from every recursive walk.
import { Parser, YAMLParseError, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type DocumentOptions, type EmptyStream, type ParseOptions, type SchemaOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Documents with maps and lists nested deeper than this are refused whole: yaml's composer and every
 * walk of the tree after it (validation, outline, plan) recurse once per level, and a few hundred
 * levels exhaust the stack. Real profiles, values and manifests stay under 40.
 */
export const maxNesting = 256;

export const tooDeepMessage = `Nested too deeply: more than ${maxNesting} levels of maps and lists; the document was not checked`;

/** `parseDocument` with the guards; `uniqueKeys` in `options` is honoured by our own check, not yaml's. */
export function safeParseDocument(text: string, options: Options): Document.Parsed {
  return guarded(parseDocument(text, { ...options, uniqueKeys: false }), text, options);
}

/** `parseAllDocuments` with the guards; an empty stream comes back as yaml returns it (an empty array with `errors`). */
export function safeParseAllDocuments(text: string, options: Options): Document.Parsed[] | EmptyStream {
  const docs = parseAllDocuments(text, { ...options, uniqueKeys: false }) as Document.Parsed[] | EmptyStream;
  if (!Array.isArray(docs) || docs.length === 0) return docs;
  const checked = docs.map((doc) => guarded(doc, text, options));
  return checked.some((doc, i) => doc !== docs[i]) ? [checked.find((doc, i) => doc !== docs[i])!] : docs;
}

/**
 * One walk of the composed tree checks both: keys and depth. yaml's composer recurses too, but it
 * catches its own stack overflow (RESOURCE_EXHAUSTION) and stops composing there, a few hundred
 * levels down; then the concrete syntax tree, built without recursion, says where the limit was passed.
 */
function guarded(doc: Document.Parsed, text: string, options: Options): Document.Parsed {
  const deep = walk(doc, options.uniqueKeys !== false);
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (deep === undefined && !exhausted) return doc;
  return refused(text, deep ?? tooDeepAt(text) ?? exhausted!.pos[0], options);
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
 * nodes only themselves; reported as yaml does, on the repeated key's first character. Returns
 * where the first collection deeper than the limit starts, if one is.
 */
function walk(doc: Document.Parsed, uniqueKeys: boolean): number | undefined {
  const nodes: unknown[] = [doc.contents];
  const depths: number[] = [0];
  let deep: number | undefined;
  const push = (node: unknown, depth: number) => {
    // Scalars hold no keys and add no depth: only collections (and pairs) go on the stack.
    if (node !== null && typeof node === 'object' && !isScalar(node)) {
      nodes.push(node);
      depths.push(depth);
    }
  };
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth >= maxNesting) {
        const at = node.range?.[0] ?? 0;
        if (deep === undefined || at < deep) deep = at;
        continue;
      }
    }
    if (isMap(node)) {
      const seen = uniqueKeys ? new Set<unknown>() : undefined;
      for (const pair of node.items) {
        const key = pair.key;
        // NaN is never equal to itself, so `.nan` keys never repeat.
        if (seen && isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          } else seen.add(key.value);
        }
        push(key, depth + 1);
        push(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) push(item, depth + 1);
    } else if (isPair(node)) {
      // A pair in a sequence (`[a: 1]`) is a single-pair map of its own.
      push(node.key, depth);
      push(node.value, depth);
    }
  }
  return deep;
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

/** Where the first collection deeper than the limit starts, from yaml's concrete syntax tree, walked with a stack. */
export function tooDeepAt(text: string, limit = maxNesting): number | undefined {
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
