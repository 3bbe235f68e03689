// Where the API key may go: only https endpoints (or plain http on this machine, or when the user allows it), and only same-origin redirects.
import { BackendError } from '../types';

/** Same-origin redirects followed per request; more is a loop or a misconfigured proxy. */
export const maxRedirects = 5;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine, so plain http exposes nothing. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Refuses a base URL the key must not be sent to: not http(s), or http to another machine (the key would
 * cross the network in clear text) unless `allowInsecureHttp` says the user chose that.
 */
export function checkEndpoint(baseUrl: string, allowInsecureHttp = false): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new BackendError('invalid', `The Palette endpoint '${baseUrl}' is not a URL (expected https://api.spectrocloud.com or your Palette's address).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BackendError('invalid', `The Palette endpoint must be an https:// URL, not ${url.protocol}//.`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new BackendError(
      'refused',
      `Refusing to send the API key to ${url.origin} over plain http: it would cross the network unencrypted. ` +
        'Use https://, or allow plain http explicitly (the user setting "paletteProfileStudio.palette.allowInsecureHttp", or --allow-insecure-http in the CLI).',
    );
  }
  return url;
}

/**
 * fetch with redirects followed by hand: `fetch` would carry the custom ApiKey header to any origin a redirect
 * names, so only same-origin redirects are followed (at most `maxRedirects`), and one to another origin fails
 * naming that origin, before anything is sent there.
 */
export async function fetchSameOrigin(fetcher: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  let current = new URL(url);
  let request: RequestInit = { ...init, redirect: 'manual' };
  for (let hop = 0; ; hop++) {
    const response = await fetcher(current.href, request);
    // A browser's fetch hides where a manual redirect goes: nothing can be checked, so nothing is followed.
    if (response.type === 'opaqueredirect') throw new BackendError('refused', `Palette at ${current.origin} answered with a redirect that cannot be followed safely; nothing was sent elsewhere.`);
    if (!redirectStatuses.has(response.status)) return response;
    const location = response.headers.get('location');
    if (!location) return response;
    await response.body?.cancel().catch(() => undefined);
    let target: URL;
    try {
      target = new URL(location, current);
    } catch {
      throw new BackendError('server', `Palette at ${current.origin} redirected to something that is not a URL.`);
    }
    if (target.origin !== current.origin) {
      throw new BackendError(
        'refused',
        `Palette at ${current.origin} redirected the request to another origin, ${target.origin}: not followed, so the API key was not sent there. ` +
          'If that is where your Palette now lives, set it as the endpoint.',
        response.status,
      );
    }
    if (hop >= maxRedirects) throw new BackendError('server', `Palette at ${current.origin} redirected more than ${maxRedirects} times; giving up.`);
    // As fetch itself does: 303, and 301/302 after a POST, continue as a GET without the body; 307 and 308 repeat the request.
    const method = (request.method ?? 'GET').toUpperCase();
    if (response.status === 303 ? method !== 'HEAD' : (response.status === 301 || response.status === 302) && method === 'POST') {
      const headers = Object.fromEntries(Object.entries((request.headers ?? {}) as Record<string, string>).filter(([name]) => name.toLowerCase() !== 'content-type'));
      request = { ...request, method: 'GET', body: undefined, headers };
    }
    current = target;
  }
}
