// Replaces a span of a profile, inside an embedded values or manifest string too, and checks the file reads back as intended.
import { defaultSyntaxLimits } from '../syntax';
import type { EmbeddedYaml } from '../parse/embedded';
import { parseProfile, type ProfileModel } from '../parse/profile';
import { parseYamlDoc } from '../parse/yamlProblems';
import type { Span } from '../types';
import { applyEdits, type OffsetEdit } from './edits';

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

/** Reads a profile again as the editor would after an edit, without the shared embedded cache. */
export function reparse(text: string): ProfileModel {
  return parseProfile(text, { ...defaultSyntaxLimits, maxBytes: Math.max(defaultSyntaxLimits.maxBytes, text.length) }, { cache: null });
}

/**
 * The edit that writes `newText` over an outer span of the profile. Inside an embedded document the
 * edit is kept only when the embedded text reads back exactly as the inner replacement meant (an
 * outer quoted string escapes differently); elsewhere only when the YAML gains no error.
 */
export function replaceSpan(model: ProfileModel, span: Span, newText: string): OffsetEdit | undefined {
  const edit = { start: span.start, end: span.end, newText };
  const site = siteAt(model, span);
  if (!site) {
    const before = model.doc?.errors.length ?? parseYamlDoc(model.text).errors.length;
    return parseYamlDoc(applyEdits(model.text, [edit])).errors.length <= before ? edit : undefined;
  }
  const { embedded } = site;
  return readsBack(model, site, edit, { start: embedded.toInner(span.start)!, end: embedded.toInner(span.end)! });
}

/** The same, for a span given in the embedded document's own offsets. */
export function replaceInner(model: ProfileModel, site: Site, inner: Span, newText: string): OffsetEdit | undefined {
  const { embedded } = site;
  if (!embedded.exact || inner.end > embedded.text.length || inner.start > inner.end) return undefined;
  const edit = { start: embedded.toOuter(inner.start), end: embedded.toOuter(inner.end), newText };
  return edit.end >= edit.start ? readsBack(model, site, edit, inner) : undefined;
}

function readsBack(model: ProfileModel, site: Site, edit: OffsetEdit, inner: Span): OffsetEdit | undefined {
  const text = site.embedded.text;
  const want = text.slice(0, inner.start) + edit.newText + text.slice(inner.end);
  const again = siteOf(reparse(applyEdits(model.text, [edit])), site.pack, site.manifest);
  return again?.embedded.text === want ? edit : undefined;
}
