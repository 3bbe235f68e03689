// Parses a pack constraint template such as '{{ required | format "${number:[1-10]}" | hints "a" }}' with spans.
import type { Problem, Span } from '../types';

import { parseFormat, type SchemaFormat } from './schemaFormat';

export { knownFormatTypes, type FormatPart, type SchemaFormat } from './schemaFormat';

export interface SchemaTemplate {
  required: boolean;
  readonly: boolean;
  format?: SchemaFormat;
  hints?: string[];
  hintSpans?: Span[];
  /** Every function named in the template, in order, with its span. */
  functions: { name: string; span: Span }[];
}

interface Token {
  kind: 'word' | 'string' | 'pipe';
  text: string;
  start: number;
  end: number;
}

const code = 'schema-template';

/**
 * `toOuter` maps offsets in `text` (the decoded YAML string) to the file, so spans and problems are
 * file offsets. Returns no template when the text is not a `{{ ... }}` expression at all.
 */
export function parseSchemaTemplate(text: string, toOuter: (offset: number) => number = (o) => o): { template?: SchemaTemplate; problems: Problem[] } {
  const problems: Problem[] = [];
  const span = (start: number, end: number): Span => ({ start: toOuter(start), end: toOuter(end) });
  const report = (start: number, end: number, message: string, severity: Problem['severity'] = 'error') => problems.push({ ...span(start, Math.max(end, start + 1)), severity, code, message });
  const open = text.indexOf('{{');
  const close = text.lastIndexOf('}}');
  if (open < 0 || close < open || text.slice(0, open).trim() || text.slice(close + 2).trim()) {
    report(0, text.length, 'A pack constraint must be one template: \'{{ required | format "${string}" }}\'.');
    return { problems };
  }
  const tokens = tokenize(text, open + 2, close, report);
  const template: SchemaTemplate = { required: false, readonly: false, functions: [] };
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'pipe') commands.push([]);
    else commands[commands.length - 1].push(token);
  }
  for (const command of commands) {
    const [head, ...args] = command;
    if (!head) {
      report(open, close + 2, 'Empty command in the template (a stray "|"?).');
      continue;
    }
    if (head.kind !== 'word') {
      report(head.start, head.end, 'Expected a function name (required, readonly, format, hints) here.');
      continue;
    }
    if (template.functions.some((f) => f.name === head.text)) report(head.start, head.end, `"${head.text}" appears twice.`, 'warning');
    template.functions.push({ name: head.text, span: span(head.start, head.end) });
    const strings = args.filter((a) => a.kind === 'string');
    if (strings.length !== args.length) report(args[0].start, args[args.length - 1].end, `The arguments of "${head.text}" must be quoted strings.`);
    if (head.text === 'required' || head.text === 'readonly') {
      template[head.text] = true;
      if (args.length > 0) report(args[0].start, args[args.length - 1].end, `"${head.text}" takes no arguments.`);
    } else if (head.text === 'format') {
      if (strings.length !== 1) report(head.start, (args[args.length - 1] ?? head).end, '"format" takes one argument, such as "${string}" or "${number:[1-10]}".');
      // The argument's text maps one for one to the source only without escapes.
      if (strings[0]) template.format = parseFormat(strings[0].text, strings[0].start + 1, span(strings[0].start, strings[0].end), span, report);
    } else if (head.text === 'hints') {
      if (strings.length === 0) report(head.start, head.end, '"hints" needs at least one quoted hint.');
      template.hints = strings.map((s) => s.text);
      template.hintSpans = strings.map((s) => span(s.start, s.end));
    } else report(head.start, head.end, `Unknown function "${head.text}"; Palette knows required, readonly, format and hints.`, 'warning');
  }
  return { template, problems };
}

function tokenize(text: string, from: number, to: number, report: (s: number, e: number, m: string) => void): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || (ch === '-' && (i === from || i === to - 1))) i++;
    else if (ch === '|') tokens.push({ kind: 'pipe', text: '|', start: i, end: ++i });
    else if (ch === '"' || ch === '`') {
      let j = i + 1;
      let value = '';
      while (j < to && text[j] !== ch) {
        // Only \" and \\ are escapes: the docs' own example keeps \d of a pattern inside double quotes.
        if (ch === '"' && text[j] === '\\' && j + 1 < to) {
          if (text[j + 1] === '"' || text[j + 1] === '\\') j++;
          else value += text[j++];
        }
        value += text[j++];
      }
      if (j >= to) report(i, to, 'This string is not closed.');
      tokens.push({ kind: 'string', text: value, start: i, end: Math.min(j + 1, to) });
      i = j + 1;
    } else {
      let j = i;
      while (j < to && !/[\s|"`]/.test(text[j])) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return tokens;
}

/** Whether a schema key (`a.b.$[].c`) names a values path (`a.b[2].c`). */
export function schemaPathMatches(schemaPath: string, valuePath: string): boolean {
  const pattern = schemaPath
    .split('.$[]')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\[\\d+\\]');
  return new RegExp(`^${pattern}$`).test(valuePath);
}
