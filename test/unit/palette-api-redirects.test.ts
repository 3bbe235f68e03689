// Where the API key may go: redirects followed within Palette's origin only (two local servers), and plain http refused except to loopback.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaletteHttp } from '../../server/src/backend/palette/http';
import { isLoopback, maxRedirects } from '../../server/src/backend/palette/endpoint';
import { PaletteApiBackend } from '../../server/src/backend/palette';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { createBackend } from '../../server/src/cli/backend';
import { backendError } from './backend-errors';

const apiKey = 'pk-redirect-SECRET-51d0';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server that records every request and answers with what `reply` says for its path. */
async function recorder(reply: (path: string, method: string) => { status: number; location?: string } | undefined) {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    seen.push(entry);
    const answer = reply(entry.path, entry.method);
    if (answer) {
      res.writeHead(answer.status, answer.location ? { Location: answer.location } : {});
      res.end('{"message":"moved"}');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method: entry.method, path: entry.path, body: entry.body }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { seen, url: `http://127.0.0.1:${port}`, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Recorder = Awaited<ReturnType<typeof recorder>>;

describe('palette api: redirects and endpoints', () => {
  let servers: Recorder[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  const http = (baseUrl: string) => new PaletteHttp({ baseUrl, apiKey, retryBaseMs: 1, retryMaxMs: 1, sleep: async () => undefined });

  for (const status of [307, 308]) {
    it(`follows a same-origin ${status}, repeating the method, body and key`, async () => {
      const a = await recorder((path) => (path === '/v1/old' ? { status, location: '/v1/new?x=1' } : undefined));
      servers.push(a);
      const answer = await http(a.url).call<{ method: string; path: string; body: string }>('POST', '/v1/old', { body: { name: 'edge' } });
      assert.deepEqual(answer, { method: 'POST', path: '/v1/new?x=1', body: '{"name":"edge"}' });
      assert.deepEqual(a.seen.map((s) => s.headers.apikey), [apiKey, apiKey]);
    });
  }

  for (const status of [301, 302, 303]) {
    it(`follows a same-origin ${status} after a POST as a GET without the body`, async () => {
      const a = await recorder((path) => (path === '/v1/old' ? { status, location: `http://127.0.0.1:${a.port}/v1/new` } : undefined));
      servers.push(a);
      const answer = await http(a.url).call<{ method: string; body: string }>('POST', '/v1/old', { body: { name: 'edge' } });
      assert.deepEqual([answer.method, answer.body], ['GET', '']);
      assert.equal(a.seen[1].headers['content-type'], undefined);
    });
  }

  for (const status of [301, 302, 303, 307, 308]) {
    it(`refuses a ${status} to another origin, naming it: the other server receives nothing, the key appears nowhere`, async () => {
      const b = await recorder(() => undefined);
      const a = await recorder(() => ({ status, location: `${b.url}/v1/steal?token=abc` }));
      servers.push(a, b);
      const error = await backendError(http(a.url).call('POST', '/v1/clusterprofiles', { body: { x: 1 } }));
      assert.equal(error.code, 'refused');
      assert.ok(error.message.includes(`redirected the request to another origin, ${b.url}:`), error.message);
      assert.ok(!error.message.includes('steal') && !error.message.includes(apiKey), error.message);
      assert.equal(b.seen.length, 0, 'the second server was called');
      assert.equal(a.seen.length, 1, 'a refused redirect is not retried');
    });
  }

  it('treats another port or host name of the same machine as another origin', async () => {
    const b = await recorder(() => undefined);
    const a = await recorder((path) => (path === '/v1/port' ? { status: 307, location: `${b.url}/v1/x` } : { status: 307, location: `http://localhost:${a.port}/v1/x` }));
    servers.push(a, b);
    assert.equal((await backendError(http(a.url).call('GET', '/v1/port'))).code, 'refused');
    assert.match((await backendError(http(a.url).call('GET', '/v1/host'))).message, new RegExp(`another origin, http://localhost:${a.port}:`));
    assert.equal(b.seen.length, 0);
    assert.equal(a.seen.length, 2);
  });

  it(`stops a same-origin redirect loop after ${maxRedirects} redirects`, async () => {
    const a = await recorder(() => ({ status: 302, location: '/v1/loop' }));
    servers.push(a);
    const error = await backendError(http(a.url).call('GET', '/v1/loop'));
    assert.match(error.message, new RegExp(`redirected more than ${maxRedirects} times`));
    assert.equal(a.seen.length, maxRedirects + 1);
  });

  it('the backend refuses a cross-origin redirect from a real Palette call as well', async () => {
    const b = await recorder(() => undefined);
    const a = await recorder(() => ({ status: 307, location: b.url + '/v1/dashboard/clusterprofiles' }));
    servers.push(a, b);
    const error = await backendError(new PaletteApiBackend({ baseUrl: a.url, apiKey, retries: 0 }).listProfiles());
    assert.equal(error.code, 'refused');
    assert.equal(b.seen.length, 0);
  });

  it('refuses plain http to another machine unless allowed; loopback is fine', async () => {
    const refused = () => new PaletteHttp({ baseUrl: 'http://palette.example.com', apiKey });
    assert.throws(refused, (error: Error) => /Refusing to send the API key to http:\/\/palette\.example\.com over plain http/.test(error.message) && !error.message.includes(apiKey));
    assert.doesNotThrow(() => new PaletteHttp({ baseUrl: 'http://palette.example.com', apiKey, allowInsecureHttp: true }));
    assert.doesNotThrow(() => new PaletteHttp({ baseUrl: 'https://palette.example.com', apiKey }));
    assert.throws(() => new PaletteHttp({ baseUrl: 'ftp://palette.example.com', apiKey }), /must be an https:\/\/ URL/);
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:1', 'http://127.3.4.5', 'http://[::1]:9000', 'http://api.localhost']) {
      assert.doesNotThrow(() => new PaletteHttp({ baseUrl: url, apiKey }), url);
    }
    for (const host of ['127.0.0.1.nip.io', '10.0.0.1', 'localhost.example.com', '::2', '128.0.0.1']) assert.equal(isLoopback(host), false, host);
  });

  it('the CLI refuses --api http:// to another machine as bad usage, and --allow-insecure-http lets it through', () => {
    const env = { PALETTE_API_KEY: apiKey };
    assert.throws(() => createBackend(parseArgs(['publish', 'x.yaml', '--api', 'http://palette.example.com']), '/tmp', env), (error: Error) => error instanceof UsageError && /--allow-insecure-http/.test(error.message));
    assert.equal(createBackend(parseArgs(['publish', 'x.yaml', '--api', 'http://palette.example.com', '--allow-insecure-http']), '/tmp', env).backend.kind, 'palette');
    assert.equal(createBackend(parseArgs(['publish', 'x.yaml', '--api', 'http://127.0.0.1:9']), '/tmp', env).backend.kind, 'palette');
    assert.throws(() => createBackend(parseArgs(['publish', 'x.yaml', '--allow-insecure-http']), '/tmp', env), /is for --api/);
  });

  it('--help says where the key goes and how to allow plain http', () => {
    const help = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli.js'), '--help'], { encoding: 'utf8' }).stdout;
    assert.match(help, /same-origin redirects are\s+followed \(at most 5\), one to another origin fails/);
    assert.match(help, /--allow-insecure-http\s+with --api: also allow http:\/\/ to another machine/);
  });
});
