// Finds every value that an Edge OS pack's options.system.uri is built from, following {{ .spectro.pack... }} macros transitively.
import { findMacros } from '../parse/macros';
import type { PackModel, ProfileModel } from '../parse/profile';
import { valuesTree, type ValuesTree } from '../parse/valuesTree';

export interface UriDependency {
  /** The pack holding the value and its dotted path there. */
  pack: string;
  path: string;
  keys: string[];
  /** The references passed through between the uri and this value, outermost first (`edge-native-byoi.options.system.peVersion`). */
  via: string[];
}

export interface UriDependencies {
  /** The pack whose `options.system.uri` was followed. */
  uriPack?: string;
  deps: UriDependency[];
  /** True when the uri, directly or through a referenced value, uses `{{ .spectro.system.kubernetes.version }}`. */
  usesKubernetesVersion: boolean;
  kubernetesVia: string[];
  /** The dependency a change at `keys` in `pack` touches: the value itself or anything under it. */
  find(pack: string, keys: readonly string[]): UriDependency | undefined;
}

export const uriPath = 'options.system.uri';

/** Read from the pending profile: it is the uri that will be rendered after the update. */
export function uriDependencies(profile: ProfileModel): UriDependencies {
  // Only the packs a macro names are walked; building every pack's tree would cost a full pass over all values.
  const treesOf = (name: string): ValuesTree[] => profile.packs.filter((p) => p.name?.value === name && p.values?.doc).map((p) => valuesTree(p.values!.doc));
  const result: UriDependencies = { deps: [], usesKubernetesVersion: false, kubernetesVia: [], find: () => undefined };
  const os = profile.packs.find((p: PackModel) => p.layer?.value === 'os' && typeof valuesTree(p.values?.doc).getAt(uriPath)?.value === 'string');
  if (!os?.name?.value) return result;
  result.uriPack = os.name.value;
  const seen = new Set<string>();
  const follow = (text: string, via: string[]) => {
    for (const ref of findMacros(text)) {
      if (ref.inComment) continue;
      if (ref.kind === 'system' && ref.path === 'kubernetes.version' && !result.usesKubernetesVersion) {
        result.usesKubernetesVersion = true;
        result.kubernetesVia = via;
      }
      if (ref.kind !== 'pack' || !ref.pack || !ref.path) continue;
      const key = `${ref.pack}\u0000${ref.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.deps.push({ pack: ref.pack, path: ref.path, keys: ref.path.split('.'), via });
      for (const tree of treesOf(ref.pack)) {
        for (const s of stringsAt(tree, ref.path)) follow(s, [...via, `${ref.pack}.${ref.path}`]);
      }
    }
  };
  follow(valuesTree(os.values?.doc).getAt(uriPath)?.value as string, []);
  result.find = (pack, keys) => result.deps.find((d) => d.pack === pack && d.keys.every((k, i) => keys[i] === k));
  return result;
}

/** The string at a path, or every string under it when it names a mapping or a list. */
function stringsAt(tree: ValuesTree, path: string): string[] {
  const entry = tree.getAt(path);
  if (!entry) return [];
  if (typeof entry.value === 'string') return [entry.value];
  if (!entry.container) return [];
  const depth = entry.segments.length;
  const out: string[] = [];
  for (const e of tree.entries) {
    if (typeof e.value === 'string' && e.segments.length > depth && entry.segments.every((s, i) => e.segments[i] === s)) out.push(e.value);
  }
  return out;
}
