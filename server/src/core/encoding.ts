// Bytes that are not UTF-8, and the U+FFFD a decoder leaves in their place: found and reported, never silently carried on.
import type { Problem } from './types';

/** The replacement character every UTF-8 decoder (Node's, VS Code's) puts where a byte is not UTF-8. */
export const replacementChar = '\ufffd';

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or undefined when all do. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Second-byte ranges exclude overlong forms, surrogates and code points past U+10FFFF (RFC 3629).
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return undefined;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The `encoding` finding for a file read as bytes, or undefined when it is UTF-8. `text` is those
 * bytes decoded as UTF-8: the valid prefix decodes exactly, so the first bad byte sits at the
 * prefix's length in `text`, where the decoder put U+FFFD.
 */
export function encodingProblem(bytes: Uint8Array, text: string): Problem | undefined {
  const bad = firstInvalidUtf8(bytes);
  if (bad === undefined) return undefined;
  const at = Math.min(decodedLength(bytes, bad), text.length);
  return {
    start: at,
    end: Math.min(at + 1, text.length),
    severity: 'error',
    code: 'encoding',
    message: `The file is not valid UTF-8: byte ${hex(bytes[bad])} here cannot be read and was replaced by ${replacementChar}. Palette reads profiles and packs as UTF-8; save the file as UTF-8.`,
  };
}

/**
 * For text decoded by someone else (the editor): the first U+FFFD, which is where a decoder met a
 * byte that is not UTF-8 unless the file really holds that character. `fromBadBytes` says which:
 * the caller knows when it could read the file's bytes.
 */
export function replacementProblem(text: string, fromBadBytes: boolean | undefined): Problem | undefined {
  const at = text.indexOf(replacementChar);
  if (at < 0) return undefined;
  const message = fromBadBytes
    ? `The file is not valid UTF-8: the editor shows a byte it could not read as ${replacementChar}. Saving writes ${replacementChar} in its place; reopen the file with its real encoding (Reopen with Encoding) or fix the character.`
    : `${replacementChar} (U+FFFD) is the character a decoder leaves where bytes were not valid UTF-8; the text around it was probably damaged by a wrong encoding.`;
  return { start: at, end: at + 1, severity: fromBadBytes ? 'error' : 'warning', code: 'encoding', message };
}

/** Why a text must not be published as it is, or undefined: U+FFFD would replace whatever bytes the file held. */
export function publishEncodingReason(text: string): string | undefined {
  const at = text.indexOf(replacementChar);
  if (at < 0) return undefined;
  const line = text.slice(0, at).split('\n').length;
  return `Line ${line} holds ${replacementChar} (U+FFFD), the mark of bytes that were not valid UTF-8; publishing would store ${replacementChar} in their place. Fix the encoding (or remove the character) first.`;
}

/** UTF-16 length of the decoding of `bytes[0, end)`, a well-formed prefix. */
function decodedLength(bytes: Uint8Array, end: number): number {
  let units = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b < 0x80 || b >= 0xc0) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}
