// Turns Palette's HTTP failures into BackendErrors a user can act on, with the API key scrubbed from anything shown.
import { BackendError } from '../types';

/** Replaces every occurrence of the secret, so no message, log line or server echo ever carries it. */
export function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

/** The `message` of Palette's error body ({code, message, ...}), else the first line of the text, kept short. */
export function serverMessage(body: string): string {
  let message = body;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; code?: unknown };
    if (parsed && typeof parsed.message === 'string') message = parsed.message;
    else if (parsed && typeof parsed.code === 'string') message = parsed.code;
  } catch {
    // not JSON: keep the text
  }
  message = message.split('\n')[0].trim();
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

export interface FailedCall {
  method: string;
  /** The path without its query. */
  path: string;
  status: number;
  body: string;
  /** What the call was about, for 403/404/409 ("cluster store-042"); defaults to the call itself. */
  what?: string;
  attempts: number;
}

export function statusError(call: FailedCall): BackendError {
  const detail = serverMessage(call.body);
  const suffix = detail ? `: ${detail}` : '.';
  const what = call.what ?? `${call.method} ${call.path}`;
  const { status } = call;
  if (status === 401) {
    return new BackendError('unauthorized', 'Palette rejected the API key (HTTP 401): it is invalid or expired. Set a valid key with the command "Palette: Set API Key".', status);
  }
  if (status === 403) return new BackendError('forbidden', `Palette refused access to ${what} (HTTP 403): the API key's user lacks the permission, or the project is wrong${suffix}`, status);
  if (status === 404) return new BackendError('not-found', `Not found in Palette: ${what} (HTTP 404)${suffix}`, status);
  if (status === 409) return new BackendError('conflict', `Palette reports a conflict for ${what} (HTTP 409)${suffix}`, status);
  if (status === 429) return new BackendError('rate-limited', `Palette kept rate-limiting ${call.method} ${call.path} (HTTP 429) after ${call.attempts} attempts; try again in a minute.`, status);
  if (status >= 500) return new BackendError('server', `Palette's server failed on ${call.method} ${call.path} (HTTP ${status}) after ${call.attempts} attempts${suffix}`, status);
  return new BackendError('invalid', `Palette refused ${call.method} ${call.path} (HTTP ${status})${suffix}`, status);
}
