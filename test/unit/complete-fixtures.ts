// Shared by the completion tests: a caret marker that block scalars (`values: |-`) do not collide with, and a checked completer.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { completeProfile, type Candidate, type CompletionEnv } from '../../server/src/core/complete';
import { parseProfile } from '../../server/src/core/parse/profile';

/** Splits `marked` at `‸` and returns the text without it and the caret's offset. */
export function pin(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'no ‸ marker');
  assert.equal(marked.indexOf('‸', offset + 1), -1, 'two ‸ markers');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The Edge example profile, for completions in a realistic document. */
export const edgeRetail = readFileSync('examples/edge-retail/edge-retail.profile.yaml', 'utf8');

/** Completes at the `‸` of a marked profile and checks every candidate replaces a range around the caret. */
export function completeAt(marked: string, env: CompletionEnv = {}): { items: Candidate[]; labels: string[]; text: string; offset: number } {
  const { text, offset } = pin(marked);
  const items = completeProfile(parseProfile(text), offset, env);
  for (const item of items) {
    assert.ok(item.replace.start <= offset && offset <= item.replace.end, `${item.label}: range ${item.replace.start}-${item.replace.end} misses the caret ${offset}`);
    assert.ok(!text.slice(item.replace.start, item.replace.end).includes('\n'), `${item.label}: range spans lines`);
  }
  return { items, labels: items.map((i) => i.label), text, offset };
}

/** Replaces the one occurrence of `find` in `text`, failing loudly when the fixture drifted. */
export function edit(text: string, find: string, replace: string): string {
  const at = text.indexOf(find);
  assert.ok(at >= 0 && text.indexOf(find, at + 1) < 0, `fixture text not found exactly once: ${find}`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}
