// Entry points of validation: a whole profile, or one pack file; every problem in outer offsets, nothing thrown.
import type { SchemaConstraint } from '../parse/packFiles';
import type { ProfileModel } from '../parse/profile';
import { valuesTree, type ValuesTree } from '../parse/valuesTree';
import type { Problem } from '../types';
import { checkConstraints } from './constraints';
import { layerProblems } from './layers';
import { macroProblems } from './macroRules';
import { packJsonProblems, packPresetsProblems, packSchemaProblems, packValuesProblems, type PackFileKind, type PackSiblings } from './packFile';
import { outerSchemaProblems, valuesSchemaProblems } from './profileSchema';

export { checkConstraints, isSensitivePath, type ConstraintOptions } from './constraints';
export { compileRe2, formatViolation, isPasswordFormat } from './formats';
export { systemMacros } from './macroRules';
export { valuesSchemaFor } from './valuesSchema';
export type { PackFileKind, PackSiblings } from './packFile';

/** What the caller knows of a pack folder whose name matches a profile layer. */
export interface PackFolder {
  /** The pack's values.yaml (its defaults), e.g. `parsePackValues(text).tree`. */
  values?: ValuesTree;
  /** The pack's schema.yaml, e.g. `parsePackSchema(text).constraints`. */
  constraints?: readonly SchemaConstraint[];
  /** pack.json's version: a layer pinned to another version is not checked against this folder. */
  version?: string;
}

export interface ValidateProfileOptions {
  packFolders?: ReadonlyMap<string, PackFolder>;
}

/**
 * Schema, layer, macro and constraint problems of a parsed profile. The model's own syntax
 * problems (`model.problems`) are not repeated; the caller shows both.
 */
export function validateProfile(model: ProfileModel, options: ValidateProfileOptions = {}): Problem[] {
  const problems: Problem[] = [];
  // Each stage stands alone: a bug in one must not take the others' diagnostics with it.
  const stages: (() => Problem[])[] = [
    () => outerSchemaProblems(model),
    () => valuesSchemaProblems(model),
    () => layerProblems(model),
    () => macroProblems(model),
    () => folderProblems(model, options.packFolders),
  ];
  for (const stage of stages) {
    try {
      problems.push(...stage());
    } catch {
      // Validation never throws; a stage that fails reports nothing.
    }
  }
  return finish(problems, model.text.length);
}

/** Every problem of one pack file: its syntax, its schema, and its siblings' constraints or values when given. */
export function validatePackFile(kind: PackFileKind, text: string, siblings: PackSiblings = {}): Problem[] {
  try {
    const problems =
      kind === 'pack-json' ? packJsonProblems(text, siblings) : kind === 'pack-values' ? packValuesProblems(text, siblings) : kind === 'pack-schema' ? packSchemaProblems(text) : kind === 'pack-presets' ? packPresetsProblems(text, siblings) : [];
    return finish(problems, text.length);
  } catch {
    return [];
  }
}

function folderProblems(model: ProfileModel, folders: ReadonlyMap<string, PackFolder> | undefined): Problem[] {
  if (!folders || folders.size === 0) return [];
  const problems: Problem[] = [];
  for (const pack of model.packs) {
    const folder = pack.name ? folders.get(pack.name.value) : undefined;
    const values = pack.values;
    // A manifest layer is not a registry pack, whatever its name.
    if (!folder?.constraints || pack.type?.value === 'manifest' || !sameVersion(folder.version, pack.tag?.value)) continue;
    const missingAtOuter = pack.valuesField?.keySpan ?? pack.name?.keySpan ?? pack.span;
    if (!values || !values.text.trim()) {
      // A layer without values deploys the pack's defaults: a required value they leave empty is missing here.
      problems.push(...checkConstraints(folder.constraints, valuesTree(undefined), { text: '', defaults: folder.values, missingAtOuter, packName: pack.name?.value }));
      continue;
    }
    if (!values.doc || values.doc.errors.length > 0) continue;
    problems.push(
      ...checkConstraints(folder.constraints, valuesTree(values.doc), {
        text: values.text,
        toOuter: values.toOuterSpan,
        defaults: folder.values,
        missingAtOuter,
        packName: pack.name?.value,
      }),
    );
  }
  return problems;
}

/** Another version's schema.yaml may require other values; a floating tag (1.2.x) or an unknown version is taken as this one. */
function sameVersion(folderVersion: string | undefined, tag: string | undefined): boolean {
  if (!folderVersion || !tag) return true;
  const pattern = tag.trim().replace(/^v/, '').split('.');
  const version = folderVersion.trim().replace(/^v/, '').split('.');
  return pattern.length === version.length && pattern.every((part, i) => part === 'x' || part === version[i]);
}

/** In document order, inside the text, without exact repeats. */
function finish(problems: Problem[], length: number): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const start = Math.min(Math.max(0, p.start | 0), length);
    const end = Math.min(Math.max(start, p.end | 0), length);
    const key = `${start}:${end}:${p.code}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...p, start, end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
