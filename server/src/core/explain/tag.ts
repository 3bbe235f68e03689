// Says what moving a pack from its baseline tag to this one means: patch, minor or major step, a downgrade, a skipped Kubernetes minor, a floating tag.
import { compareTags, isFloatingTag, parseTag } from '../plan/semver';

export type TagStep = 'same' | 'patch' | 'minor' | 'major' | 'prerelease' | 'downgrade' | 'unreadable' | 'new';

export interface TagExplanation {
  before?: string;
  after: string;
  step: TagStep;
  /** Plain sentences, most important first. */
  notes: string[];
  /** Set for a Kubernetes pack that skips minor versions. */
  skipped?: { from: string; to: string };
  floating: boolean;
}

export function explainTag(before: string | undefined, after: string, layer: string | undefined): TagExplanation {
  const floating = isFloatingTag(after);
  const out: TagExplanation = { before, after, step: before === undefined ? 'new' : 'same', notes: [], floating };
  const k8s = layer === 'k8s';
  if (before !== undefined && before !== after) {
    const order = compareTags(before, after);
    const x = parseTag(before);
    const y = parseTag(after);
    if (order === undefined || !x || !y) {
      out.step = 'unreadable';
      out.notes.push(`${before} → ${after}: one of the tags is not a version, so the direction of the change is unknown.`);
    } else if (order > 0) {
      out.step = 'downgrade';
      out.notes.push(k8s ? `Downgrade (${before} → ${after}): Kubernetes cannot be downgraded once a cluster runs the newer version.` : `Downgrade (${before} → ${after}): downgrading packs is not recommended.`);
    } else {
      out.step = order === 0 ? 'same' : x.major !== y.major ? 'major' : x.minor !== y.minor ? 'minor' : x.patch !== y.patch ? 'patch' : 'prerelease';
      out.notes.push(`${before} → ${after}: ${stepWords[out.step]}.`);
      if (k8s && x.minor !== undefined && y.minor !== undefined && (y.major > x.major || y.minor - x.minor > 1)) {
        out.skipped = { from: `${x.major}.${x.minor}`, to: `${y.major}.${y.minor}` };
        out.notes.push(`Skips a Kubernetes minor version (${out.skipped.from} → ${out.skipped.to}): upgrade one minor version at a time (${x.major}.${x.minor} → ${x.major}.${x.minor + 1} → …).`);
      }
    }
  }
  if (floating) out.notes.push(`${after} is a floating tag: each deployment takes the newest matching version, so clusters can end up on different versions. Pick a specific version.`);
  return out;
}

const stepWords: Record<TagStep, string> = {
  same: 'no change that can be ordered (a floating part or build metadata differs)',
  patch: 'a patch upgrade',
  minor: 'a minor upgrade',
  major: 'a major upgrade',
  prerelease: 'a pre-release or build change',
  downgrade: 'a downgrade',
  unreadable: 'not comparable',
  new: 'new',
};
