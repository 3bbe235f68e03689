// Rewrites packs' `values` block scalars in a profile's text, as edits an editor can apply, keeping their style and indentation.
import { Document, Scalar } from 'yaml';
import { defaultSyntaxLimits } from '../syntax';
import { parseProfile, type PackModel, type ProfileModel } from '../parse/profile';

export interface ValuesEdit {
  pack: string;
  layer?: string;
  /** Offsets in the profile text the edit was computed for. */
  start: number;
  end: number;
  newText: string;
}

export interface ValuesRewrite {
  text: string;
  /** Non-overlapping, in order; all refer to the original text. */
  edits: ValuesEdit[];
  problems: string[];
}

/** `values` pairs each pack of `profile` with the new text of its values; packs not listed keep theirs. */
export function rewriteValues(profile: ProfileModel, values: ReadonlyMap<PackModel, string>): ValuesRewrite {
  const problems: string[] = [];
  const eol = profile.text.includes('\r\n') ? '\r\n' : '\n';
  const planned: { pack: PackModel; want: string; edit: ValuesEdit }[] = [];
  for (const [pack, want] of values) {
    if (!pack.values || !pack.valuesField) {
      problems.push(`Pack ${pack.name?.value ?? pack.index} has no values string to write into.`);
      continue;
    }
    if (pack.values.text === want) continue;
    planned.push({ pack, want, edit: splice(profile.text, pack, want, eol) ?? rebuild(profile.text, pack, want, eol) });
  }
  let result = applyAll(profile.text, planned.map((p) => p.edit));
  const wrong = mismatches(result, planned);
  for (const p of wrong) p.edit = rebuild(profile.text, p.pack, p.want, eol);
  if (wrong.length > 0) {
    result = applyAll(profile.text, planned.map((p) => p.edit));
    for (const p of mismatches(result, planned)) {
      problems.push(`The values of pack ${p.edit.pack} could not be written back exactly; it was left unchanged.`);
      planned.splice(planned.indexOf(p), 1);
    }
    result = applyAll(profile.text, planned.map((p) => p.edit));
  }
  const edits = planned.map((p) => narrow(profile.text, p.edit)).sort((a, b) => a.start - b.start);
  return { text: result, edits, problems };
}

/**
 * The text with every quoted or plain multi-line `values` string written as a literal block, so a line diff
 * of two profiles is per line of values; blocks stay, and so does any value a block would not read back as.
 */
export function valuesAsBlocks(text: string): string {
  const profile = parseProfile(text, { ...defaultSyntaxLimits, maxBytes: Math.max(defaultSyntaxLimits.maxBytes, text.length + 1) }, { cache: null });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const planned = profile.packs.flatMap((pack) => {
    const values = pack.values;
    if (!values || !pack.valuesField || values.style === 'BLOCK_LITERAL' || values.style === 'BLOCK_FOLDED' || !values.text.includes('\n')) return [];
    return [{ pack, want: values.text, edit: rebuild(text, pack, values.text, eol) }];
  });
  if (!planned.length) return text;
  // Each edit stays inside its own pack's values, so dropping one that does not read back leaves the others right.
  const wrong = new Set(mismatches(applyAll(text, planned.map((p) => p.edit)), planned));
  return applyAll(text, planned.filter((p) => !wrong.has(p)).map((p) => p.edit));
}

/** Shrinks an edit to the lines that differ, so an editor shows (and undoes) just the carried overrides. */
function narrow(text: string, edit: ValuesEdit): ValuesEdit {
  const old = text.slice(edit.start, edit.end);
  const o = old.split('\n');
  const n = edit.newText.split('\n');
  const most = Math.min(o.length, n.length);
  let a = 0;
  while (a < most - 1 && o[a] === n[a]) a++;
  let b = 0;
  while (b < most - a && o[o.length - 1 - b] === n[n.length - 1 - b]) b++;
  const prefix = o.slice(0, a).reduce((sum, line) => sum + line.length + 1, 0);
  const suffix = o.slice(o.length - b).reduce((sum, line) => sum + line.length + 1, 0) - (b > 0 ? 1 : 0);
  return { ...edit, start: edit.start + prefix, end: edit.end - suffix, newText: edit.newText.slice(prefix, edit.newText.length - suffix) };
}

function applyAll(text: string, edits: ValuesEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Packs keep their index in the rewritten text, which only changes inside values strings. */
function mismatches(text: string, planned: { pack: PackModel; want: string }[]): { pack: PackModel; want: string; edit: ValuesEdit }[] {
  if (planned.length === 0) return [];
  const reparsed = parseProfile(text, { ...defaultSyntaxLimits, maxBytes: Math.max(defaultSyntaxLimits.maxBytes, text.length) }, { cache: null });
  return (planned as { pack: PackModel; want: string; edit: ValuesEdit }[]).filter((p) => reparsed.packs[p.pack.index]?.values?.text !== p.want);
}

function label(pack: PackModel): Pick<ValuesEdit, 'pack' | 'layer'> {
  return { pack: pack.name?.value ?? String(pack.index), ...(pack.layer ? { layer: pack.layer.value } : {}) };
}

const lineStart = (text: string, pos: number) => text.lastIndexOf('\n', pos - 1) + 1;

/** Replaces only the content lines of a `|` or `|-` block, keeping its header and its indentation. */
function splice(text: string, pack: PackModel, want: string, eol: string): ValuesEdit | undefined {
  const values = pack.values;
  if (!values || values.style !== 'BLOCK_LITERAL') return undefined;
  const headerEnd = text.indexOf('\n', values.start);
  const header = text.slice(values.start, headerEnd < 0 ? values.end : headerEnd).replace(/\r$/, '').replace(/\s+#.*$/, '').trim();
  if (headerEnd < 0 || (header !== '|' && header !== '|-')) return undefined;
  const clip = header === '|';
  if (clip ? !want.endsWith('\n') || want.endsWith('\n\n') : want.endsWith('\n')) return undefined;
  const lines = (clip ? want.slice(0, -1) : want).split('\n');
  const firstLine = lines.find((l) => l.trim() !== '');
  if (firstLine === undefined || /^\s/.test(firstLine) || lines.some((l) => l !== '' && l.trim() === '')) return undefined;
  const contentStart = headerEnd + 1;
  const body = text.slice(contentStart, values.end);
  const firstContent = body.split('\n').find((l) => l.trim() !== '');
  if (firstContent === undefined) return undefined;
  const indent = /^ */.exec(firstContent)?.[0] ?? '';
  const trimmed = body.replace(/\s+$/, '');
  const newText = lines.map((l) => (l === '' ? '' : indent + l)).join(eol);
  return { ...label(pack), start: contentStart, end: contentStart + trimmed.length, newText };
}

/** Writes the whole scalar afresh as a literal block, for unusual headers and styles. */
function rebuild(text: string, pack: PackModel, want: string, eol: string): ValuesEdit {
  const values = pack.values as NonNullable<PackModel['values']>;
  const keyStart = pack.valuesField?.keySpan?.start ?? values.start;
  const indent = keyStart - lineStart(text, keyStart) + 2;
  const scalar = new Scalar(want);
  scalar.type = 'BLOCK_LITERAL';
  const rendered = new Document({ x: scalar }).toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
  const head = rendered[0].slice('x: '.length);
  const rest = rendered.slice(1).map((l) => (l === '' ? '' : ' '.repeat(indent) + l.replace(/^ {2}/, '')));
  const tail = values.end > values.start && text[values.end - 1] === '\n' ? eol : '';
  return { ...label(pack), start: values.start, end: values.end, newText: [head, ...rest].join(eol) + tail };
}
