// "Update Version in Place": replaces a published version's content (Palette warns against it); clusters on it then show Updates Available.
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { setAt } from '../../../server/src/core/merge/apply';
import { prepareInPlace, versionLabel } from '../../../server/src/backend/flows';
import type { VersionInfo, VersionRef } from '../../../server/src/backend/types';
import { rollUp } from './summary';
import { confirmModal, pickVersion, refArg, reportError, trusted, withProgress, type CommandEnv } from './common';

export const inPlaceWarning =
  'Palette does not recommend updating a deployed cluster profile version to push out changes: the previous content is not kept once it is overwritten. Create a new version and apply it to the clusters instead.';

function nameOf(text: string): string | undefined {
  const name = (parse(text) as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === 'string' ? name : undefined;
}

function versionOf(text: string): string | undefined {
  const version = (parse(text) as { spec?: { version?: unknown } } | null)?.spec?.version;
  return typeof version === 'string' ? version : undefined;
}

/** The text to write: an explicit file, else the active profile editor of the same profile. */
async function sourceText(ref: VersionRef, uri: vscode.Uri | undefined): Promise<{ text: string; from: string } | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (document && (uri || document.languageId === 'palette-profile') && nameOf(document.getText()) === ref.name) return { text: document.getText(), from: vscode.workspace.asRelativePath(document.uri) };
  const files = await vscode.window.showOpenDialog({ title: `The new content of ${ref.name} ${ref.version}`, canSelectMany: false, filters: { 'Palette profiles': ['yaml', 'yml'] }, openLabel: 'Update in place with' });
  if (!files?.[0]) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(files[0]));
  if (nameOf(text) !== ref.name) throw new Error(`${vscode.workspace.asRelativePath(files[0])} is not a version of ${ref.name}.`);
  return { text, from: vscode.workspace.asRelativePath(files[0]) };
}

/** Arguments: a version (`{name, version}`, a view node) and `uri`: the file holding the new content. */
export function updateInPlaceCommand(env: CommandEnv) {
  return async (arg?: unknown, given?: vscode.Uri): Promise<VersionInfo | undefined> => {
    if (!trusted('Updating a version in place')) return undefined;
    try {
      const backend = await env.manager.get({ ask: true });
      const uri = given ?? ((arg as { uri?: unknown })?.uri instanceof vscode.Uri ? (arg as { uri: vscode.Uri }).uri : undefined);
      const ref = refArg(arg) ?? (await pickVersion(backend, { title: 'Update which version in place (not recommended)' }));
      if (!ref) return undefined;
      const source = await sourceText(ref, uri);
      if (!source) return undefined;
      // The content keeps the version's number whatever the working file says.
      const text = setAt(source.text, ['spec', 'version'], ref.version);
      const prep = await withProgress(`Planning the in-place update of ${ref.name} ${ref.version}`, (signal) => prepareInPlace(backend, ref, text, signal));
      const using = prep.clusters.map((c) => c.cluster);
      const stored = `${ref.name} ${versionLabel(ref.version, prep.revision)}`;
      const fileVersion = versionOf(source.text);
      const renumbered = fileVersion && fileVersion !== ref.version ? ` (its version: ${fileVersion} is stored as ${ref.version})` : '';
      const perCluster = prep.clusters.map((c) => `${c.cluster}, on ${c.runs}:\n${c.error ? `not planned: ${c.error}` : rollUp(c.summary, `what ${c.cluster} runs`)}`);
      const detail = [
        inPlaceWarning,
        `New content from ${source.from}${renumbered}, stored as ${stored}.`,
        using.length ? `Clusters using it (${using.join(', ')}) will show Updates Available; each applies the pending update when you choose, keeping its overrides. What the pending update will do:` : 'No cluster uses this version.',
        ...perCluster,
      ].join('\n\n');
      if (!(await confirmModal(`Update ${ref.name} ${ref.version} in place (creates revision ${prep.revision})?`, detail, 'Update in place', 'warning'))) return undefined;
      const info = await withProgress(`Updating ${ref.name} ${ref.version} in place`, (signal) => backend.updateInPlace(ref, text, signal));
      env.views.versions.changed(ref);
      env.views.model.refresh();
      void vscode.window.showInformationMessage(`${ref.name} ${ref.version} updated in place: now ${versionLabel(ref.version, info.revision)}.${using.length ? ` Updates Available on ${using.join(', ')}.` : ''}`);
      return info;
    } catch (error) {
      reportError(env, 'Update Version in Place', error);
      return undefined;
    }
  };
}
