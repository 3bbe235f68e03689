// Decides which Palette file a path names, so every face (server, CLI, tests) agrees on it.
import type { FileKind } from './types';

const packYamlKinds: Record<string, FileKind> = {
  'values.yaml': 'pack-values',
  'schema.yaml': 'pack-schema',
  'presets.yaml': 'pack-presets',
};

/**
 * `hasPackJson` says whether the file's folder holds a pack.json; a values.yaml elsewhere (a Helm
 * chart, say) is not ours.
 */
export function fileKindOf(path: string, hasPackJson: boolean): FileKind {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  if (/\.profile\.ya?ml$/i.test(name)) return 'profile';
  if (name === 'pack.json') return 'pack-json';
  const packKind = packYamlKinds[name];
  return packKind && hasPackJson ? packKind : 'unknown';
}

/** The language ids the extension contributes, one per kind of file it understands. */
export const languageIdOfKind: Record<FileKind, string | undefined> = {
  profile: 'palette-profile',
  'pack-json': 'palette-pack-json',
  'pack-values': 'palette-pack-yaml',
  'pack-schema': 'palette-pack-yaml',
  'pack-presets': 'palette-pack-yaml',
  unknown: undefined,
};
