// Parses a YAML document held in a string of an outer YAML file (pack values, manifests), with exact outer positions.
import { isScalar, type Document } from 'yaml';
import { defaultSyntaxLimits, type SyntaxLimits } from '../syntax';
import type { Problem, Span } from '../types';
import { LruCache, detach } from './cache';
import { decodeScalar, type ScalarStyle } from './decodeScalar';
import { approximateMap, type OffsetMap } from './offsetMap';
import { provenClean } from './quickCheck';
import { reparseDocument } from './reparse';
import { safeParseAllDocuments } from './safeParse';
import { aliasProblem, clampProblems, compactStrings, docProblems, firstLine, markUnresolvedAliases, parseYamlDoc, tooLargeProblem, yamlOptions } from './yamlProblems';

/** The part of an embedded parse that does not depend on where the scalar sits; shared, never mutate it. */
export interface InnerParse {
  /** The decoded string, the text the inner offsets count in. */
  text: string;
  /** Parsed on first read when the text was proven clean without it (most packs' values are only ever validated). */
  readonly docs: Document.Parsed[];
  /** Problems in inner offsets. */
  problems: Problem[];
  /** Inner offset to offset relative to the scalar's `range[0]`. */
  readonly map: OffsetMap;
  /** False when the scalar could not be decoded exactly and positions are proportional guesses. */
  readonly exact: boolean;
}

export interface EmbeddedYaml {
  text: string;
  /** One document for values; any number for manifest content. */
  docs: Document.Parsed[];
  doc: Document.Parsed | undefined;
  /** Inner problems, already moved to outer offsets. */
  problems: Problem[];
  inner: InnerParse;
  style: ScalarStyle;
  /** Outer offset of the scalar (its block header or opening quote) and of its content's end. */
  start: number;
  end: number;
  exact: boolean;
  toOuter(inner: number): number;
  toOuterSpan(span: Span): Span;
  /** Inner offset under an outer offset, or undefined outside the scalar's content. */
  toInner(outer: number): number | undefined;
}

export interface EmbeddedOptions {
  /** Manifest content may hold several documents separated by `---`. */
  multi?: boolean;
  limits?: SyntaxLimits;
  /** Defaults to a module-wide cache; pass null to parse afresh. */
  cache?: EmbeddedCache | null;
  /** The parse of this very scalar text, known from an earlier version of the outer document. */
  reuse?: InnerParse;
  /** The parse of an earlier version of this scalar: an edit inside one of its values re-parses that value alone. */
  previous?: InnerParse;
}

export type EmbeddedCache = LruCache<string, InnerParse>;

/**
 * `maxChars` bounds the text held (source plus decoded, the weight of an entry). A cached parse
 * measured about 6.5 heap bytes per unit of weight once its strings are flattened, so 8M caps the
 * cache near 50 MB while holding a 50,000-line profile (4.2M) and its baseline's other packs.
 * Typing inside a block scalar does not add entries (profile.ts parses that scalar outside the cache).
 */
export function createEmbeddedCache(capacity = 512, maxChars = 8_000_000): EmbeddedCache {
  return new LruCache<string, InnerParse>(capacity, maxChars);
}

export const defaultEmbeddedCache: EmbeddedCache = createEmbeddedCache();

const styles = new Set<string>(['BLOCK_LITERAL', 'BLOCK_FOLDED', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'PLAIN']);

/** Undefined when `node` is not a string scalar with a source range (a map, a number, null, an alias). */
export function parseEmbedded(outerText: string, node: unknown, options: EmbeddedOptions = {}): EmbeddedYaml | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const style = (node.type && styles.has(node.type) ? node.type : 'PLAIN') as ScalarStyle;
  const [start, end] = node.range;
  if (options.reuse) return place(options.reuse, start, end, style);
  const limits = options.limits ?? defaultSyntaxLimits;
  const cache = options.cache === undefined ? defaultEmbeddedCache : options.cache;
  const block = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
  const indent = block ? parentIndentOf(outerText, node as { srcToken?: { indent?: number } }, start) : 0;
  const raw = outerText.slice(start, end);
  // The key holds a copy of the scalar's source (a slice would keep the whole outer text alive),
  // which is also what its offset map is decoded from, if it ever is.
  const key = detach(`${options.multi ? 'm' : 's'}${limits.maxBytes}/${limits.maxAliasCount}/${style}/${indent}/${node.value.length}\u0000${raw}`);
  let inner = cache?.get(key);
  if (!inner) {
    inner = parseInner(key, key.length - raw.length, style, indent, node.value, options.multi ?? false, limits, options.previous);
    cache?.set(key, inner, inner.text.length + raw.length);
  }
  // Same characters, one flat string: yaml's chain (in `value` and `source` alike) costs a few bytes
  // per line and keeps each line's slice alive.
  node.value = inner.text;
  if (typeof (node as { source?: unknown }).source === 'string') (node as { source?: unknown }).source = inner.text;
  return place(inner, start, end, style);
}

function place(inner: InnerParse, start: number, end: number, style: ScalarStyle): EmbeddedYaml {
  const toOuter = (offset: number) => start + inner.map.toRelative(offset);
  const toOuterSpan = (span: Span): Span => {
    const s = toOuter(span.start);
    return { start: s, end: Math.max(s, toOuter(span.end)) };
  };
  const toInner = (outer: number) => inner.map.toInner(outer - start);
  const n = inner.text.length;
  // An error "at the end" of a block that ends in a line break belongs on the last line, not the next.
  const atEnd = (p: Span): Span => (n > 0 && p.start >= n && inner.text[n - 1] === '\n' ? { start: n - 1, end: n } : p);
  const problems = inner.problems.map((p) => ({ ...p, ...toOuterSpan(atEnd(p)) }));
  return {
    text: inner.text,
    get docs() {
      return inner.docs;
    },
    get doc() {
      return inner.docs[0];
    },
    problems,
    inner,
    style,
    start,
    end,
    get exact() {
      return inner.exact;
    },
    toOuter,
    toOuterSpan,
    toInner,
  };
}

/**
 * `source` holds the scalar's source text from `at` (its block header or opening quote) to its end.
 * Decoding it again, for the offset map, waits until a position is asked for: most packs' values
 * are only checked, and they have nothing to place.
 */
function parseInner(source: string, at: number, style: ScalarStyle, indent: number, expected: string, multi: boolean, limits: SyntaxLimits, previous?: InnerParse): InnerParse {
  const text = detach(expected);
  let decoded: { map: OffsetMap; exact: boolean } | undefined;
  let held: string | undefined = source;
  const decode = () => {
    if (!decoded) {
      decoded = decodeExactly(held!, at, style, indent, text);
      // The cache key may still hold the source; this parse no longer needs to.
      held = undefined;
    }
    return decoded;
  };
  const big = tooLargeProblem(text.length, limits, 'embedded-too-large', 'This embedded document');
  if (big) return inner(text, decode, [], [big]);
  const problems: Problem[] = [];
  const reparsed = !multi && previous?.docs.length === 1 && previous.problems.length === 0 ? reparseDocument(previous.docs[0], previous.text, text, { sameAs: false }) : undefined;
  // yaml would report nothing for this text: its tree is built when first read, often never.
  if (!reparsed && provenClean(text, multi)) return inner(text, decode, undefined, [], multi);
  const docs = reparsed ? [reparsed.doc] : multi ? parseAll(text, problems) : [parseYamlDoc(text)];
  for (const doc of docs) {
    if (!reparsed) compactStrings(doc);
    problems.push(...docProblems(doc, 'embedded-yaml-syntax', text));
    const bomb = aliasProblem(doc, text, limits, 'embedded-yaml-alias-limit');
    if (bomb) problems.push(bomb);
  }
  return inner(text, decode, docs, clampProblems(problems, text.length));
}

/** Our decoding of the scalar, with each character's source offset; proportional guesses when it disagrees with yaml's value. */
function decodeExactly(source: string, at: number, style: ScalarStyle, indent: number, expected: string): { map: OffsetMap; exact: boolean } {
  const end = source.length;
  let decoded = decodeScalar(source, at, end, style, indent);
  if (decoded.value !== expected && (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED')) {
    // An explicit indentation indicator counts from the parent's indentation, which we may have guessed wrong.
    for (let guess = 0; guess <= 16 && decoded.value !== expected; guess++) decoded = decodeScalar(source, at, end, style, guess);
  }
  const exact = decoded.value === expected;
  return { map: exact ? decoded.map : approximateMap(expected.length, decoded.contentStart, end, at), exact };
}

/** An inner parse whose offset map is decoded, and whose documents (when not given) are parsed, on first read. */
function inner(text: string, decode: () => { map: OffsetMap; exact: boolean }, parsed: Document.Parsed[] | undefined, problems: Problem[], multi = false): InnerParse {
  let docs = parsed;
  return {
    text,
    get docs() {
      if (!docs) {
        // Proven clean: neither parse has anything to report.
        docs = multi ? parseAll(text, []) : [parseYamlDoc(text)];
        for (const doc of docs) compactStrings(doc);
      }
      return docs;
    },
    problems,
    get map() {
      return decode().map;
    },
    get exact() {
      return decode().exact;
    },
  };
}

/** An empty stream (only comments, say) yields no documents but may still carry errors. */
function parseAll(text: string, problems: Problem[]): Document.Parsed[] {
  const docs = safeParseAllDocuments(text, yamlOptions) as Document.Parsed[] | { errors?: { pos: [number, number]; message: string }[] };
  if (Array.isArray(docs) && docs.length > 0) return docs.map((doc) => markUnresolvedAliases(doc, text));
  for (const e of (docs as { errors?: { pos: [number, number]; message: string }[] }).errors ?? []) {
    problems.push({ start: e.pos[0], end: e.pos[1], severity: 'error', code: 'embedded-yaml-syntax', message: firstLine(e.message) });
  }
  return [];
}

/** yaml's lexer records the parent indentation on the block scalar token; without it, the key's column. */
function parentIndentOf(text: string, node: { srcToken?: { indent?: number } }, start: number): number {
  const recorded = node.srcToken?.indent;
  if (typeof recorded === 'number') return recorded;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let i = lineStart;
  while (i < start && (text[i] === ' ' || (text[i] === '-' && text[i + 1] === ' '))) i++;
  return i - lineStart;
}
