// Checks one value against a pack constraint format ("${number:[1-10]}", "${string}/${string}:${version}", ...) with RE2, in linear time.
import { RE2JS } from 're2js';
import type { FormatPart, SchemaFormat } from '../parse/schemaFormat';
import { didYouMean } from './suggest';

/** The format as written in schema.yaml, for messages. */
export function formatText(format: SchemaFormat): string {
  return format.text;
}

/** Whether a value of this format is a secret (a `${password}` part), to be masked wherever it is shown. */
export function isPasswordFormat(format: SchemaFormat | undefined): boolean {
  return !!format && format.parts.some((p) => p.type === 'password');
}

/** Why `value` does not fit `format`, or undefined when it fits (or the format is not one we check). */
export function formatViolation(format: SchemaFormat, value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return 'must be a single value, not a mapping or a list';
  const text = String(value);
  if (format.pieces.length === 1) return partViolation(format.parts[0], text, value, true);
  const whole = compositeRegex(format);
  if (!whole) return undefined;
  const m = whole.matcher(text);
  if (!m.matches()) return 'does not have the shape of the format';
  for (let i = 0; i < format.parts.length; i++) {
    const piece = m.group(i + 1) ?? '';
    const why = partViolation(format.parts[i], piece, piece, false);
    if (why) return `has '${piece.length > 60 ? `${piece.slice(0, 57)}...` : piece}' where the format's ${ordinal(i + 1)} part \${${format.parts[i].type}} is, which ${why}`;
  }
  return undefined;
}

/** `alone`: the part is the whole format, so its regex searches the value as Palette's docs show; otherwise its group already matched it. */
function partViolation(part: FormatPart, text: string, value: unknown, alone: boolean): string | undefined {
  if (alone && part.regex !== undefined) {
    const re = compileRe2(part.regex);
    if (re && !re.test(text)) return `does not match /${part.regex}/`;
  }
  switch (part.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : /^\s*[-+]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) return 'is not a number';
      if (part.range && (n < part.range[0] || n > part.range[1])) return `is outside the range ${part.range[0]}-${part.range[1]}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' || text === 'true' || text === 'false' ? undefined : 'is not true or false';
    case 'list':
      if (!part.options || part.options.includes(text.trim())) return undefined;
      return `is not one of ${part.options.join(', ')}${didYouMean(text.trim(), part.options)}`;
    case 'ipv4':
      return isIpv4(text) ? undefined : 'is not an IPv4 address';
    case 'ipv4cidr': {
      const [ip, bits, extra] = text.split('/');
      return extra === undefined && isIpv4(ip) && /^(3[0-2]|[12]?\d)$/.test(bits ?? '') ? undefined : 'is not an IPv4 CIDR such as 10.0.0.0/16';
    }
    case 'ipv6':
      return isIpv6(text) ? undefined : 'is not an IPv6 address';
    case 'version':
      return semver.test(text) ? undefined : 'is not a version such as 1.2.3';
    case 'base64': {
      const compact = text.replace(/\s+/g, '');
      return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0 ? undefined : 'is not base64';
    }
    default:
      // string and password need no shape; unknown types were already flagged in schema.yaml.
      return undefined;
  }
}

const semverSource = 'v?(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?';
const semver = new RegExp(`^${semverSource}$`);

/**
 * What each part may look like inside a composite format, in RE2 syntax. Tight shapes keep the
 * split between parts where a reader would put it; the part's own check then runs on its group.
 */
function partSource(part: FormatPart): string {
  if (part.regex !== undefined) return `(?:${unanchored(part.regex)})`;
  switch (part.type) {
    case 'number':
      return '[-+]?[0-9]+(?:\\.[0-9]+)?';
    case 'boolean':
      return 'true|false';
    case 'list':
      return part.options ? part.options.map((o) => RE2JS.quote(o)).join('|') : '(?s:.*)';
    case 'ipv4':
      return '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}';
    case 'ipv4cidr':
      return '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}/[0-9]{1,2}';
    case 'ipv6':
      return '[0-9A-Fa-f:.]+';
    case 'version':
      return semverSource;
    case 'base64':
      return '[A-Za-z0-9+/=\\s]*';
    default:
      return '(?s:.*)';
  }
}

/** A part's own `^` and `$` mean "the whole part" once it sits between other parts. */
function unanchored(pattern: string): string {
  const flags = /^\(\?[imsU]+\)/.exec(pattern)?.[0] ?? '';
  let body = pattern.slice(flags.length);
  if (body.startsWith('^')) body = body.slice(1);
  if (body.endsWith('$') && !/(^|[^\\])(\\\\)*\\\$$/.test(body)) body = body.slice(0, -1);
  return flags + body;
}

const compositeCache = new Map<string, RE2JS | null>();

function compositeRegex(format: SchemaFormat): RE2JS | undefined {
  const source = format.pieces.map((p) => (typeof p === 'string' ? RE2JS.quote(p) : `(${partSource(p)})`)).join('');
  return cached(compositeCache, source, () => RE2JS.compile(source));
}

const patternCache = new Map<string, RE2JS | null>();

/**
 * A pattern from a pack, compiled with RE2 semantics (Palette's engine, linear time whatever the
 * pattern); undefined when it does not compile, which schema.yaml already reports.
 */
export function compileRe2(pattern: string): RE2JS | undefined {
  return cached(patternCache, pattern, () => RE2JS.compile(pattern));
}

/** Schemas come from every pack a workspace holds; the caches stay bounded all the same. */
const maxCached = 2000;

function cached(cache: Map<string, RE2JS | null>, key: string, compile: () => RE2JS): RE2JS | undefined {
  const known = cache.get(key);
  if (known !== undefined) return known ?? undefined;
  let re: RE2JS | null = null;
  try {
    re = compile();
  } catch {
    re = null;
  }
  if (cache.size >= maxCached) cache.clear();
  cache.set(key, re);
  return re ?? undefined;
}

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

function isIpv4(text: string): boolean {
  return /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(text);
}

function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half ? half.split(':') : []);
  const parts = [...groups(halves[0]), ...(halves.length === 2 ? groups(halves[1]) : [])];
  let width = parts.length;
  if (parts.length > 0 && isIpv4(parts[parts.length - 1])) {
    parts.pop();
    width++;
  }
  if (!parts.every((p) => /^[0-9A-Fa-f]{1,4}$/.test(p))) return false;
  return halves.length === 2 ? width < 8 : width === 8;
}
