// The outline: a profile's layers and packs, a pack file's top-level keys.
import type { DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';

export function documentSymbols(_features: FeatureContext, _document: TextDocument): DocumentSymbol[] {
  return [];
}
