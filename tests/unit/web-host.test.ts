/**
 * The web host: the renderer and the contract over loopback HTTP. What a hostile web page, a DNS
 * rebinding attack or a curious local process would try.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Dispatcher } from '../../src/main/app/dispatch';
import { IntakeCore } from '../../src/main/app/intake-core';
import { CONTENT_SECURITY_POLICY } from '../../src/main/content-security-policy';
import { startWebHost, type WebHost } from '../../src/main/web/server';
import { RPC_PATH_PREFIX, WEB_TOKEN_HEADER } from '../../src/shared/ipc';
import { makeTempDir, removeTempDir } from './helpers/temp-dir';

const INDEX_HTML = '<!doctype html><title>Reception Intake test page</title>';
const OUTSIDE_SECRET = 'TOP-SECRET-OUTSIDE-RENDERER-DIR';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let root: string;
let rendererDir: string;
let core: IntakeCore;
let host: WebHost;
let port: number;
let token: string;

/** A raw request: the path is sent exactly as given, and the Host header can be anything. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function call(method: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `${RPC_PATH_PREFIX}${method}`,
    headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token, ...headers },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  root = makeTempDir('web');
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(rendererDir, '.env'), OUTSIDE_SECRET);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ secret: OUTSIDE_SECRET }));
  writeFileSync(join(root, 'secret.txt'), OUTSIDE_SECRET);
  const dataDir = join(root, 'data');
  core = new IntakeCore({ dataDir });
  host = await startWebHost({ dispatcher: new Dispatcher(core, 'ui', () => undefined), rendererDir });
  port = Number(new URL(host.origin).port);
  token = new URL(host.url).hash.replace(/^#token=/, '');
});

afterAll(async () => {
  await host.close();
  core.close();
  removeTempDir(root);
});

describe('where it listens and what the URL carries', () => {
  test('loopback only, with a long random token in the fragment (never sent in a request line)', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url.startsWith(`${host.origin}/#token=`)).toBe(true);
    expect(token.length).toBeGreaterThanOrEqual(32);
    const other = await startWebHost({ dispatcher: new Dispatcher(core, 'ui', () => undefined), rendererDir });
    try {
      expect(new URL(other.url).hash).not.toBe(new URL(host.url).hash);
    } finally {
      await other.close();
    }
  });
});

describe('the token guards every call', () => {
  test('without the token → 401', async () => {
    const reply = await send({ method: 'POST', path: '/rpc/app.status', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('not-set-up');
  });

  test('with a wrong token (same length, or a prefix) → 401', async () => {
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const wrong of [flipped, token.slice(0, -1), `${token}x`, '']) {
      const reply = await call('app.status', {}, { [WEB_TOKEN_HEADER]: wrong });
      expect(reply.status, `token ${JSON.stringify(wrong)}`).toBe(401);
    }
  });

  test('the token in the query string or a cookie does not count', async () => {
    const reply = await send({
      method: 'POST',
      path: `/rpc/app.status?token=${token}`,
      headers: { 'content-type': 'application/json', cookie: `token=${token}` },
      body: '{}',
    });
    expect(reply.status).toBe(401);
  });

  test('a malformed escape in the method name, without the token, is refused like any other tokenless call (401, not 500)', async () => {
    const reply = await send({ method: 'POST', path: '/rpc/%E0%A4%A', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(401);
  });

  test('with the right token the call reaches dispatch', async () => {
    const reply = await call('app.status', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { state: 'not-set-up' } });
  });

  test('contract errors come back as JSON results, not as HTTP errors', async () => {
    const reply = await call('no.such.method', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'unknown_method' } });
  });

  test('a call must be a JSON POST: GET → 405, text/plain (a "simple" cross-site form post) → 415', async () => {
    expect((await send({ path: '/rpc/app.status', headers: { [WEB_TOKEN_HEADER]: token } })).status).toBe(405);
    const plain = await send({
      method: 'POST',
      path: '/rpc/app.status',
      headers: { 'content-type': 'text/plain', [WEB_TOKEN_HEADER]: token },
      body: '{}',
    });
    expect(plain.status).toBe(415);
  });

  test('an oversized body is refused with 413', async () => {
    const reply = await call('app.status', { padding: 'x'.repeat(1024 * 1024 + 10) });
    expect(reply.status).toBe(413);
  });

  test('a 5 MB body gets its 413 as a JSON error result (not a reset connection), and the host still answers', async () => {
    const reply = await call('app.status', { padding: 'x'.repeat(5 * 1024 * 1024) });
    expect(reply.status).toBe(413);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'request_too_large' } });
    expect((await call('app.status', {})).status).toBe(200);
  });
});

describe('host and origin checks (DNS rebinding, cross-site pages)', () => {
  test.each(['evil.example', `evil.example:PORT`, '127.0.0.1', '127.0.0.1:1', 'localhost', '[::1]:PORT', '127.0.0.2:PORT'])(
    'Host: %s → 403, for pages and for calls',
    async (hostHeader) => {
      const value = hostHeader.replace('PORT', String(port));
      expect((await send({ path: '/', headers: { host: value } })).status).toBe(403);
      const reply = await call('app.status', {}, { host: value });
      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain('not-set-up');
    },
  );

  test('Host: 127.0.0.1:<port> and localhost:<port> are served', async () => {
    expect((await send({ path: '/', headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
    expect((await send({ path: '/', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  test.each(['http://evil.example', 'null', `http://127.0.0.1:${1}`, 'https://127.0.0.1'])('Origin: %s → 403, even with the token', async (origin) => {
    const reply = await call('app.status', {}, { origin });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('not-set-up');
  });

  test('our own origin is accepted', async () => {
    expect((await call('app.status', {}, { origin: host.origin })).status).toBe(200);
  });

  test('Sec-Fetch-Site: cross-site or same-site → 403', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect((await call('app.status', {}, { 'sec-fetch-site': site })).status).toBe(403);
    }
    expect((await call('app.status', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

describe('static files', () => {
  test('/ serves index.html; files under rendererDir are served with their type', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX_HTML);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    const script = await send({ path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });

  test.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/package.json',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '//../secret.txt',
    '/%252e%252e/secret.txt',
    '/.env',
    '/assets/../.env',
  ])('%s does not serve anything outside rendererDir (or a dotfile)', async (path) => {
    const reply = await send({ path });
    expect(reply.body).not.toContain(OUTSIDE_SECRET);
    expect([400, 403, 404]).toContain(reply.status);
  });

  test('a missing file → 404; a POST to a page → 405', async () => {
    expect((await send({ path: '/nope.js' })).status).toBe(404);
    expect((await send({ method: 'POST', path: '/', body: '' })).status).toBe(405);
  });
});

describe('security headers', () => {
  test.each([
    ['a page', { path: '/' }],
    ['a script', { path: '/assets/app.js' }],
    ['a 404', { path: '/nope' }],
    ['a 403', { path: '/', headers: { host: 'evil.example' } }],
    ['a 401', { method: 'POST', path: '/rpc/app.status', headers: { 'content-type': 'application/json' }, body: '{}' }],
  ])('%s carries the Content-Security-Policy and nosniff', async (_label, options) => {
    const reply = await send(options);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a call result carries the CSP too and is not cached', async () => {
    const reply = await call('app.status', {});
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  test('the policy allows only our own files: no remote origins, no inline script, no eval, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
