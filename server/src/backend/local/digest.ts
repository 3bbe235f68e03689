// Checks that a stored version reads back whole: the sha256 written beside it at publish, then its YAML and its shape.
import { createHash } from 'node:crypto';
import { parseProfile } from '../../core/parse/profile';
import { defaultSyntaxLimits } from '../../core/syntax';
import { BackendError } from '../types';

/** `sha256:<hex>` of the file's UTF-8 bytes, as kept in `meta/<name>/<version>.json`. */
export function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

function refuse(file: string, why: string): never {
  throw new BackendError('refused', `The stored version ${file} does not read back whole (${why}), so nothing is applied or written from it. Restore the file from version control, or publish the profile again under a new version.`);
}

/**
 * The checks a version must pass before anything is built on it. A mismatching digest means the bytes
 * changed since publish (a torn copy, an edit by hand); without a digest (a store older than digests)
 * the YAML and shape checks still catch an empty, truncated-to-garbage or foreign file.
 */
export function checkVersionText(text: string, expect: { name: string; version: string; digest?: string }, file: string): void {
  if (expect.digest !== undefined && digestOf(text) !== expect.digest) refuse(file, `its content does not match the digest recorded when it was published`);
  if (!text.trim()) refuse(file, 'it is empty');
  checkProfileShape(text, expect, file, refuse);
}

/** YAML that parses to a profile of this name and version with a list of packs; the same check serves a version read from Palette. */
export function checkProfileShape(text: string, expect: { name: string; version: string }, file: string, fail: (file: string, why: string) => never = refuse): void {
  const model = parseProfile(text, defaultSyntaxLimits);
  const syntax = model.problems.find((p) => p.severity === 'error');
  if (syntax) fail(file, `its YAML does not parse: ${syntax.message}`);
  if (!model.doc) fail(file, 'it is not a profile');
  if (model.name?.value !== expect.name) fail(file, model.name ? `it names profile ${model.name.value}, not ${expect.name}` : 'it has no metadata.name');
  if (model.version?.value !== expect.version) fail(file, model.version ? `it is version ${model.version.value}, not ${expect.version}` : 'it has no spec.version');
  if (model.packs.length === 0) fail(file, 'it has no packs under spec.template.packs');
}
