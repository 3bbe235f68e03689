// Folding ranges: packs, values blocks and the maps inside them, computed in lines by the core.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { foldsOf } from '../core/outline';
import type { FeatureContext } from './context';

export function foldingRanges(features: FeatureContext, document: TextDocument): FoldingRange[] {
  const analysis = features.store.analyze(document);
  return foldsOf(analysis, document.getText(), (offset) => document.positionAt(offset).line).map((fold) =>
    fold.kind === 'comment' ? { startLine: fold.startLine, endLine: fold.endLine, kind: FoldingRangeKind.Comment } : { startLine: fold.startLine, endLine: fold.endLine },
  );
}
