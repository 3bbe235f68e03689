// Clone Profile, New Version from… and Edit Description and Tags: start a working file from a published version, or edit its metadata.
import * as vscode from 'vscode';
import { setAt } from '../../../server/src/core/merge/apply';
import { isValidName } from '../../../server/src/backend/local/layout';
import { nextVersions } from '../../../server/src/backend/flows';
import { pickVersion, refArg, reportError, trusted, type CommandEnv } from './common';

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

/** Arguments: a version (`{name, version}` or a view node) and, for tests, `{newName}`. */
export function cloneProfileCommand(env: CommandEnv) {
  return async (arg?: unknown, options?: { newName?: string }): Promise<vscode.TextEditor | undefined> => {
    try {
      const backend = await env.manager.get();
      const ref = refArg(arg) ?? (await pickVersion(backend, { title: 'Clone which profile version' }));
      if (!ref) return undefined;
      const names = new Set((await backend.listProfiles()).map((p) => p.name));
      const newName =
        options?.newName ??
        (await vscode.window.showInputBox({
          title: `Clone ${ref.name} ${ref.version} as a new profile`,
          prompt: 'The new profile\'s name; it starts at version 1.0.0 and is published with Publish Profile Version.',
          value: `${ref.name}-copy`,
          validateInput: (v) => (!isValidName(v) ? 'Letters, digits, ".", "-" and "_" only.' : names.has(v) ? `${v} is already a profile.` : undefined),
        }));
      if (!newName) return undefined;
      if (names.has(newName)) throw new Error(`${newName} is already a profile: pick another name.`);
      let text = await backend.readVersion(ref);
      text = setAt(text, ['metadata', 'name'], newName);
      text = setAt(text, ['spec', 'version'], '1.0.0');
      return await writeAndOpen(await freshUri(newName, `${newName}.profile.yaml`), text);
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
      const backend = await env.manager.get();
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

/** Arguments: a version and, for tests, `{description, tags}` instead of the input boxes. */
export function editMetadataCommand(env: CommandEnv) {
  return async (arg?: unknown, given?: { description?: string; tags?: string[] }): Promise<boolean> => {
    if (!trusted('Editing a published version')) return false;
    try {
      const backend = await env.manager.get();
      const ref = refArg(arg) ?? (await pickVersion(backend, { title: 'Edit the description and tags of' }));
      if (!ref) return false;
      const info = (await backend.listProfiles()).find((p) => p.name === ref.name)?.versions.find((v) => v.version === ref.version);
      let edit = given;
      if (!edit) {
        const description = await vscode.window.showInputBox({ title: `${ref.name} ${ref.version}: description`, value: info?.description ?? '' });
        if (description === undefined) return false;
        const tags = await vscode.window.showInputBox({ title: `${ref.name} ${ref.version}: tags`, prompt: 'Comma-separated, e.g. env:prod, team:retail', value: (info?.tags ?? []).join(', ') });
        if (tags === undefined) return false;
        edit = { description, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) };
      }
      await backend.updateMetadata(ref, edit);
      env.views.model.refresh();
      void vscode.window.showInformationMessage(`Updated the description and tags of ${ref.name} ${ref.version}.`);
      return true;
    } catch (error) {
      reportError(env, 'Edit Description and Tags', error);
      return false;
    }
  };
}
