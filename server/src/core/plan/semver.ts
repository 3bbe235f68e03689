// Version arithmetic for update checks: strict semver for profile versions, a looser reading for pack tags like v1.30.x.

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

// The regular expression semver.org recommends, without leading zeros and with optional build metadata.
const strict = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** `1.2.3`, `1.2.3-rc.1`, `1.2.3+build`; undefined for `v1.2`, `2.2.2.develop`, `b0.0.1`. */
export function parseSemver(text: string): SemVer | undefined {
  const m = strict.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ? m[4].split('.') : [] };
}

/** Semver precedence: negative when a < b; build metadata is ignored. */
export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePrerelease(a.prerelease, b.prerelease);
}

function comparePrerelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** A pack tag read loosely: `1.30.5`, `v1.30`, `1.30.x`, `1.30.5-rke2r1`; a part written `x` or `*` is undefined. */
export interface TagVersion {
  major: number;
  minor?: number;
  patch?: number;
  prerelease: string[];
  floating: boolean;
}

const loose = /^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseTag(tag: string): TagVersion | undefined {
  const m = loose.exec(tag.trim());
  if (!m) return undefined;
  const part = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  return { major: Number(m[1]), minor: part(m[2]), patch: part(m[3]), prerelease: m[4] ? m[4].split('.') : [], floating: [m[2], m[3]].some((s) => s !== undefined && /^[xX*]$/.test(s)) };
}

/** `1.30.x`, `1.x`, `v2.*`: a tag that picks whatever version is newest in a line. */
export function isFloatingTag(tag: string): boolean {
  return parseTag(tag)?.floating ?? /(^|\.)[xX*](\.|$)/.test(tag.trim());
}

/** Negative when a is older; 0 when equal or when a floating part makes the order unknown; undefined when either is unreadable. */
export function compareTags(a: string, b: string): number | undefined {
  const x = parseTag(a);
  const y = parseTag(b);
  if (!x || !y) return undefined;
  if (x.major !== y.major) return x.major - y.major;
  if (x.minor === undefined || y.minor === undefined) return 0;
  if (x.minor !== y.minor) return x.minor - y.minor;
  if (x.patch === undefined || y.patch === undefined) return 0;
  return x.patch - y.patch || comparePrerelease(x.prerelease, y.prerelease);
}
