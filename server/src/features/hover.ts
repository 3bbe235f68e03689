// Hover on a key: its dotted path and its value; later layers add schema text and upgrade rules.
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dottedPath, keyAt } from '../core/keyAt';
import type { FeatureContext } from './context';

export async function hover(features: FeatureContext, document: TextDocument, params: HoverParams): Promise<Hover | null> {
  const analysis = features.store.analyze(document);
  const doc = analysis.doc;
  if (!doc) return null;
  const found = keyAt(doc, document.offsetAt(params.position));
  if (!found) return null;
  return {
    contents: { kind: 'markdown', value: `\`${dottedPath(found.path)}\`\n\nValue: \`${found.valueSummary}\`` },
    range: { start: document.positionAt(found.keyStart), end: document.positionAt(found.keyEnd) },
  };
}
