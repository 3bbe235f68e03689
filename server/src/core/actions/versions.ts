// Version edits: pin a floating pack tag to the newest exact version known in its line, and bump spec.version.
import type { Field } from '../parse/fields';
import type { PackModel, ProfileModel } from '../parse/profile';
import { compareTags, parseSemver, parseTag } from '../plan/semver';
import { scalarText, type OffsetEdit } from './edits';
import { replaceSpan } from './sites';

/** True when `version` is exact and inside the line a floating `tag` names (`1.30.5` is in `1.30.x`, `v1.30.5` too). */
export function inLine(tag: string, version: string): boolean {
  const line = parseTag(tag);
  const exact = parseTag(version);
  if (!line?.floating || !exact || exact.floating || exact.minor === undefined || exact.patch === undefined) return false;
  return line.major === exact.major && (line.minor === undefined || line.minor === exact.minor) && (line.patch === undefined || line.patch === exact.patch);
}

/** The newest of `versions` in the tag's line; a release wins over its own pre-releases by tag order. */
export function newestInLine(tag: string, versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (inLine(tag, v) && (best === undefined || (compareTags(v, best) ?? 0) > 0)) best = v;
  return best;
}

/** Writes a new value over a top-level scalar field, keeping its quotes. */
export function fieldEdit(model: ProfileModel, field: Field | undefined, value: string): OffsetEdit | undefined {
  if (!field || field.type === 'map' || field.type === 'seq' || field.type === 'alias' || field.span.end <= field.span.start) return undefined;
  return replaceSpan(model, field.span, scalarText(value, model.text.slice(field.span.start, field.span.end)));
}

export function pinTagEdit(model: ProfileModel, pack: PackModel, version: string): OffsetEdit | undefined {
  return fieldEdit(model, pack.tag, version);
}

export type Bump = 'patch' | 'minor' | 'major';
export const bumps: readonly Bump[] = ['patch', 'minor', 'major'];

/**
 * The next version as `npm version` counts: a pre-release is released at its own number when that
 * number already is the bump (`1.3.0-rc.1` minor → `1.3.0`); build metadata is dropped.
 */
export function bumpVersion(version: string, bump: Bump): string | undefined {
  const v = parseSemver(version);
  if (!v) return undefined;
  const pre = v.prerelease.length > 0;
  if (bump === 'major') return pre && v.minor === 0 && v.patch === 0 ? `${v.major}.0.0` : `${v.major + 1}.0.0`;
  if (bump === 'minor') return pre && v.patch === 0 ? `${v.major}.${v.minor}.0` : `${v.major}.${v.minor + 1}.0`;
  return pre ? `${v.major}.${v.minor}.${v.patch}` : `${v.major}.${v.minor}.${v.patch + 1}`;
}

export function bumpEdit(model: ProfileModel, bump: Bump): { version: string; edit: OffsetEdit } | undefined {
  const next = model.version ? bumpVersion(model.version.value, bump) : undefined;
  const edit = next ? fieldEdit(model, model.version, next) : undefined;
  return next && edit ? { version: next, edit } : undefined;
}
