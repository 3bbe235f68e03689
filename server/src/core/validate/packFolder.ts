// pack-central's CI rules for a pack folder beyond pack.json's JSON Schema: version prefix, logo and README, the images list.
import type { PackJson } from '../parse/packFiles';
import type { ValuesTree } from '../parse/valuesTree';
import type { Problem, Span } from '../types';
import { firstLine } from './locate';
import { didYouMean } from './suggest';

/**
 * The checks of spectrocloud/pack-central validator/validate-packs.sh (run_validations). Each is a
 * warning: Palette's own registry takes packs without them (its docs call logo.png optional, and
 * pack-central itself publishes packs without a README or an images list).
 */
export const packCentralRules = {
  versionPrefix: { source: "pack-central's CI (validator/validate-packs.sh, validate_pack_version)" },
  files: [
    { name: 'logo.png', source: "pack-central's CI (validator/validate-packs.sh, validate_logo)" },
    { name: 'README.md', source: "pack-central's CI (validator/validate-packs.sh, validate_readme)" },
  ],
  images: { exemptLayers: ['os', 'k8s'], source: "pack-central's CI (validator/validate-packs.sh, validate_content)" },
} as const;

export interface FolderFacts {
  /** pack.json's text: its layer decides whether values.yaml must list images. */
  packJsonText?: string;
  /** Names of the files in the pack's folder; without them the file checks are skipped. */
  folderFiles?: readonly string[];
}

/** Version prefix, missing files, and (without a values.yaml) the images list, all on pack.json. */
export function packJsonFolderProblems(json: PackJson, text: string, facts: FolderFacts): Problem[] {
  const problems: Problem[] = [];
  const warn = (span: Span, code: string, message: string) => problems.push({ ...span, severity: 'warning', code, message });
  const version = json.version;
  if (version?.type === 'string' && version.value.startsWith('v')) {
    warn(version.span, 'pack-version-prefix', `The version '${version.value}' starts with 'v'; ${packCentralRules.versionPrefix.source} refuses it: write '${version.value.slice(1)}'`);
  }
  if (!facts.folderFiles) return problems;
  const files = new Set(facts.folderFiles);
  // A file that is not there has no place of its own; the pack's name stands for the folder.
  const folderSpan = json.name?.keySpan ?? firstLine({ start: 0, end: text.length }, text);
  for (const rule of packCentralRules.files) {
    if (!files.has(rule.name)) warn(folderSpan, 'pack-file-missing', `The pack folder has no ${rule.name}; ${rule.source} requires one`);
  }
  const layer = json.layer;
  if (!files.has('values.yaml') && layer?.type === 'string' && needsImages(layer.value)) {
    warn(layer.span, 'pack-images', `The pack folder has no values.yaml, so it lists no images in pack.content.images; ${packCentralRules.images.source} requires them for layer ${layer.value}`);
  }
  return problems;
}

/** The images list of values.yaml, for a pack whose layer (read from pack.json) is neither os nor k8s. */
export function packValuesFolderProblems(tree: ValuesTree, text: string, facts: FolderFacts): Problem[] {
  const layer = layerOf(facts.packJsonText);
  if (layer === undefined || !needsImages(layer)) return [];
  const source = packCentralRules.images.source;
  const images = tree.getAt('pack.content.images');
  const items = images?.container === 'seq' ? tree.entries.filter((e) => e.segments.length === 4 && e.path.startsWith('pack.content.images[')) : [];
  if (items.length === 0) {
    const at = images ?? tree.getAt('pack.content') ?? tree.getAt('pack');
    const span = at ? at.keySpan ?? at.valueSpan : firstLine({ start: 0, end: text.length }, text);
    return [{ ...span, severity: 'warning', code: 'pack-images', message: `pack.content.images lists no images; ${source} requires the images of a pack of layer ${layer} (items such as '- image: registry/repository:tag')` }];
  }
  const problems: Problem[] = [];
  for (const item of items) {
    const image = tree.getAt(`${item.path}.image`);
    if (image && !image.container && typeof image.value === 'string' && image.value.trim()) continue;
    const keys = tree.entries.filter((e) => e.segments.length === 5 && e.path.startsWith(`${item.path}.`)).map((e) => String(e.segments[4]));
    const typo = keys.find((k) => k !== 'image' && didYouMean(k, ['image']));
    const guess = typo ? ` (is '${typo}' meant to be 'image'?)` : '';
    problems.push({ ...firstLine(item.valueSpan, text), severity: 'warning', code: 'pack-images', message: `${item.path} has no 'image'${guess}; ${source} checks each item's image` });
  }
  return problems;
}

function needsImages(layer: string): boolean {
  return !(packCentralRules.images.exemptLayers as readonly string[]).includes(layer);
}

function layerOf(packJsonText: string | undefined): string | undefined {
  if (packJsonText === undefined) return undefined;
  try {
    const layer = (JSON.parse(packJsonText.replace(/^\uFEFF/, '')) as { layer?: unknown } | null)?.layer;
    return typeof layer === 'string' ? layer : undefined;
  } catch {
    // A pack.json that does not parse is reported on pack.json; the CI stops there too.
    return undefined;
  }
}
