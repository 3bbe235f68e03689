// The `encoding` diagnostic: the editor decoded the file, so U+FFFD in its text is checked against the bytes on disk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { firstInvalidUtf8, replacementChar, replacementProblem } from '../core/encoding';
import type { Problem } from '../core/types';

/**
 * Undefined for a text without U+FFFD (the usual case, one scan). Otherwise an error when the file's
 * bytes are not UTF-8 (the editor replaced them), a warning when they are (the file holds U+FFFD
 * itself) or cannot be read (an unsaved or remote document).
 */
export function encodingProblemOf(document: TextDocument): Problem | undefined {
  const text = document.getText();
  if (!text.includes(replacementChar)) return undefined;
  let fromBadBytes: boolean | undefined;
  if (document.uri.startsWith('file:')) {
    try {
      fromBadBytes = firstInvalidUtf8(readFileSync(fileURLToPath(document.uri))) !== undefined;
    } catch {
      fromBadBytes = undefined;
    }
  }
  return replacementProblem(text, fromBadBytes);
}
