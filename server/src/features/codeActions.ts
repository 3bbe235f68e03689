// Code actions: quote a variable, pin a floating tag, bump the version, revert a change to the baseline, fix an enum value.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';

export const codeActionKinds = [CodeActionKind.QuickFix, CodeActionKind.Refactor];

export async function codeActions(_features: FeatureContext, _document: TextDocument, _params: CodeActionParams): Promise<CodeAction[]> {
  return [];
}
