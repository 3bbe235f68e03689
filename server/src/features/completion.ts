// Completions: schema keys and enum values (also inside embedded values), pack names and layers, macro paths, variables, pack versions.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completePackValues, completeSite, profileSite, type Candidate, type CandidateKind, type CompletionEnv, type PackFields } from '../core/complete';
import { isJsonText } from '../core/fileKind';
import type { ValuesTree } from '../core/parse/valuesTree';
import { valuesSchemaFor } from '../core/validate';
import type { PackFolderEntry } from '../workspace';
import type { FeatureContext } from './context';

export const completionTriggers = ['.', ':', ' ', '{'];

const kinds: Record<CandidateKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  pack: CompletionItemKind.Module,
  version: CompletionItemKind.Constant,
  variable: CompletionItemKind.Variable,
  macro: CompletionItemKind.Constant,
  path: CompletionItemKind.Field,
  namespace: CompletionItemKind.Module,
};

export async function completion(features: FeatureContext, document: TextDocument, params: CompletionParams): Promise<CompletionList | CompletionItem[] | null> {
  const kind = features.store.kindOf(document);
  const offset = document.offsetAt(params.position);
  let candidates: Candidate[];
  if (kind === 'profile') {
    // Candidates are YAML (`key: `, block lines); in a JSON export they would break the document.
    if (isJsonText(document.getText())) return null;
    const model = features.store.analyze(document).profile;
    const site = model ? profileSite(model, offset) : undefined;
    if (!site) return null;
    const env: CompletionEnv = {};
    if (site.kind !== 'macro') {
      const packs = await features.workspace.packs();
      env.packFolders = packs;
      if (site.kind === 'values') env.folderValues = await folderValues(features, packs, site.pack);
    }
    candidates = completeSite(site, env);
  } else if (kind === 'pack-values') {
    candidates = completePackValues(document.getText(), offset, await packValuesSchema(features, document));
  } else return null;
  if (candidates.length === 0) return null;
  return { isIncomplete: false, items: candidates.map((c) => toItem(document, c)) };
}

function toItem(document: TextDocument, c: Candidate): CompletionItem {
  const range = { start: document.positionAt(c.replace.start), end: document.positionAt(c.replace.end) };
  return {
    label: c.label,
    kind: kinds[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
    textEdit: { range, newText: c.insertText ?? c.label },
    insertTextFormat: InsertTextFormat.PlainText,
    // Inserted lines carry only the indentation beyond the caret line's; the editor adds the rest.
    insertTextMode: InsertTextMode.adjustIndentation,
    sortText: c.sortText,
    filterText: c.filterText,
    preselect: c.preselect,
    command: c.retrigger ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
  };
}

/** The pack folder matching a layer: the one at its tag, else the newest. */
async function folderValues(features: FeatureContext, folders: readonly PackFolderEntry[], pack: PackFields): Promise<ValuesTree | undefined> {
  const named = folders.filter((f) => f.name === pack.name);
  const folder = named.find((f) => f.version === pack.tag) ?? named[0];
  return folder ? (await features.workspace.packFolder(folder.path)).values : undefined;
}

/** A pack's own values.yaml follows its values schema when pack.json names a pack that has one. */
async function packValuesSchema(features: FeatureContext, document: TextDocument): Promise<ReturnType<typeof valuesSchemaFor>> {
  if (!document.uri.startsWith('file:')) return undefined;
  const folder = dirname(fileURLToPath(document.uri));
  const entry = (await features.workspace.packs()).find((p) => p.path === folder);
  return entry ? valuesSchemaFor(entry.name, undefined, undefined) : undefined;
}
