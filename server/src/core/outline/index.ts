// Entry points: the outline and the folds of any analysed file, profile or pack file.
import type { Analysis } from '../analyze';
import { packFileFolds, profileFolds } from './folding';
import { packFileSymbols } from './packFile';
import { profileSymbols } from './profile';
import type { FoldLines, LineOf, OutlineSymbol } from './types';

export type { FoldLines, LineOf, OutlineKind, OutlineSymbol } from './types';

export function outlineOf(analysis: Analysis, text: string): OutlineSymbol[] {
  if (analysis.kind === 'profile') return analysis.profile ? profileSymbols(analysis.profile) : [];
  return packFileSymbols(analysis.kind, text, analysis.doc);
}

export function foldsOf(analysis: Analysis, text: string, lineOf: LineOf): FoldLines[] {
  if (analysis.kind === 'profile') return analysis.profile ? profileFolds(analysis.profile, lineOf) : [];
  return packFileFolds(text, analysis.doc, lineOf);
}
