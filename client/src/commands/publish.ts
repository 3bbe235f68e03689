// "Publish Profile Version": validate (errors block), make the version strict semver and free, show the roll-up against the previous version, publish.
import * as vscode from 'vscode';
import { publishEncodingReason } from '../../../server/src/core/encoding';
import { executePublish, preparePublish, withVersion, type PublishPreparation } from '../../../server/src/backend/flows';
import type { Backend, VersionInfo } from '../../../server/src/backend/types';
import { confirmModal, reportError, trusted, withProgress, type CommandEnv } from './common';
import { rollUp } from './summary';

function targetUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  const uri = (target as { uri?: unknown } | undefined)?.uri;
  if (uri instanceof vscode.Uri) return uri;
  if (typeof target === 'string') return vscode.Uri.parse(target);
  return vscode.window.activeTextEditor?.document.uri;
}

/** Writes `spec.version` into the document (formatting kept) and saves it, so the file says what was published. */
async function setVersion(document: vscode.TextDocument, version: string): Promise<void> {
  const text = document.getText();
  const next = withVersion(text, version);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), next);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not write version ${version} into ${vscode.workspace.asRelativePath(document.uri)}.`);
  if (!document.isUntitled) await document.save();
}

/** The quick pick when the version is not strict semver or is taken; a first version defaults to 1.0.0. */
async function pickFreeVersion(prep: PublishPreparation): Promise<string | undefined> {
  const published = prep.existing.map((v) => v.version);
  const first = prep.isNewProfile;
  const why = !prep.version ? 'has no version' : !prep.strictSemver ? `"${prep.version}" is not strict semver (like 1.2.3)` : `${prep.version} is already published`;
  const items = [
    ...(first ? [{ label: '1.0.0', description: 'first version' }] : []),
    { label: prep.next.minor, description: 'minor: new features, pack updates' },
    { label: prep.next.patch, description: 'patch: fixes' },
    { label: prep.next.major, description: 'major: breaking changes' },
  ].filter((item, i, all) => all.findIndex((x) => x.label === item.label) === i && !published.includes(item.label));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${prep.name ?? 'This profile'} ${why}: publish it as`,
    placeHolder: published.length ? `Published: ${published.join(', ')}` : 'No version published yet',
  });
  return picked?.label;
}

/** What blocks publishing outright: validation errors (with their lines) and an unusable name; a version can be picked instead. */
function blockers(document: vscode.TextDocument, prep: PublishPreparation): string[] {
  // A version that is not strict semver is answered with the version pick, not blocked.
  const version = prep.model.version?.span;
  const aboutVersion = (e: { start: number; message: string }) => (version && e.start >= version.start && e.start <= version.end) || e.message.startsWith('spec.version');
  const out = prep.errors.filter((e) => !aboutVersion(e)).map((e) => `line ${document.positionAt(e.start).line + 1}: ${e.message}`);
  if (!prep.name) out.push('The profile has no metadata.name.');
  else if (prep.reasons.some((r) => r.includes('not a usable profile name'))) out.push(prep.reasons.find((r) => r.includes('not a usable profile name'))!);
  return out;
}

async function prepare(backend: Backend, document: vscode.TextDocument): Promise<PublishPreparation> {
  return withProgress(`Checking ${vscode.workspace.asRelativePath(document.uri)} for publishing`, (signal) => preparePublish(backend, document.getText(), signal));
}

/** Argument: the profile file (a uri, or `{uri}`); default the active editor. Returns the published version. */
export function publishVersionCommand(env: CommandEnv) {
  return async (target?: unknown): Promise<VersionInfo | undefined> => {
    if (!trusted('Publishing')) return undefined;
    const uri = targetUri(target);
    if (!uri) {
      void vscode.window.showWarningMessage('Open a Palette profile (*.profile.yaml) to publish it.');
      return undefined;
    }
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      // Before the save below: saving would itself write U+FFFD over the bytes the editor could not read.
      const encoding = publishEncodingReason(document.getText());
      if (encoding) {
        await vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(document.uri)} cannot be published: its text is not what the file holds.`, { modal: true, detail: encoding });
        return undefined;
      }
      if (document.isDirty && !document.isUntitled) await document.save();
      const backend = await env.manager.get({ ask: true });
      let prep = await prepare(backend, document);
      const blocking = blockers(document, prep);
      if (blocking.length) {
        await vscode.window.showErrorMessage(`${prep.name ?? 'This profile'} cannot be published: fix ${blocking.length === 1 ? 'this' : `these ${blocking.length} problems`} first.`, { modal: true, detail: blocking.map((e) => `• ${e}`).join('\n') });
        return undefined;
      }
      if (!prep.version || !prep.strictSemver || prep.taken) {
        const version = await pickFreeVersion(prep);
        if (!version) return undefined;
        await setVersion(document, version);
        prep = await prepare(backend, document);
        if (prep.blocked) throw new Error(prep.reasons.join(' '));
      }
      const against = prep.previous ? `${prep.previous.name} ${prep.previous.version}` : 'no previous version';
      const detail = `${rollUp(prep.summary, against)}\n\nPublished versions cannot be changed afterwards (only updated in place, which Palette does not recommend).`;
      if (!(await confirmModal(`Publish ${prep.name} ${prep.version} to ${backend.label}?`, detail, 'Publish'))) return undefined;
      const text = document.getText();
      const { info: published } = await withProgress(`Publishing ${prep.name} ${prep.version}`, (signal) => executePublish(backend, text, { signal }));
      env.views.model.refresh();
      // Notes say what the publish met and settled (an answer lost, a copy an interrupted publish left).
      const notes = published.notes?.length ? ` ${published.notes.join(' ')}` : '';
      for (const note of published.notes ?? []) env.output.info(`[publish] ${note}`);
      void vscode.window.showInformationMessage(`Published ${published.name} ${published.version} to ${backend.label}.${notes}`);
      return published;
    } catch (error) {
      reportError(env, 'Publish Profile Version', error);
      return undefined;
    }
  };
}
