// Publish Profile Version, shared by the editor and the CLI: what would be published, against which previous version, and what blocks it.
import { publishEncodingReason } from '../../core/encoding';
import { setAt } from '../../core/merge/apply';
import { parseProfile, type ProfileModel } from '../../core/parse/profile';
import { planUpdate, summarizePlan, type Plan, type PlanSummary } from '../../core/plan/plan';
import { compareSemver, parseSemver, type SemVer } from '../../core/plan/semver';
import { defaultSyntaxLimits } from '../../core/syntax';
import type { Problem } from '../../core/types';
import { validateProfile } from '../../core/validate';
import { isValidName } from '../local/layout';
import { BackendError, type Backend, type VersionInfo } from '../types';

export const firstVersion = '1.0.0';

export interface NextVersions {
  patch: string;
  minor: string;
  major: string;
}

export interface PublishPreparation {
  text: string;
  model: ProfileModel;
  name?: string;
  version?: string;
  /** The version is strict semver (1.2.3, 1.2.3-rc.1), as Palette requires. */
  strictSemver: boolean;
  /** A version of that number is already published. */
  taken: boolean;
  /** No version of this profile name is published yet. */
  isNewProfile: boolean;
  /** Published versions of the name, newest first. */
  existing: VersionInfo[];
  /** Free versions after the newest published one (all `1.0.0` for a new profile). */
  next: NextVersions;
  /** What to offer: the file's version when it is valid and free, else `1.0.0` for a new profile, else the next patch. */
  suggested: string;
  /** The newest published version lower than this one (the newest at all when this one is not semver). */
  previous?: VersionInfo;
  previousText?: string;
  /** The change against `previous`, with the publishing checks (version taken, not semver). */
  plan?: Plan;
  summary?: PlanSummary;
  /** Syntax and validation problems of the profile, all severities. */
  problems: Problem[];
  errors: Problem[];
  blocked: boolean;
  /** Why it is blocked, one sentence each. */
  reasons: string[];
}

function format(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

/** Bumps of the newest published version, skipping any that are taken. */
export function nextVersions(published: readonly string[]): NextVersions {
  const versions = published.map(parseSemver).filter((v): v is SemVer => !!v).sort(compareSemver);
  const newest = versions[versions.length - 1];
  if (!newest) return { patch: firstVersion, minor: firstVersion, major: firstVersion };
  const taken = new Set(published);
  const free = (make: (n: number) => string) => {
    for (let n = 0; ; n++) if (!taken.has(make(n))) return make(n);
  };
  // 2.0.0-rc.1 is followed by its release, 2.0.0, when that is free.
  const release = newest.prerelease.length ? format(newest) : undefined;
  return {
    patch: release && !taken.has(release) ? release : free((n) => format({ ...newest, patch: newest.patch + 1 + n, prerelease: [] })),
    minor: free((n) => `${newest.major}.${newest.minor + 1 + n}.0`),
    major: free((n) => `${newest.major + 1 + n}.0.0`),
  };
}

/** The text with `spec.version` set, everything else as written. */
export function withVersion(text: string, version: string): string {
  return setAt(text, ['spec', 'version'], version);
}

export async function preparePublish(backend: Backend, text: string, signal?: AbortSignal): Promise<PublishPreparation> {
  const model = parseProfile(text, defaultSyntaxLimits);
  const name = model.name?.value || undefined;
  const version = model.version?.value || undefined;
  const problems = [...model.problems, ...validateProfile(model)];
  const errors = problems.filter((p) => p.severity === 'error');
  const profiles = name ? await backend.listProfiles(signal) : [];
  const existing = profiles.find((p) => p.name === name)?.versions ?? [];
  const published = existing.map((v) => v.version);
  const parsed = version ? parseSemver(version) : undefined;
  const taken = !!version && published.includes(version);
  const next = nextVersions(published);
  const isNewProfile = existing.length === 0;
  const suggested = parsed && !taken ? version! : isNewProfile ? firstVersion : next.patch;

  const lower = parsed ? existing.filter((v) => {
    const other = parseSemver(v.version);
    return other && compareSemver(other, parsed) < 0;
  }) : existing;
  const previous = lower[0];
  const previousText = previous ? await backend.readVersion(previous, signal) : undefined;
  const plan = previousText !== undefined ? planUpdate(parseProfile(previousText, defaultSyntaxLimits), model, { publishing: true, existingVersions: published }) : undefined;

  const reasons: string[] = [];
  if (!name) reasons.push('The profile has no metadata.name.');
  else if (!isValidName(name)) reasons.push(`"${name}" is not a usable profile name: use letters, digits, '.', '-' and '_'.`);
  if (!version) reasons.push(`The profile has no spec.version; use ${suggested}.`);
  else if (!parsed) reasons.push(`Version "${version}" is not strict semver (like 1.2.3); use ${suggested}.`);
  else if (taken) reasons.push(`Version ${version} of ${name} is already published; a version number can be used once. Free: ${next.patch} (patch), ${next.minor} (minor), ${next.major} (major).`);
  const encoding = publishEncodingReason(text);
  if (encoding) reasons.push(encoding);
  if (errors.length) reasons.push(`The profile has ${errors.length} error${errors.length === 1 ? '' : 's'}, first: ${errors[0].message}`);
  return {
    text,
    model,
    name,
    version,
    strictSemver: !!parsed,
    taken,
    isNewProfile,
    existing,
    next,
    suggested,
    previous,
    previousText,
    plan,
    summary: plan && summarizePlan(plan),
    problems,
    errors,
    blocked: reasons.length > 0,
    reasons,
  };
}

export interface PublishResult {
  info: VersionInfo;
  /** What was published: the text, with `spec.version` set when a version was given. */
  text: string;
  prepared: PublishPreparation;
}

/** Checks again (the store may have changed since the preview) and publishes; blocked means a `conflict` (taken) or `invalid` error. */
export async function executePublish(backend: Backend, text: string, options: { version?: string; signal?: AbortSignal } = {}): Promise<PublishResult> {
  const final = options.version ? withVersion(text, options.version) : text;
  const prepared = await preparePublish(backend, final, options.signal);
  if (prepared.blocked) throw new BackendError(prepared.taken ? 'conflict' : 'invalid', prepared.reasons.join(' '));
  const info = await backend.publish(final, options.signal);
  return { info, text: final, prepared };
}
