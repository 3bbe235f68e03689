// Validates one file of a pack folder (pack.json, values.yaml, schema.yaml, presets.yaml), using its siblings when known.
import { parsePackJson, parsePackPresets, parsePackSchema, parsePackValues } from '../parse/packFiles';
import { valuesTree, type ValuesTree } from '../parse/valuesTree';
import type { Problem } from '../types';
import { schemaProblems } from './check';
import { checkConstraints } from './constraints';
import { packJsonFolderProblems, packValuesFolderProblems, type FolderFacts } from './packFolder';
import { plainData } from './profileSchema';

export type PackFileKind = 'pack-json' | 'pack-values' | 'pack-schema' | 'pack-presets';

/** What the caller read of the pack's folder; each check that needs a part it lacks is skipped. */
export interface PackSiblings extends FolderFacts {
  valuesText?: string;
  schemaText?: string;
}

export function packJsonProblems(text: string, siblings: PackSiblings = {}): Problem[] {
  const parsed = parsePackJson(text);
  if (parsed.value === undefined) return parsed.problems;
  return [...parsed.problems, ...schemaProblems('pack', parsed.value, { doc: parsed.doc, text }), ...packJsonFolderProblems(parsed, text, siblings)];
}

export function packValuesProblems(text: string, siblings: PackSiblings): Problem[] {
  const parsed = parsePackValues(text);
  const problems = [...parsed.problems];
  if (siblings.schemaText !== undefined && parsed.doc && parsed.doc.errors.length === 0) {
    const constraints = parsePackSchema(siblings.schemaText).constraints;
    problems.push(...checkConstraints(constraints, parsed.tree, { text, packDefaults: true }));
  }
  if (parsed.doc && parsed.doc.errors.length === 0) problems.push(...packValuesFolderProblems(parsed.tree, text, siblings));
  return problems;
}

export function packSchemaProblems(text: string): Problem[] {
  const parsed = parsePackSchema(text);
  const plain = plainData(parsed.doc);
  if (!plain) return parsed.problems;
  // The template parser already reports a schema that is not a string, not a template, or missing.
  const skip = (e: { instancePath: string; keyword: string; params: unknown }) =>
    (/^\/[^/]*\/schema$/.test(e.instancePath) && (e.keyword === 'pattern' || e.keyword === 'type')) ||
    (e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'schema');
  return [...parsed.problems, ...schemaProblems('pack-constraints', plain.data, { doc: parsed.doc, text, skip })];
}

export function packPresetsProblems(text: string, siblings: PackSiblings): Problem[] {
  const parsed = parsePackPresets(text);
  const problems = [...parsed.problems];
  const plain = plainData(parsed.doc);
  // An empty presets.yaml (or one of comments only) offers no presets, and Palette takes it (kyverno 1.12.2 in pack-central has one).
  if (plain && plain.data !== null && plain.data !== undefined) problems.push(...schemaProblems('presets', plain.data, { doc: parsed.doc, text }));
  const names = new Map<string, number>();
  for (const preset of parsed.presets) {
    if (preset.name?.type !== 'string') continue;
    const first = names.get(preset.name.value);
    if (first === undefined) names.set(preset.name.value, preset.index);
    else problems.push({ ...preset.name.span, severity: 'error', code: 'preset-duplicate', message: `Preset name '${preset.name.value}' is already used by presets[${first}]; names are unique within a pack` });
  }
  if (siblings.valuesText !== undefined) {
    const values = parsePackValues(siblings.valuesText);
    if (values.doc && values.doc.errors.length === 0) {
      // Presets of a group replace one another: one removes what another adds (Dell's csm-operator packs do).
      const added = parsed.presets.map((p) => (p.add?.doc && p.add.doc.errors.length === 0 ? valuesTree(p.add.doc) : undefined)).filter((t): t is ValuesTree => t !== undefined);
      for (const preset of parsed.presets) {
        for (const path of preset.remove) {
          if (path.type !== 'string' || !path.value || values.tree.getAt(path.value) || added.some((t) => t.getAt(path.value))) continue;
          // Not a warning: a remove also clears what a profile's values hold from an edit or an older
          // version of the pack (Dell's csm-operator presets remove keys their earlier versions added).
          problems.push({ ...path.span, severity: 'info', code: 'preset-remove-unknown', message: `Neither values.yaml nor any preset adds a value at '${path.value}'; removing it only matters to a profile whose values still hold it` });
        }
      }
    }
  }
  return problems;
}
