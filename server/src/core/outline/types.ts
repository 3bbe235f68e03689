// Shapes of the outline and of folding, in offsets and lines, for the LSP layer to convert.
import type { Span } from '../types';

/** Named after LSP symbol kinds; the adapter maps each to its number. */
export type OutlineKind = 'module' | 'namespace' | 'package' | 'file' | 'struct' | 'object' | 'array' | 'property' | 'variable';

export interface OutlineSymbol {
  /** Never empty: VS Code rejects a symbol without a name. */
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole construct, up to its last content character. */
  span: Span;
  /** The part to reveal and highlight, always inside `span`. */
  selection: Span;
  children: OutlineSymbol[];
}

export interface FoldLines {
  /** 0-based lines; `endLine` is always after `startLine`. */
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

/** Maps an offset into the document to its 0-based line. */
export type LineOf = (offset: number) => number;

/** Builds a symbol whose selection lies inside its span, as LSP requires, whatever the spans read from a broken file. */
export function outlineSymbol(name: string, kind: OutlineKind, span: Span, selection: Span | undefined, children: OutlineSymbol[] = [], detail?: string): OutlineSymbol {
  const start = Math.min(span.start, span.end);
  const end = Math.max(span.start, span.end);
  let sel = selection ?? { start, end: start };
  if (sel.start < start || sel.end > end || sel.end < sel.start) sel = { start, end: start };
  return { name: name.trim() === '' ? '(unnamed)' : name, detail: detail || undefined, kind, span: { start, end }, selection: sel, children };
}
