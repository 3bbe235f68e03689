// Shows every pack's multi-line `values` as a literal block, so a diff of two profiles is per line of values, not one changed string.
import { Document, Scalar } from 'yaml';
import { parseProfile, type ProfileModel } from '../../../server/src/core/parse/profile';
import { defaultSyntaxLimits } from '../../../server/src/core/syntax';

interface Edit {
  index: number;
  start: number;
  end: number;
  newText: string;
}

const limitsFor = (text: string) => ({ ...defaultSyntaxLimits, maxBytes: Math.max(defaultSyntaxLimits.maxBytes, text.length + 1) });

/**
 * Rewrites quoted or plain `values` strings (as Palette's exports hold them) as `|-` or `|` blocks;
 * a block already in place, and any value the rewrite would not read back identically, stay as they are.
 */
export function valuesAsBlocks(text: string): string {
  const profile = parseProfile(text, limitsFor(text), { cache: null });
  const edits = profile.packs.flatMap((pack) => {
    const edit = blockEdit(profile, pack.index);
    return edit ? [edit] : [];
  });
  if (!edits.length) return text;
  let kept = edits;
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = applyEdits(text, kept);
    const reread = parseProfile(result, limitsFor(result), { cache: null });
    const wrong = kept.filter((e) => reread.packs[e.index]?.values?.text !== profile.packs[e.index].values?.text);
    if (!wrong.length) return result;
    kept = kept.filter((e) => !wrong.includes(e));
  }
  return applyEdits(text, kept);
}

function blockEdit(profile: ProfileModel, index: number): Edit | undefined {
  const pack = profile.packs[index];
  const values = pack.values;
  const field = pack.valuesField;
  if (!values || !field?.keySpan || values.style === 'BLOCK_LITERAL' || values.style === 'BLOCK_FOLDED' || !values.text.includes('\n')) return undefined;
  const text = profile.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const keyStart = field.keySpan.start;
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1) + 2;
  const scalar = new Scalar(values.text);
  scalar.type = 'BLOCK_LITERAL';
  const rendered = new Document({ x: scalar }).toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
  const head = rendered[0].slice('x: '.length);
  if (!head.startsWith('|')) return undefined;
  const rest = rendered.slice(1).map((l) => (l === '' ? '' : ' '.repeat(indent) + l.replace(/^ {2}/, '')));
  return { index, start: field.span.start, end: field.span.end, newText: [head, ...rest].join(eol) };
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
