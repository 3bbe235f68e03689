// Shared by the completion tests: a caret marker that YAML block scalars (`values: |-`) do not collide with.
import * as assert from 'node:assert/strict';

/** Splits `marked` at `‸` and returns the text without it and the caret's offset. */
export function pin(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'no ‸ marker');
  assert.equal(marked.indexOf('‸', offset + 1), -1, 'two ‸ markers');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
