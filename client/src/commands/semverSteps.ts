// The next patch, minor and major versions after the newest of a set, for the "version taken" and "New Version from…" picks.
import { compareSemver, parseSemver, type SemVer } from '../../../server/src/core/plan/semver';

export interface NextVersions {
  patch: string;
  minor: string;
  major: string;
}

const show = (v: SemVer) => `${v.major}.${v.minor}.${v.patch}`;

/** Steps from the newest strict-semver version among `taken` (and `from`, when given); 1.0.0's steps when none is. */
export function nextVersions(taken: readonly string[], from?: string): NextVersions {
  const versions = [...taken, ...(from ? [from] : [])].map(parseSemver).filter((v): v is SemVer => Boolean(v));
  const newest = versions.sort(compareSemver).pop() ?? { major: 0, minor: 0, patch: 0, prerelease: [] };
  return {
    patch: show({ ...newest, patch: newest.patch + 1 }),
    minor: show({ ...newest, minor: newest.minor + 1, patch: 0 }),
    major: show({ ...newest, major: newest.major + 1, minor: 0, patch: 0 }),
  };
}
