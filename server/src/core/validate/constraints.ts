// Checks values against a pack's schema.yaml constraints (required, readonly, format), for values.yaml and profile layers alike.
import type { SchemaConstraint } from '../parse/packFiles';
import { schemaPathMatches } from '../parse/schemaTemplate';
import type { ValueEntry, ValuesTree } from '../parse/valuesTree';
import type { Problem, Span } from '../types';
import { formatText, formatViolation, isPasswordFormat } from './formats';
import { firstLine } from './locate';

export interface ConstraintOptions {
  /** The values document's own text, for first-line spans. */
  text: string;
  /** Moves a span of `text` to the outer file (embedded profile values); identity otherwise. */
  toOuter?: (span: Span) => Span;
  /** The pack's default values: a readonly value that differs from them is flagged, a missing one they provide is not. */
  defaults?: ValuesTree;
  /**
   * Where a required value with no existing parent is reported, in outer offsets (the layer's
   * `values` key); by default the document's first line.
   */
  missingAtOuter?: Span;
  packName?: string;
  /**
   * The values are the pack's own defaults (its values.yaml): pack authors leave required values
   * empty on purpose for the profile to fill in, so that is a hint here and an error in a profile.
   */
  packDefaults?: boolean;
}

export function checkConstraints(constraints: readonly SchemaConstraint[], tree: ValuesTree, options: ConstraintOptions): Problem[] {
  const problems: Problem[] = [];
  const toOuter = options.toOuter ?? ((s: Span) => s);
  const source = options.packName ? `pack ${options.packName}'s schema.yaml` : 'schema.yaml';
  const report = (span: Span, severity: Problem['severity'], code: string, message: string) => problems.push({ ...toOuter(span), severity, code, message });
  const unset = options.packDefaults ? { severity: 'hint' as const, code: 'required-in-profile', tail: ': it must be set in the profile that uses this pack' } : { severity: 'error' as const, code: 'constraint-required', tail: '' };
  for (const constraint of constraints) {
    const template = constraint.template;
    if (!template) continue;
    const entries = matching(constraint.path, tree);
    if (template.required) {
      // Unverified how Palette fills a layer's missing keys; trusting the pack default avoids false alarms.
      const defaulted = options.defaults ? matching(constraint.path, options.defaults).some((e) => !isEmpty(e)) : false;
      if (entries.length === 0 && !defaulted) {
        const prefix = constraint.path.split('.$[]')[0];
        const list = prefix !== constraint.path && !tree.getAt(`${prefix}[0]`) ? tree.getAt(prefix) : undefined;
        const message = list ? `${list.path} has no items, but ${constraint.path} is required by ${source}` : `${constraint.path} is required by ${source} but is missing`;
        const at = list ? { inner: list.keySpan ?? list.valueSpan } : missingSpan(constraint.path, tree, options);
        if (at.outer) problems.push({ ...at.outer, severity: unset.severity, code: unset.code, message: message + unset.tail });
        else report(at.inner, unset.severity, unset.code, message + unset.tail);
      }
      for (const entry of entries) {
        if (isEmpty(entry)) report(entry.keySpan ?? entry.valueSpan, unset.severity, unset.code, `${entry.path} is required by ${source} but is empty${unset.tail}`);
      }
    }
    if (template.format) {
      for (const entry of entries) {
        if (isEmpty(entry) || entry.implied || isTemplate(entry.value)) continue;
        const value = entry.container ? {} : entry.value;
        const why = formatViolation(template.format, value);
        if (why) report(spanOfValue(entry), 'error', 'constraint-format', `${entry.path} ${shown(entry)}${why} (${source}: format "${formatText(template.format)}")`);
      }
    }
    if (template.readonly && options.defaults) {
      for (const entry of entries) {
        const original = options.defaults.getAt(entry.path);
        if (!original || entry.implied || original.implied || sameValue(entry, original)) continue;
        // A password's default is a secret too; the message must not print it.
        const was = isPasswordFormat(template.format) ? 'differs from the pack\'s default' : `the pack's default is ${describe(original)}`;
        report(spanOfValue(entry), 'warning', 'constraint-readonly', `${entry.path} is read-only in ${source}; ${was}, and Palette does not let it be changed`);
      }
    }
  }
  return problems;
}

/** Entries a schema path names; a path with `$[]` names every item of the arrays it goes through. */
function matching(path: string, tree: ValuesTree): ValueEntry[] {
  if (!path.includes('$[]')) {
    const entry = tree.getAt(path);
    return entry ? [entry] : [];
  }
  // One regex per constraint, not one per entry: a profile layer can hold tens of thousands of entries.
  const re = new RegExp(`^${path.split('.$[]').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\[\\d+\\]')}$`);
  return tree.entries.filter((e) => !e.implied && re.test(e.path));
}

/** The deepest ancestor that exists names where a missing value belongs. */
function missingSpan(path: string, tree: ValuesTree, options: ConstraintOptions): { inner: Span; outer?: Span } {
  const parts = path.split('.$[]')[0].split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = tree.getAt(parts.slice(0, n).join('.'));
    if (parent) return { inner: parent.keySpan ?? firstLine(parent.valueSpan, options.text) };
  }
  if (options.missingAtOuter) return { inner: { start: 0, end: 0 }, outer: options.missingAtOuter };
  return { inner: firstLine({ start: 0, end: options.text.length }, options.text) };
}

function isEmpty(entry: ValueEntry): boolean {
  if (entry.container || entry.implied || entry.alias) return false;
  return entry.value === null || entry.value === undefined || (typeof entry.value === 'string' && entry.value.trim() === '');
}

/** A macro or variable is resolved at deploy time; its final value cannot be checked here. */
function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

function spanOfValue(entry: ValueEntry): Span {
  return entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.keySpan ?? entry.valueSpan;
}

function shown(entry: ValueEntry): string {
  if (entry.container) return `(a ${entry.container === 'map' ? 'mapping' : 'list'}) `;
  return `'${clip(String(entry.value))}' `;
}

/** A value in a message: a long one (a certificate, a hostile input) is cut. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function plain(entry: ValueEntry): unknown {
  if (!entry.container) return entry.value;
  const node = entry.node as { toJSON?: () => unknown } | undefined;
  try {
    return node?.toJSON ? node.toJSON() : undefined;
  } catch {
    return undefined;
  }
}

function sameValue(a: ValueEntry, b: ValueEntry): boolean {
  if (!a.container && !b.container) return String(a.value) === String(b.value);
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

function describe(entry: ValueEntry): string {
  const value = plain(entry);
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? 'empty';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Values a `password` format covers: their text should be masked wherever it is shown. */
export function isSensitivePath(constraints: readonly SchemaConstraint[], valuePath: string): boolean {
  return constraints.some((c) => isPasswordFormat(c.template?.format) && schemaPathMatches(c.path, valuePath));
}
