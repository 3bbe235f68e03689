// Resolves an override conflict in place: the core's conflict edit applied to the draft document as a WorkspaceEdit (undoable, unsaved).
import * as vscode from 'vscode';
import { conflictEdit } from '../../../server/src/core/review/conflictEdit';
import type { RawConflict } from './sources';

/** Writes `value` at the conflict's path in the draft; false when the draft already holds it. */
export async function resolveConflict(document: vscode.TextDocument, conflict: RawConflict, value: unknown): Promise<boolean> {
  const { edits, problems } = conflictEdit(document.getText(), conflict, value);
  if (problems.length) {
    void vscode.window.showWarningMessage(`The conflict on ${conflict.pack} ${conflict.path} could not be resolved in place: ${problems[0]}`);
    return false;
  }
  if (!edits.length) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return vscode.workspace.applyEdit(edit);
}
