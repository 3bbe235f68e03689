// Finds Palette macro references ({{ .spectro.pack|system|macro|var... }}) in a string, with their offsets.
import type { Span } from '../types';

export type MacroKind = 'pack' | 'system' | 'macro' | 'var' | 'unknown';
export type QuoteContext = 'single' | 'double' | 'none';

export interface MacroRef {
  kind: MacroKind;
  /** The reference as written: `.spectro.pack.edge-native-byoi.options.system.uri`. */
  reference: string;
  /** Span of the reference alone (offsets in the searched string). */
  span: Span;
  /** Span of the whole `{{ ... }}` holding it. */
  templateSpan: Span;
  /** For `pack`: the pack name (may contain hyphens). */
  pack?: string;
  packSpan?: Span;
  /** For `pack`: the dotted value path in that pack; for `system`: `kubernetes.version` etc. */
  path?: string;
  pathSpan?: Span;
  /** For `macro` and `var`: the name; for `unknown`: the word after `.spectro.`. */
  name?: string;
  nameSpan?: Span;
  /** Pipeline commands after the reference, trimmed: `default "x"`, `upper`. */
  pipes: string[];
  /** The fallback of `| default "x"` or `default "x" .spectro...`. */
  defaultValue?: string;
  /** The YAML quoting the template sits in on its line (profile variables must be single-quoted). */
  quote: QuoteContext;
  singleQuoted: boolean;
  /** True when the template is inside a YAML comment on its line. */
  inComment: boolean;
}

export interface Template {
  span: Span;
  /** The text between the braces, without trim markers. */
  expression: string;
  refs: MacroRef[];
}

const refPattern = /\.spectro\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)/g;

export function findMacros(text: string): MacroRef[] {
  return findTemplates(text).templates.flatMap((t) => t.refs);
}

/** Every `{{ ... }}` in `text` and the macro references in each; `unclosed` lists `{{` without `}}`. */
export function findTemplates(text: string): { templates: Template[]; unclosed: Span[] } {
  const templates: Template[] = [];
  const unclosed: Span[] = [];
  if (!text.includes('{{')) return { templates, unclosed };
  let covered = 0;
  for (let m = nextTemplate(text, 0); m; m = nextTemplate(text, covered)) {
    const open = text.indexOf('{{', covered);
    if (open >= 0 && open < m.start) unclosedIn(text, covered, m.start, unclosed);
    const span = { start: m.start, end: m.end };
    const context = quoteContext(text, m.start);
    templates.push({ span, expression: m.expression, refs: refsIn(m.expression, m.exprStart, span, context) });
    covered = span.end;
  }
  unclosedIn(text, covered, text.length, unclosed);
  return { templates, unclosed };
}

/**
 * The first `{{ ... }}` from `from`: what /\{\{-?([\s\S]*?)-?\}\}/ matches, found with two
 * searches instead of a lazy match, which retries every `{{` to the end of a text without `}}`.
 */
function nextTemplate(text: string, from: number): { start: number; end: number; exprStart: number; expression: string } | undefined {
  const start = text.indexOf('{{', from);
  if (start < 0) return undefined;
  const exprStart = text.charCodeAt(start + 2) === 45 /* - */ ? start + 3 : start + 2;
  const close = text.indexOf('}}', exprStart);
  // No `}}` after this `{{` means none after any later one either.
  if (close < 0) return undefined;
  const exprEnd = close > exprStart && text.charCodeAt(close - 1) === 45 /* - */ ? close - 1 : close;
  return { start, end: close + 2, exprStart, expression: text.slice(exprStart, exprEnd) };
}

function unclosedIn(text: string, from: number, to: number, out: Span[]): void {
  for (let at = text.indexOf('{{', from); at >= 0 && at < to; at = text.indexOf('{{', at + 2)) out.push({ start: at, end: at + 2 });
}

function refsIn(expression: string, base: number, templateSpan: Span, context: { quote: QuoteContext; inComment: boolean }): MacroRef[] {
  const refs: MacroRef[] = [];
  const commands = splitPipeline(expression);
  refPattern.lastIndex = 0;
  for (let m = refPattern.exec(expression); m; m = refPattern.exec(expression)) {
    const start = base + m.index;
    const reference = m[0];
    const word = m[1];
    const kind: MacroKind = word === 'pack' || word === 'system' || word === 'macro' || word === 'var' ? word : 'unknown';
    const rest = m[2];
    const restStart = start + '.spectro.'.length + word.length;
    const ref: MacroRef = { kind, reference, span: { start, end: start + reference.length }, templateSpan, pipes: [], quote: context.quote, singleQuoted: context.quote === 'single', inComment: context.inComment };
    if (kind === 'pack') {
      const parts = rest.split('.').slice(1);
      if (parts.length > 0) {
        ref.pack = parts[0];
        ref.packSpan = { start: restStart + 1, end: restStart + 1 + parts[0].length };
        if (parts.length > 1) {
          ref.path = parts.slice(1).join('.');
          ref.pathSpan = { start: ref.packSpan.end + 1, end: ref.span.end };
        }
      }
    } else if (kind === 'system') {
      if (rest) {
        ref.path = rest.slice(1);
        ref.pathSpan = { start: restStart + 1, end: ref.span.end };
      }
    } else if (kind === 'unknown') {
      ref.name = word;
      ref.nameSpan = { start: start + '.spectro.'.length, end: restStart };
    } else if (rest) {
      ref.name = rest.slice(1);
      ref.nameSpan = { start: restStart + 1, end: ref.span.end };
    }
    const idx = m.index;
    const at = commands.findIndex((c) => idx >= c.start && idx < c.end);
    if (at >= 0) {
      ref.pipes = commands.slice(at + 1).map((c) => c.text.trim());
      const own = commands[at].text.trim();
      const defaults = [...(own.startsWith('default ') ? [own] : []), ...ref.pipes.filter((p) => p.startsWith('default '))];
      const literal = defaults.length > 0 ? /"((?:[^"\\]|\\.)*)"|`([^`]*)`/.exec(defaults[0]) : null;
      if (literal) ref.defaultValue = literal[1] !== undefined ? literal[1].replace(/\\(.)/g, '$1') : literal[2];
    }
    refs.push(ref);
  }
  return refs;
}

/** Go template pipeline commands, split at `|` outside string literals. */
function splitPipeline(expression: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '|') {
      out.push({ text: expression.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  out.push({ text: expression.slice(start), start, end: expression.length });
  return out;
}

/** Reads the template's line up to it, tracking YAML quotes and comments; a line-local approximation. */
function quoteContext(text: string, at: number): { quote: QuoteContext; inComment: boolean } {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let i = lineStart;
  let quote: QuoteContext = 'none';
  /** A quote opens a YAML scalar only where a scalar can start: `it's` in a plain scalar opens nothing. */
  let canOpen = true;
  for (; i < at; i++) {
    const ch = text[i];
    if (quote === 'single') {
      if (ch === "'" && text[i + 1] === "'") i++;
      else if (ch === "'") quote = 'none';
    } else if (quote === 'double') {
      if (ch === '\\') i++;
      else if (ch === '"') quote = 'none';
    } else if (ch === ' ' || ch === '\t') continue;
    else if (ch === "'" && canOpen) quote = 'single';
    else if (ch === '"' && canOpen) quote = 'double';
    else if (ch === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) return { quote: 'none', inComment: true };
    canOpen = quote === 'none' && ':-[{,?'.includes(ch);
  }
  return { quote, inComment: false };
}
