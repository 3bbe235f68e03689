// Decides which Palette file a path (and, when known, its content) is, so every face (server, CLI, tests) agrees on it.
import { looksLikeProfile } from './profileShape';
import type { FileKind } from './types';

// A Map, not an object literal: a file named `constructor` or `__proto__` must not find Object's own members.
const packYamlKinds = new Map<string, FileKind>([
  ['values.yaml', 'pack-values'],
  ['schema.yaml', 'pack-schema'],
  ['presets.yaml', 'pack-presets'],
]);

/**
 * By name first: `*.profile.yaml`, `pack.json`, and a pack's YAML files when `hasPackJson` says their
 * folder holds a pack.json (a values.yaml elsewhere, a Helm chart's say, is not ours). Then, when the
 * text is given, by content: a Palette export (JSON or YAML) is a profile whatever it is called.
 */
export function fileKindOf(path: string, hasPackJson: boolean, text?: string): FileKind {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? '';
  if (/\.profile\.ya?ml$/i.test(name)) return 'profile';
  if (name === 'pack.json') return 'pack-json';
  const packKind = packYamlKinds.get(name);
  if (packKind && hasPackJson) return packKind;
  return text !== undefined && looksLikeProfile(text) ? 'profile' : 'unknown';
}

/** Whether a profile's text is JSON (an export as Palette gives it) rather than YAML. */
export function isJsonText(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
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
