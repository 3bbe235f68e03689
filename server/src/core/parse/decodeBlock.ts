// Decodes a YAML block scalar (| or >, chomping and indentation indicators) keeping each character's source offset.
import type { Decoded } from './decodeScalar';
import { OffsetMapBuilder } from './offsetMap';

interface Line {
  start: number;
  indent: number;
  /** Content without the indentation and without a trailing `\r`. */
  content: string;
  /** Absolute offset of the line break (its `\r` for CRLF), or of the end for the last line. */
  breakAt: number;
}

/** Mirrors yaml 2.x's resolveBlockScalar; `start`/`end` are the node's range, from the `|` or `>`. */
export function decodeBlock(text: string, start: number, end: number, folded: boolean, parentIndent: number): Decoded {
  let h = start + 1;
  let chomp = '';
  let explicit = 0;
  while (h < end && /[-+0-9]/.test(text[h])) {
    const ch = text[h++];
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
    else if (!explicit && Number(ch)) explicit = Number(ch);
  }
  const nl = text.indexOf('\n', h);
  const contentStart = nl < 0 || nl >= end ? end : nl + 1;
  const out = new OffsetMapBuilder(start, contentStart);
  const lines = contentStart < end ? splitLines(text, contentStart, end) : [];
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0 && lines[i].content === ''; --i) chompStart = i;
  if (chompStart === 0) {
    if (chomp === '+' && lines.length > 0) out.emit('\n'.repeat(Math.max(1, lines.length - 1)), contentStart);
    return { ...out.finish(start, end), contentStart };
  }
  let trim = parentIndent + explicit;
  let contentLine = 0;
  for (let i = 0; i < chompStart; ++i) {
    const line = lines[i];
    if (line.content === '') {
      if (explicit === 0 && line.indent > trim) trim = line.indent;
    } else {
      if (explicit === 0) trim = line.indent;
      contentLine = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) if (lines[i].indent > trim) chompStart = i + 1;
  for (let i = 0; i < contentLine; ++i) {
    const line = lines[i];
    copyIndent(text, line, trim, out);
    out.emit('\n', line.breakAt);
  }
  let sep = '';
  let sepAt = contentStart;
  let prevMore = false;
  for (let i = contentLine; i < chompStart; ++i) {
    const line = lines[i];
    const lessIndented = line.content !== '' && line.indent < trim;
    const indentKept = lessIndented ? 0 : Math.max(0, line.indent - trim);
    const bodyFrom = lessIndented ? line.start + line.indent : line.start + line.indent - indentKept;
    if (!folded) {
      out.emit(sep, sepAt);
      out.copy(text.slice(bodyFrom, line.start + line.indent) + line.content, bodyFrom);
      sep = '\n';
    } else if (line.indent > trim || line.content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMore && sep === '\n') sep = '\n\n';
      out.emit(sep, sepAt);
      out.copy(text.slice(bodyFrom, line.start + line.indent) + line.content, bodyFrom);
      sep = '\n';
      prevMore = true;
    } else if (line.content === '') {
      if (sep === '\n') out.emit('\n', line.breakAt);
      else sep = '\n';
    } else {
      out.emit(sep, sepAt);
      out.copy(line.content, line.start + line.indent);
      sep = ' ';
      prevMore = false;
    }
    if (!folded || line.content !== '' || line.indent > trim) sepAt = line.breakAt;
  }
  const lastBreak = lines[chompStart - 1].breakAt;
  if (chomp === '+') {
    let at = lastBreak;
    for (let i = chompStart; i < lines.length; ++i) {
      out.emit('\n', at);
      copyIndent(text, lines[i], trim, out);
      at = lines[i].breakAt;
    }
    if (!endsWithNewline(lines, chompStart, trim)) out.emit('\n', at);
  } else if (chomp !== '-') out.emit('\n', lastBreak);
  return { ...out.finish(start, end), contentStart };
}

function endsWithNewline(lines: Line[], chompStart: number, trim: number): boolean {
  const last = lines[lines.length - 1];
  return lines.length > chompStart && last.indent <= trim;
}

function copyIndent(text: string, line: Line, trim: number, out: OffsetMapBuilder): void {
  if (line.indent > trim) out.copy(text.slice(line.start + trim, line.start + line.indent), line.start + trim);
}

/** Lines split at `\n` only, like yaml's splitLines; a `\r` ending a line is dropped, like yaml does. */
function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let pos = from;
  for (;;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= to) nl = to;
    let indent = 0;
    while (pos + indent < nl && text.charCodeAt(pos + indent) === 32) indent++;
    let contentEnd = nl;
    if (nl > pos + indent && text.charCodeAt(nl - 1) === 13) contentEnd--;
    lines.push({ start: pos, indent, content: text.slice(pos + indent, contentEnd), breakAt: contentEnd });
    if (nl >= to) break;
    pos = nl + 1;
  }
  return lines;
}
