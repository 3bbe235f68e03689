// Caret markers for positions in test texts: `key: va|lue` names the offset of the `|`.
import * as assert from 'node:assert/strict';

/** Splits `marked` at the caret `|` and returns the text without it and the caret's offset. */
export function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no caret marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
