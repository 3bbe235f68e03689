// Clone Profile, New Version from… and Edit Name, Description and Tags: start a working file from a published version, or edit its metadata.
import * as vscode from 'vscode';
import { deleteAt, setAt } from '../../../server/src/core/merge/apply';
import { isValidName } from '../../../server/src/backend/local/layout';
import { nextVersions } from '../../../server/src/backend/flows';
import { tagsToLabels } from '../../../server/src/backend/palette/profileText';
import type { Backend, VersionRef } from '../../../server/src/backend/types';
import { confirmModal, pickVersion, refArg, reportError, trusted, type CommandEnv } from './common';

/** A new file `<folder>/<name>/<file>`, never over an existing one (a numbered name instead). */
async function freshUri(name: string, file: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('Open a folder first: working files are created in the workspace.');
  const base = file.replace(/\.profile\.yaml$/, '');
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder.uri, name, `${base}${n > 1 ? `-${n}` : ''}.profile.yaml`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}

async function writeAndOpen(uri: vscode.Uri, text: string): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Why `name` cannot be a new profile's name, or undefined when it can; `keep` is allowed although taken. */
function nameProblem(name: string, taken: Set<string>, keep?: string): string | undefined {
  if (!isValidName(name)) return 'Letters, digits, ".", "-" and "_" only.';
  if (name !== keep && taken.has(name)) return `${name} is already a profile: pick another name.`;
  return undefined;
}

/** Description and tags in the profile file's own fields: `metadata.description`, and tags as `metadata.labels` the way Palette keeps them. */
function withMetadata(text: string, metadata: { description?: string; tags?: string[] }): string {
  if (metadata.description !== undefined) text = metadata.description ? setAt(text, ['metadata', 'description'], metadata.description, 'name') : deleteAt(text, ['metadata', 'description']);
  if (metadata.tags !== undefined) text = metadata.tags.length ? setAt(text, ['metadata', 'labels'], tagsToLabels(metadata.tags)) : deleteAt(text, ['metadata', 'labels']);
  return text;
}

/** Profile `newName` at 1.0.0 from a published version, in a new working file that it opens: Clone Profile, and a rename. */
async function startProfileFrom(backend: Backend, ref: VersionRef, newName: string, metadata?: { description?: string; tags?: string[] }): Promise<vscode.TextEditor> {
  let text = await backend.readVersion(ref);
  text = setAt(text, ['metadata', 'name'], newName);
  text = setAt(text, ['spec', 'version'], '1.0.0');
  if (metadata) text = withMetadata(text, metadata);
  return writeAndOpen(await freshUri(newName, `${newName}.profile.yaml`), text);
}

/** Arguments: a version (`{name, version}` or a view node) and, for tests, `{newName}`. */
export function cloneProfileCommand(env: CommandEnv) {
  return async (arg?: unknown, options?: { newName?: string }): Promise<vscode.TextEditor | undefined> => {
    try {
      const backend = await env.manager.get({ ask: true });
      const ref = refArg(arg) ?? (await pickVersion(backend, { title: 'Clone which profile version' }));
      if (!ref) return undefined;
      const names = new Set((await backend.listProfiles()).map((p) => p.name));
      const newName =
        options?.newName ??
        (await vscode.window.showInputBox({
          title: `Clone ${ref.name} ${ref.version} as a new profile`,
          prompt: 'The new profile\'s name; it starts at version 1.0.0 and is published with Publish Profile Version.',
          value: `${ref.name}-copy`,
          validateInput: (v) => nameProblem(v, names),
        }));
      if (!newName) return undefined;
      const problem = nameProblem(newName, names);
      if (problem) throw new Error(problem);
      return await startProfileFrom(backend, ref, newName);
    } catch (error) {
      reportError(env, 'Clone Profile', error);
      return undefined;
    }
  };
}

/** Arguments: a version and, for tests, `{version}`: the new version number instead of the pick. */
export function newVersionFromCommand(env: CommandEnv) {
  return async (arg?: unknown, options?: { version?: string }): Promise<vscode.TextEditor | undefined> => {
    try {
      const backend = await env.manager.get({ ask: true });
      const ref = refArg(arg) ?? (await pickVersion(backend, { title: 'Start a new version from' }));
      if (!ref) return undefined;
      const taken = (await backend.listProfiles()).find((p) => p.name === ref.name)?.versions.map((v) => v.version) ?? [];
      const next = nextVersions(taken);
      const version =
        options?.version ??
        (
          await vscode.window.showQuickPick(
            [
              { label: next.minor, description: 'minor: new features, pack updates' },
              { label: next.patch, description: 'patch: fixes' },
              { label: next.major, description: 'major: breaking changes' },
            ],
            { title: `New version of ${ref.name} from ${ref.version}`, placeHolder: `Published: ${taken.join(', ')}` },
          )
        )?.label;
      if (!version) return undefined;
      const text = setAt(await backend.readVersion(ref), ['spec', 'version'], version);
      return await writeAndOpen(await freshUri(ref.name, `${ref.name}-${version}.profile.yaml`), text);
    } catch (error) {
      reportError(env, 'New Version from…', error);
      return undefined;
    }
  };
}

/**
 * Arguments: a version and, for tests, `{name, description, tags}` instead of the input boxes (a missing
 * name keeps the name). Palette never renames a profile (its metadata name "cannot be updated"), so a new
 * name becomes, once the user accepts, a new profile at 1.0.0 in a working file; the published one stays.
 */
export function editMetadataCommand(env: CommandEnv) {
  return async (arg?: unknown, given?: { name?: string; description?: string; tags?: string[] }): Promise<boolean> => {
    if (!trusted('Editing a published version')) return false;
    try {
      const backend = await env.manager.get({ ask: true });
      const ref = refArg(arg) ?? (await pickVersion(backend, { title: 'Edit the name, description and tags of' }));
      if (!ref) return false;
      const profiles = await backend.listProfiles();
      const names = new Set(profiles.map((p) => p.name));
      const info = profiles.find((p) => p.name === ref.name)?.versions.find((v) => v.version === ref.version);
      let edit = given;
      if (!edit) {
        const name = await vscode.window.showInputBox({
          title: `${ref.name} ${ref.version}: name`,
          prompt: 'A new name starts a new profile at 1.0.0: Palette keeps a profile\'s name for life.',
          value: ref.name,
          validateInput: (v) => nameProblem(v, names, ref.name),
        });
        if (name === undefined) return false;
        const description = await vscode.window.showInputBox({ title: `${ref.name} ${ref.version}: description`, value: info?.description ?? '' });
        if (description === undefined) return false;
        const tags = await vscode.window.showInputBox({ title: `${ref.name} ${ref.version}: tags`, prompt: 'Comma-separated, e.g. env:prod, team:retail', value: (info?.tags ?? []).join(', ') });
        if (tags === undefined) return false;
        edit = { name, description, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) };
      }
      const { name: newName = ref.name, ...metadata } = edit;
      if (newName !== ref.name) return await cloneRenamed(backend, ref, newName, names, { description: metadata.description ?? info?.description, tags: metadata.tags ?? info?.tags });
      await backend.updateMetadata(ref, metadata);
      env.views.model.refresh();
      void vscode.window.showInformationMessage(`Updated the description and tags of ${ref.name} ${ref.version}.`);
      return true;
    } catch (error) {
      reportError(env, 'Edit Name, Description and Tags', error);
      return false;
    }
  };
}

/** A rename, after the user accepts what it really is: a new profile cloned under the new name, to publish. */
async function cloneRenamed(backend: Backend, ref: VersionRef, newName: string, names: Set<string>, metadata: { description?: string; tags?: string[] }): Promise<boolean> {
  const problem = nameProblem(newName, names, ref.name);
  if (problem) throw new Error(problem);
  const accept = `Clone as ${newName}`;
  const detail = `${accept} starts a new profile ${newName} at version 1.0.0 from ${ref.name} ${ref.version}, with the description and tags you entered, in a working file; publish it with Publish Profile Version. ${ref.name} and the clusters that run it stay as they are.`;
  if (!(await confirmModal(`Palette keeps a profile's name for life: ${ref.name} cannot be renamed.`, detail, accept, 'warning'))) return false;
  const editor = await startProfileFrom(backend, ref, newName, metadata);
  void vscode.window.showInformationMessage(`${newName} 1.0.0 is in ${vscode.workspace.asRelativePath(editor.document.uri)}: publish it with Publish Profile Version. ${ref.name} is unchanged.`);
  return true;
}
