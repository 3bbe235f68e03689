// Checks one value against a pack constraint format ("${number:[1-10]}", "${list:[A,B]}", ...), with RE2 patterns approximated in JS.
import type { SchemaFormat } from '../parse/schemaTemplate';
import { didYouMean } from './suggest';

/** The format as written in schema.yaml, for messages. */
export function formatText(format: SchemaFormat): string {
  if (format.regex !== undefined) return `\${${format.type}:/${format.regex}/}`;
  if (format.range) return `\${${format.type}:[${format.range[0]}-${format.range[1]}]}`;
  if (format.options) return `\${${format.type}:[${format.options.join(',')}]}`;
  return `\${${format.type}}`;
}

/** Why `value` does not fit `format`, or undefined when it fits (or the format is not one we check). */
export function formatViolation(format: SchemaFormat, value: unknown): string | undefined {
  if (value !== null && typeof value === 'object') return 'must be a single value, not a mapping or a list';
  const text = String(value);
  switch (format.type) {
    case 'string': {
      if (format.regex === undefined) return undefined;
      const re = re2ToJs(format.regex);
      return re && !re.test(text) ? `does not match /${format.regex}/` : undefined;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) return 'is not a number';
      if (format.range && (n < format.range[0] || n > format.range[1])) return `is outside the range ${format.range[0]}-${format.range[1]}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' || text === 'true' || text === 'false' ? undefined : 'is not true or false';
    case 'list':
      if (!format.options || format.options.includes(text.trim())) return undefined;
      return `is not one of ${format.options.join(', ')}${didYouMean(text.trim(), format.options)}`;
    case 'ipv4':
      return isIpv4(text) ? undefined : 'is not an IPv4 address';
    case 'ipv4cidr': {
      const [ip, bits, extra] = text.split('/');
      return extra === undefined && isIpv4(ip) && /^(3[0-2]|[12]?\d)$/.test(bits ?? '') ? undefined : 'is not an IPv4 CIDR such as 10.0.0.0/16';
    }
    case 'ipv6':
      return isIpv6(text) ? undefined : 'is not an IPv6 address';
    case 'version':
      return /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(text) ? undefined : 'is not a version such as 1.2.3';
    case 'base64': {
      const compact = text.replace(/\s+/g, '');
      return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0 ? undefined : 'is not base64';
    }
    default:
      // password needs no shape; unknown types were already flagged in schema.yaml.
      return undefined;
  }
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

const compiled = new Map<string, RegExp | null>();
const posix: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  xdigit: '0-9A-Fa-f', word: '\\w', punct: '!-\\/:-@\\[-`{-~', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/**
 * Go's RE2 syntax, approximated: leading flag groups become JS flags, named groups, \A and \z
 * anchors and POSIX classes are rewritten. RE2 matches anywhere unless anchored, like `test`.
 * Undefined when the pattern still does not compile in JS (schema.yaml already warns about it).
 */
export function re2ToJs(pattern: string): RegExp | undefined {
  const known = compiled.get(pattern);
  if (known !== undefined) return known ?? undefined;
  let source = pattern;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    source = source.slice(lead[0].length);
    for (const f of lead[1]) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:([a-z]+):\]/g, (whole, name: string) => posix[name] ?? whole);
  let re: RegExp | null = null;
  for (const f of [flags + 'u', flags]) {
    try {
      re = new RegExp(source, f);
      break;
    } catch {
      // Unicode mode rejects some escapes RE2 accepts (\-, \:); plain mode is the fallback.
    }
  }
  compiled.set(pattern, re);
  return re ?? undefined;
}
