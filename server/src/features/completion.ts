// Completions: schema keys and enum values (also inside embedded values), pack names and layers, macro paths, variables, pack versions.
import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';

export const completionTriggers = ['.', ':', ' ', '{'];

export async function completion(_features: FeatureContext, _document: TextDocument, _params: CompletionParams): Promise<CompletionList | CompletionItem[] | null> {
  return null;
}
