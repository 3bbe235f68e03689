// The outline: a profile's layers and packs, a pack file's keys; the core computes it in offsets.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { outlineOf, type OutlineKind, type OutlineSymbol } from '../core/outline';
import type { FeatureContext } from './context';

const kinds: Record<OutlineKind, SymbolKind> = {
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  package: SymbolKind.Package,
  file: SymbolKind.File,
  struct: SymbolKind.Struct,
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  property: SymbolKind.Property,
  variable: SymbolKind.Variable,
};

export function documentSymbols(features: FeatureContext, document: TextDocument): DocumentSymbol[] {
  const analysis = features.store.analyze(document);
  const convert = (symbol: OutlineSymbol): DocumentSymbol => ({
    name: symbol.name,
    detail: symbol.detail,
    kind: kinds[symbol.kind],
    range: { start: document.positionAt(symbol.span.start), end: document.positionAt(symbol.span.end) },
    selectionRange: { start: document.positionAt(symbol.selection.start), end: document.positionAt(symbol.selection.end) },
    children: symbol.children.map(convert),
  });
  return outlineOf(analysis, document.getText()).map(convert);
}
