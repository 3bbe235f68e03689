// Chooses the version an open profile is compared with: the newest lower version in the store, else in the workspace.
import { compareSemver, parseSemver } from '../plan/semver';

export interface BaselineCandidate {
  /** Where it comes from: a published version in the local store or another profile file in the workspace. */
  source: 'store' | 'workspace';
  name: string;
  version: string;
  /** File path or URI, as the caller names it. */
  location: string;
}

/**
 * The newest candidate of the same profile name whose version is strictly below `version`; store
 * versions win over workspace files, as they are what clusters run. A file without a strict
 * semver version compares with the newest of its name.
 */
export function pickBaseline(name: string | undefined, version: string | undefined, candidates: readonly BaselineCandidate[], exclude?: string): BaselineCandidate | undefined {
  if (!name) return undefined;
  const own = version ? parseSemver(version) : undefined;
  for (const source of ['store', 'workspace'] as const) {
    const below = candidates
      .filter((c) => c.source === source && c.name === name && c.location !== exclude)
      .map((c) => ({ c, v: parseSemver(c.version) }))
      .filter((x): x is { c: BaselineCandidate; v: NonNullable<typeof x.v> } => x.v !== undefined && (!own || compareSemver(x.v, own) < 0))
      .sort((a, b) => compareSemver(b.v, a.v));
    if (below.length > 0) return below[0].c;
  }
  return undefined;
}

/** Versions of one profile name, newest first, for pickers. */
export function versionsOf(name: string, candidates: readonly BaselineCandidate[]): BaselineCandidate[] {
  return candidates
    .filter((c) => c.name === name)
    .map((c) => ({ c, v: parseSemver(c.version) }))
    // Newest first; at one version, the store's copy (what clusters run) before a workspace file.
    .sort((a, b) => (a.v && b.v ? compareSemver(b.v, a.v) : a.v ? -1 : b.v ? 1 : 0) || (a.c.source === b.c.source ? 0 : a.c.source === 'store' ? -1 : 1))
    .map((x) => x.c);
}
