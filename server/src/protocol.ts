// The one module for custom requests and notifications between the client and the server.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Which kind a document is, as the server decided, so the client can show it. */
export interface DocumentKindParams {
  uri: string;
}
export interface DocumentKindResult {
  kind: string;
}
export const DocumentKindRequest = new RequestType<DocumentKindParams, DocumentKindResult, void>('paletteProfile/documentKind');

/** Sent by the server after it has published diagnostics for a version; tests and the status bar listen. */
export interface ValidatedParams {
  uri: string;
  version: number;
  problems: number;
  millis: number;
}
export const ValidatedNotification = new NotificationType<ValidatedParams>('paletteProfile/validated');

/** Initialization options the client passes; each has a default in the server's settings module. */
export interface InitializationOptions {
  maxFileSizeMB?: number;
}
