// Entry points: the outline and the folds of any analysed file, profile or pack file, once per analysis.
import type { Analysis } from '../analyze';
import { packFileFolds, profileFolds } from './folding';
import { packFileSymbols } from './packFile';
import { profileSymbols } from './profile';
import type { FoldLines, LineOf, OutlineSymbol } from './types';

export type { FoldLines, LineOf, OutlineKind, OutlineSymbol } from './types';

// An analysis stands for one version of one text; the outline view, breadcrumbs and sticky scroll may each ask for it.
const symbolMemo = new WeakMap<Analysis, OutlineSymbol[]>();
const foldMemo = new WeakMap<Analysis, FoldLines[]>();

export function outlineOf(analysis: Analysis, text: string): OutlineSymbol[] {
  let symbols = symbolMemo.get(analysis);
  if (!symbols) {
    if (analysis.kind === 'profile') symbols = analysis.profile ? profileSymbols(analysis.profile) : [];
    else symbols = packFileSymbols(analysis.kind, text, analysis.doc);
    symbolMemo.set(analysis, symbols);
  }
  return symbols;
}

/** `lineOf` must read the same text as the analysis. */
export function foldsOf(analysis: Analysis, text: string, lineOf: LineOf): FoldLines[] {
  let folds = foldMemo.get(analysis);
  if (!folds) {
    if (analysis.kind === 'profile') folds = analysis.profile ? profileFolds(analysis.profile, lineOf) : [];
    else folds = packFileFolds(text, analysis.doc, lineOf);
    foldMemo.set(analysis, folds);
  }
  return folds;
}
