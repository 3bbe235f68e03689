// Go to definition from a `{{ .spectro.pack.P.path }}` macro to the key it names.
import type { Definition, DefinitionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';

export function definition(_features: FeatureContext, _document: TextDocument, _params: DefinitionParams): Definition | null {
  return null;
}
