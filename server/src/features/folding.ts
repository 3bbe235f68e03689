// Folding ranges: packs, values blocks and the maps inside them.
import type { FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';

export function foldingRanges(_features: FeatureContext, _document: TextDocument): FoldingRange[] {
  return [];
}
