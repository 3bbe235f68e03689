// Parses the argument of a constraint's `format`: literal text interleaved with `${TYPE}` / `${TYPE:SPEC}` parts.
import { RE2JS } from 're2js';
import type { Problem, Span } from '../types';

/**
 * The types Palette's pack-constraints page documents (string, number, boolean, password, list,
 * ipv4, version; spectrocloud/librarium docs/docs-content/registries-and-packs/pack-constraints.md).
 * ipv4cidr, ipv6 and base64 are not on that page; they stay known so schemas using them do not warn.
 */
export const knownFormatTypes = ['string', 'number', 'boolean', 'password', 'list', 'ipv4', 'ipv4cidr', 'ipv6', 'version', 'base64'] as const;

/** Types the same page shows with a `/regex/` spec. */
const regexTypes = new Set(['string', 'number', 'password']);

export interface FormatPart {
  /** `string`, `number`, `list`...; other words are kept, with a warning. */
  type: string;
  /** The RE2 pattern of `${string:/re/}`, without the slashes. */
  regex?: string;
  /** Inclusive bounds of `${number:[5000-5005]}`. */
  range?: [number, number];
  /** The choices of `${list:[A,B]}`. */
  options?: string[];
  span: Span;
}

export interface SchemaFormat {
  /** The format as written: `${string}/${string}:${version}`. */
  text: string;
  /** Literal text and parts in order; a one-part format is `[part]`. */
  pieces: (string | FormatPart)[];
  parts: FormatPart[];
  /** The part's type for a one-part format with no literal text, else `composite`. */
  type: string;
  /** The single part's regex, range and options, for a one-part format. */
  regex?: string;
  range?: [number, number];
  options?: string[];
  span: Span;
}

type Report = (start: number, end: number, message: string, severity?: Problem['severity']) => void;

/**
 * `at` is the offset of `text` in the template, `span` maps template offsets to the file. Each
 * `${` opens a part that ends at `/}` after a regex spec, at `]}` after a bracket spec, else at `}`.
 */
export function parseFormat(text: string, at: number, whole: Span, span: (s: number, e: number) => Span, report: Report): SchemaFormat | undefined {
  const pieces: (string | FormatPart)[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (!text.startsWith('${', i)) {
      literal += text[i++];
      continue;
    }
    const head = /^\$\{([A-Za-z0-9_]*)(:?)/.exec(text.slice(i))!;
    const specStart = i + head[0].length;
    const closer = !head[2] ? '}' : text[specStart] === '/' ? '/}' : text[specStart] === '[' ? ']}' : '}';
    const close = text.indexOf(closer, closer === '}' ? specStart : specStart + 1);
    if (close < 0 || !head[1] || (!head[2] && close !== specStart)) {
      report(at + i, at + text.length, 'A format part is written "${TYPE}" or "${TYPE:SPEC}", such as "${number:[1-10]}".');
      return undefined;
    }
    const end = close + closer.length;
    if (literal) pieces.push(literal);
    literal = '';
    const part = parsePart(head[1], head[2] ? text.slice(specStart, end - 1) : undefined, at + i, at + specStart, span, report);
    part.span = span(at + i, at + end);
    pieces.push(part);
    i = end;
  }
  if (literal) pieces.push(literal);
  const parts = pieces.filter((p): p is FormatPart => typeof p !== 'string');
  if (parts.length === 0) {
    report(at - 1, at + text.length + 1, 'A format is written "${TYPE}" or "${TYPE:SPEC}", such as "${number:[1-10]}".');
    return undefined;
  }
  const single = pieces.length === 1 ? parts[0] : undefined;
  return { text, pieces, parts, type: single ? single.type : 'composite', regex: single?.regex, range: single?.range, options: single?.options, span: whole };
}

function parsePart(type: string, spec: string | undefined, at: number, specAt: number, span: (s: number, e: number) => Span, report: Report): FormatPart {
  const part: FormatPart = { type, span: span(at, at) };
  if (!(knownFormatTypes as readonly string[]).includes(type)) report(at + 2, at + 2 + type.length, `Unknown format type "${type}"; Palette's pack-constraints page lists string, number, boolean, password, list, ipv4 and version (also known here: ipv4cidr, ipv6, base64).`, 'warning');
  if (spec === undefined) return part;
  const regex = /^\/([\s\S]*)\/$/.exec(spec);
  if (regex && regexTypes.has(type)) {
    part.regex = regex[1];
    const why = re2SyntaxError(regex[1]);
    if (why) report(specAt, specAt + spec.length, `This pattern does not compile as RE2: ${why}`, 'warning');
  } else if (type === 'string' || type === 'password') {
    report(specAt, specAt + spec.length, `A ${type} pattern is written between slashes: "\${${type}:/^[a-z]+$/}".`);
  } else if (type === 'number') {
    const range = /^\[\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*\]$/.exec(spec);
    if (!range) report(specAt, specAt + spec.length, 'A number range is written "${number:[MIN-MAX]}" (or a pattern "${number:/^50[0-5]$/}").');
    else {
      part.range = [Number(range[1]), Number(range[2])];
      if (part.range[0] > part.range[1]) report(specAt, specAt + spec.length, `The range is empty: ${range[1]} is above ${range[2]}.`);
    }
  } else if (type === 'list') {
    const list = /^\[([\s\S]*)\]$/.exec(spec);
    const options = list ? list[1].split(',').map((s) => s.trim()).filter((s) => s) : [];
    if (!list || options.length === 0) report(specAt, specAt + spec.length, 'A list is written "${list:[A,B,C]}" with at least one choice.');
    else part.options = options;
  } else report(specAt, specAt + spec.length, `The format "${type}" takes no ":" part.`, 'warning');
  return part;
}

/** Palette checks patterns with Go's RE2; its syntax, not JavaScript's, decides what compiles. */
function re2SyntaxError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, '');
  }
}
