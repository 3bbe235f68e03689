// The HTTP layer under the Palette backend: auth headers, per-request timeouts, retries with backoff, a log line per call, pagination.
import { BackendError, type BackendLog } from '../types';
import { checkEndpoint, fetchSameOrigin } from './endpoint';
import { scrub, statusError } from './errors';
import type { V1List } from './shapes';

export interface PaletteHttpOptions {
  /** Default `https://api.spectrocloud.com`; a self-hosted Palette's URL works the same. Plain http only to loopback unless `allowInsecureHttp`. */
  baseUrl?: string;
  /** Lets the key go over plain http to another machine: only when the user said so. */
  allowInsecureHttp?: boolean;
  apiKey: string;
  /** Scopes every call to a project (the `ProjectUid` header); tenant scope without it. */
  projectUid?: string;
  log?: BackendLog;
  /** Per attempt; default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt: 429 for every call, 5xx and network errors for idempotent calls only; default 3. */
  retries?: number;
  /** First backoff delay, doubled per retry, with jitter; default 500. */
  retryBaseMs?: number;
  /** Longest backoff delay; default 8 000. */
  retryMaxMs?: number;
  /** Longest wait a Retry-After header can ask for; default 30 000. */
  retryAfterCapMs?: number;
  fetch?: typeof fetch;
  /** How to wait between attempts (tests record the delays instead of waiting). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** What the call is about, for not-found/forbidden/conflict messages. */
  what?: string;
  /** A POST that only reads (a list, a search, a prediction), so it is retried like a GET. */
  readOnly?: boolean;
}

const secretParam = /key|token|secret|password|auth/i;
// PATCH too: every PATCH this backend sends sets a state (the cluster's profiles, publish, approve), so sending it
// twice asks for the same state; the flows read back what a second PATCH cannot tell (answer lost, then refused).
const idempotent = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'PATCH']);

/**
 * The request may have reached Palette and taken effect though no answer said so (a 5xx, a reset connection, a
 * timeout): a write that failed this way is not repeated blindly; its flow reads Palette's state to know what exists.
 */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof BackendError && (error.code === 'server' || error.code === 'network' || error.code === 'timeout');
}

function cancelled(): BackendError {
  return new BackendError('cancelled', 'Cancelled.');
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const done = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', done);
      resolve();
    }, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class PaletteHttp {
  readonly baseUrl: string;
  readonly projectUid?: string;
  private readonly options: PaletteHttpOptions;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: PaletteHttpOptions) {
    this.options = options;
    this.baseUrl = (options.baseUrl ?? 'https://api.spectrocloud.com').replace(/\/+$/, '');
    checkEndpoint(this.baseUrl, options.allowInsecureHttp);
    this.projectUid = options.projectUid || undefined;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** The parsed JSON body, or undefined for 204 and empty bodies. */
  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const { signal } = options;
    const retries = Math.max(0, this.options.retries ?? 3);
    const url = this.baseUrl + path + queryString(options.query);
    const shownPath = path + queryString(options.query, true);
    // A create, clone or import is made once: repeated after an answer that got lost it would make a second one (or a 409).
    const repeatable = options.readOnly === true || idempotent.has(method);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelled();
      const started = Date.now();
      const outcome = await this.attempt(method, url, options);
      const ms = Date.now() - started;
      const last = attempt > retries;
      if (outcome.kind === 'response') {
        const { response, text } = outcome;
        this.log(`${method} ${shownPath} → ${response.status} ${ms}ms (attempt ${attempt})`);
        if (response.ok) return parseBody<T>(text, method, path);
        // 429 means Palette turned the call away unprocessed, so any call can wait and go again.
        const retryable = response.status === 429 || (response.status >= 500 && repeatable);
        if (!retryable || last) {
          const error = statusError({ method, path, status: response.status, body: text, what: options.what, attempts: attempt });
          throw new BackendError(error.code, this.scrub(error.message), error.status);
        }
        const asked = retryAfterMs(response.headers.get('retry-after'));
        const wait = asked !== undefined ? Math.min(asked, this.options.retryAfterCapMs ?? 30_000) : this.backoff(attempt);
        await this.sleep(wait, signal);
        continue;
      }
      this.log(`${method} ${shownPath} → ${outcome.kind} ${ms}ms (attempt ${attempt})`);
      if (outcome.kind === 'cancelled') throw cancelled();
      if (outcome.kind === 'timeout') {
        throw new BackendError('timeout', `Palette did not answer ${method} ${path} within ${this.timeoutMs} ms.`);
      }
      if (last || !repeatable) {
        throw new BackendError('network', this.scrub(`Could not reach Palette at ${this.baseUrl}: ${outcome.message}`));
      }
      await this.sleep(this.backoff(attempt), signal);
    }
  }

  /** Every item of a Palette list, following `listmeta.continue` page by page (Palette serves at most 50 a page). */
  async list<T>(method: 'GET' | 'POST', path: string, options: CallOptions = {}): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const result = await this.call<V1List<T>>(method, path, { ...options, readOnly: true, query: { ...options.query, limit: 50, continue: token } });
      items.push(...(result?.items ?? []));
      token = result?.listmeta?.continue || undefined;
      if (!token || !result?.items?.length) return items;
    }
    return items;
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  private async attempt(
    method: string,
    url: string,
    options: CallOptions,
  ): Promise<{ kind: 'response'; response: Response; text: string } | { kind: 'timeout' } | { kind: 'cancelled' } | { kind: 'network'; message: string }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { ApiKey: this.options.apiKey, Accept: 'application/json' };
    if (this.projectUid) headers.ProjectUid = this.projectUid;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      // Redirects to another origin are refused there: fetch would send them the ApiKey header.
      const response = await fetchSameOrigin(this.fetch, url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
      // The body is read under the same timeout: a server that stalls mid-body times out too.
      const text = await response.text();
      return { kind: 'response', response, text };
    } catch (error) {
      if (error instanceof BackendError) throw new BackendError(error.code, this.scrub(error.message), error.status);
      if (timedOut) return { kind: 'timeout' };
      if (options.signal?.aborted) return { kind: 'cancelled' };
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { kind: 'network', message: cause?.code ?? cause?.message ?? (error as Error).message };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private backoff(attempt: number): number {
    const base = this.options.retryBaseMs ?? 500;
    const capped = Math.min(this.options.retryMaxMs ?? 8_000, base * 2 ** (attempt - 1));
    // Full jitter in the upper half, so many clients retrying at once spread out.
    return Math.round(capped * (0.5 + Math.random() / 2));
  }

  private scrub(text: string): string {
    return scrub(text, this.options.apiKey);
  }

  private log(line: string): void {
    this.options.log?.(this.scrub(line));
  }
}

function parseBody<T>(text: string, method: string, path: string): T {
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BackendError('server', `Palette answered ${method} ${path} with something that is not JSON.`);
  }
}

function queryString(query: Query | undefined, redact = false): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(name, redact && secretParam.test(name) ? '***' : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
