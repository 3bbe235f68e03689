// Tracks which document versions the server has finished checking, for the status bar and tests.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ValidatedNotification, type ValidatedParams } from '../../server/src/protocol';

export class ValidationTracker {
  private readonly latest = new Map<string, ValidatedParams>();
  private readonly emitter = new vscode.EventEmitter<ValidatedParams>();
  readonly onDidValidate = this.emitter.event;

  attach(client: LanguageClient): vscode.Disposable {
    return vscode.Disposable.from(
      client.onNotification(ValidatedNotification, (params) => {
        this.latest.set(params.uri, params);
        this.emitter.fire(params);
      }),
      // A document opened again restarts at its own versions on the server: the old answer must not stand for it.
      vscode.workspace.onDidCloseTextDocument((document) => this.latest.delete(document.uri.toString())),
    );
  }

  /** The last version of `uri` the server finished checking, if any. */
  validated(uri: vscode.Uri): ValidatedParams | undefined {
    return this.latest.get(uri.toString());
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
