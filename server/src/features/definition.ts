// Go to definition from a `{{ .spectro.pack.P.path }}` macro to the key it names, and from `{{ .spectro.var.X }}` to the variable.
import type { Definition, DefinitionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionAt } from '../core/explain/definitionAt';
import type { FeatureContext } from './context';

export function definition(features: FeatureContext, document: TextDocument, params: DefinitionParams): Definition | null {
  const profile = features.store.analyze(document).profile;
  if (!profile) return null;
  const target = definitionAt(profile, document.offsetAt(params.position));
  if (!target) return null;
  return { uri: document.uri, range: { start: document.positionAt(target.start), end: document.positionAt(target.end) } };
}
