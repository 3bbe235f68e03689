// A fault-injecting HTTP proxy in front of the fake Palette: chosen requests get a status, a reset, a stall or a redirect, before or after being forwarded; every request is recorded with the origin that saw it and whether it carried the key.
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Answer this status; `after`: forward first, so the write happened and only its answer is replaced. */
  | { kind: 'status'; status: number; retryAfter?: string; after?: boolean }
  /** Destroy the connection; `after`: once the write happened. */
  | { kind: 'reset'; after?: boolean }
  /** Hold the connection, never answering, until the client gives up; `after`: once the write happened. */
  | { kind: 'stall'; after?: boolean }
  /** Answer a redirect to `location` (a path on this proxy, or a full URL of another origin). */
  | { kind: 'redirect'; status: number; location: string };

export interface Rule {
  method?: string;
  path: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** How many matching requests pass untouched first (default 0). */
  skip?: number;
  fault: Fault;
}

export interface Seen {
  origin: string;
  method: string;
  path: string;
  /** The ApiKey header as it arrived (undefined when none). */
  apiKey?: string;
  /** The fault this request met, if any. */
  fault?: Fault['kind'];
}

/** Records whatever reaches it (another origin a redirect points at) and answers 200 with an empty list. */
export class Recorder {
  readonly seen: Seen[] = [];
  url = '';
  private server?: Server;

  static async start(): Promise<Recorder> {
    const r = new Recorder();
    r.server = createServer((req, res) => {
      r.seen.push({ origin: r.url, method: req.method ?? '', path: req.url ?? '', apiKey: header(req, 'apikey') });
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"items":[],"uid":"elsewhere"}');
    });
    r.url = await listen(r.server);
    return r;
  }

  close(): Promise<void> {
    return shut(this.server);
  }
}

export class FaultProxy {
  readonly seen: Seen[] = [];
  readonly rules: Rule[] = [];
  url = '';
  private server?: Server;

  private constructor(readonly target: string) {}

  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    proxy.server = createServer((req, res) => void proxy.handle(req, res));
    proxy.url = await listen(proxy.server);
    return proxy;
  }

  inject(rule: Rule): void {
    this.rules.push({ times: 1, ...rule });
  }

  /** The requests that met a fault (or, with a method and path, the ones that match). */
  hits(method?: string, path?: RegExp): Seen[] {
    return this.seen.filter((s) => (method || path ? (!method || s.method === method) && (!path || path.test(s.path.split('?')[0])) : !!s.fault));
  }

  close(): Promise<void> {
    return shut(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    let rule = this.rules.find((r) => (r.times ?? 0) > 0 && (!r.method || r.method === method) && r.path.test(path.split('?')[0]));
    if (rule?.skip) rule = void rule.skip--;
    if (rule) rule.times!--;
    const fault = rule?.fault;
    this.seen.push({ origin: this.url, method, path, apiKey: header(req, 'apikey'), fault: fault?.kind });
    const body = await read(req);
    if (fault?.kind === 'redirect') {
      const location = fault.location.startsWith('/') ? this.url + fault.location : fault.location;
      res.writeHead(fault.status, { Location: location }).end();
      return;
    }
    if (fault && !('after' in fault && fault.after)) return this.fail(fault, req, res);
    const answer = await this.forward(req, method, path, body);
    if (fault) return this.fail(fault, req, res);
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  private fail(fault: Exclude<Fault, { kind: 'redirect' }>, req: IncomingMessage, res: ServerResponse): void {
    if (fault.kind === 'status') {
      const body = JSON.stringify({ code: 'Injected', message: `injected ${fault.status}` });
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...(fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {}) }).end(body);
    } else if (fault.kind === 'reset') {
      req.socket.destroy();
    }
    // A stall answers nothing: the client's timeout closes the socket, and close() ends whatever is left.
  }

  private forward(req: IncomingMessage, method: string, path: string, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const target = new URL(this.target);
    const headers = { ...req.headers, host: target.host };
    return new Promise((resolve, reject) => {
      const out = forward({ host: target.hostname, port: target.port, method, path, headers }, async (answer) => {
        const data = await read(answer);
        const kept: Record<string, string> = {};
        for (const name of ['content-type', 'retry-after', 'location']) if (answer.headers[name]) kept[name] = String(answer.headers[name]);
        resolve({ status: answer.statusCode ?? 502, headers: kept, body: data });
      });
      out.on('error', reject);
      out.end(body);
    });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

async function read(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shut(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
