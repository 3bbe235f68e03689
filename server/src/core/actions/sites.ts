// Replaces a span of a profile, inside an embedded values or manifest string too, and checks the file reads back as intended.
import { defaultSyntaxLimits } from '../syntax';
import type { EmbeddedYaml } from '../parse/embedded';
import { parseProfile, type ProfileModel } from '../parse/profile';
import { parseYamlDoc } from '../parse/yamlProblems';
import type { Span } from '../types';
import { applyEdits, lineEdit, type OffsetEdit } from './edits';

/** An embedded document of a profile: a pack's values, or one manifest's content. */
export interface Site {
  pack: number;
  manifest?: number;
  embedded: EmbeddedYaml;
}

export function siteOf(model: ProfileModel, pack: number, manifest?: number): Site | undefined {
  const p = model.packs[pack];
  const embedded = manifest === undefined ? p?.values : p?.manifests[manifest]?.content;
  return embedded ? { pack, manifest, embedded } : undefined;
}

/** The embedded document whose content holds the whole span, if any. */
export function siteAt(model: ProfileModel, span: Span): Site | undefined {
  for (const pack of model.packs) {
    if (span.start < pack.span.start || span.end > pack.span.end) continue;
    const candidates = [siteOf(model, pack.index), ...pack.manifests.map((m) => siteOf(model, pack.index, m.index))];
    for (const site of candidates) {
      if (!site) continue;
      const { embedded } = site;
      if (span.start >= embedded.start && span.end <= embedded.end && embedded.toInner(span.start) !== undefined && embedded.toInner(span.end) !== undefined) return site;
    }
  }
  return undefined;
}

let last: { text: string; model: ProfileModel } | undefined;

/**
 * Reads a profile again as the editor would after an edit. The shared embedded cache is keyed by
 * each scalar's exact text, so only the packs an edit touched are parsed again; the last result is
 * kept because checking an edit and then re-planning it read the same text (see forgetReparse).
 */
export function reparse(text: string): ProfileModel {
  if (last?.text !== text) last = { text, model: parseProfile(text, { ...defaultSyntaxLimits, maxBytes: Math.max(defaultSyntaxLimits.maxBytes, text.length) }) };
  return last.model;
}

/** Drops the kept parse, which for a large profile is large. */
export function forgetReparse(): void {
  last = undefined;
}

/**
 * The edit that writes `newText` (a scalar as scalarText spells it) over an outer span of the
 * profile. Inside an embedded document the edit is kept only when the embedded text reads back
 * exactly as the inner replacement meant (an outer quoted string escapes differently); elsewhere
 * only when the YAML gains no error.
 */
export function replaceSpan(model: ProfileModel, span: Span, newText: string): OffsetEdit | undefined {
  const edit = { start: span.start, end: span.end, newText };
  const site = siteAt(model, span);
  if (!site) {
    if (isBlockPairValue(model.text, span) && !/[\r\n]/.test(newText)) return edit;
    const before = model.doc?.errors.length ?? parseYamlDoc(model.text).errors.length;
    return parseYamlDoc(applyEdits(model.text, [edit])).errors.length <= before ? edit : undefined;
  }
  const { embedded } = site;
  return once(() => readsBack(model, site, edit, { start: embedded.toInner(span.start)!, end: embedded.toInner(span.end)!, newText }));
}

/** The same, for a span given in the embedded document's own offsets. */
export function replaceInner(model: ProfileModel, site: Site, inner: Span, newText: string): OffsetEdit | undefined {
  const { embedded } = site;
  if (!embedded.exact || inner.end > embedded.text.length || inner.start > inner.end) return undefined;
  const edit = { start: embedded.toOuter(inner.start), end: embedded.toOuter(inner.end), newText };
  return edit.end >= edit.start ? once(() => readsBack(model, site, edit, { ...inner, newText })) : undefined;
}

/** A check whose re-parse nothing reuses afterwards: dropping it keeps a large profile's parse from staying alive. */
function once<T>(check: () => T): T {
  try {
    return check();
  } finally {
    forgetReparse();
  }
}

/**
 * Writes a new text for an embedded document whose outer scalar is a literal block, changing only
 * the lines that differ and indenting new lines like the block's; undefined for other styles.
 */
export function writeInner(model: ProfileModel, site: Site, next: string): OffsetEdit | undefined {
  const { embedded } = site;
  const inner = lineEdit(embedded.text, next);
  if (!inner || !embedded.exact || embedded.style !== 'BLOCK_LITERAL') return undefined;
  const start = embedded.toOuter(inner.start);
  const indent = model.text.slice(model.text.lastIndexOf('\n', start - 1) + 1, start);
  if (!/^ +$/.test(indent)) return undefined;
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const newText = inner.newText
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join(eol);
  const end = embedded.toOuter(inner.end);
  return end >= start ? readsBack(model, site, { start, end, newText }, inner) : undefined;
}

/** `inner` is the replaced span of the embedded text, and what it is replaced with there. */
function readsBack(model: ProfileModel, site: Site, edit: OffsetEdit, inner: OffsetEdit): OffsetEdit | undefined {
  if (literalOnItsLine(model.text, site.embedded, edit, inner)) return edit;
  const text = site.embedded.text;
  const want = text.slice(0, inner.start) + inner.newText + text.slice(inner.end);
  const again = siteOf(reparse(applyEdits(model.text, [edit])), site.pack, site.manifest);
  return again?.embedded.text === want ? edit : undefined;
}

/**
 * A line of a block scalar is taken literally up to its line break, so one-line text that neither
 * changes the line's indentation nor empties it (chomping and folding treat empty lines apart),
 * written where outer and inner offsets run in step, needs no re-parse.
 */
function literalOnItsLine(text: string, embedded: EmbeddedYaml, edit: OffsetEdit, inner: OffsetEdit): boolean {
  if (!embedded.exact || (embedded.style !== 'BLOCK_LITERAL' && embedded.style !== 'BLOCK_FOLDED') || edit.newText !== inner.newText) return false;
  if (/[\r\n]/.test(edit.newText + text.slice(edit.start, edit.end)) || /^\s/.test(edit.newText) || edit.newText.trim() === '') return false;
  return embedded.toInner(edit.start) === inner.start && embedded.toInner(edit.end) === inner.end && inner.end - inner.start === edit.end - edit.start;
}

/** `key: <span>  # comment` on one line of a block mapping, where a one-line scalar token always fits. */
function isBlockPairValue(text: string, span: Span): boolean {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', span.start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  if (span.end > end) return false;
  return /^ *(?:- +)?[A-Za-z0-9_][\w.-]*: +$/.test(text.slice(lineStart, span.start)) && /^\s*(?:#.*)?$/.test(text.slice(span.end, end));
}
