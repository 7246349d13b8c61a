import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { RPC_PATH_PREFIX, WEB_TOKEN_HEADER } from '../../shared/ipc';
import type { Dispatcher } from '../app/dispatch';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';

/**
 * The web host: the built renderer and the contract over loopback HTTP, for machines where
 * Electron cannot start. Same dispatch as IPC; only the transport differs. A random token
 * (in the URL's fragment, so it is never sent in a request line or logged) guards every call,
 * and requests naming another host or coming from another origin are refused.
 */
export interface WebHostOptions {
  dispatcher: Dispatcher;
  rendererDir: string;
  port?: number;
}

export interface WebHost {
  url: string;
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(response: ServerResponse, status: number, body: string | Buffer, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': contentType });
  response.end(body);
}

function tokensMatch(expected: Buffer, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const actual = Buffer.from(given, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  const expectedToken = Buffer.from(token, 'utf8');
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: only our own loopback host names are served.
    if (!allowedHosts.has(request.headers.host ?? '')) return send(response, 403, 'Forbidden host');
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return send(response, 403, 'Forbidden origin');
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      return send(response, 403, 'Forbidden origin');
    }
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path.startsWith(RPC_PATH_PREFIX)) return handleCall(request, response, path.slice(RPC_PATH_PREFIX.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
    return serveFile(response, path);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, encodedMethod: string): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'Method not allowed');
    if (!tokensMatch(expectedToken, request.headers[WEB_TOKEN_HEADER])) return send(response, 401, 'Unauthorised');
    let method: string;
    try {
      method = decodeURIComponent(encodedMethod);
    } catch {
      return send(response, 400, 'Bad request');
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'JSON only');
    const body = await readBody(request);
    if (body === null) return send(response, 413, 'Too large');
    let input: unknown;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch {
      return send(response, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input' } }), CONTENT_TYPES['.json']);
    }
    const result = await options.dispatcher.dispatch(method, input);
    send(response, 200, JSON.stringify(result), CONTENT_TYPES['.json']);
  }

  async function serveFile(response: ServerResponse, path: string): Promise<void> {
    const relative = normalize(path === '/' ? '/index.html' : path).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep) || relative.split(/[/\\]/).some((part) => part.startsWith('.'))) {
      return send(response, 404, 'Not found');
    }
    try {
      const content = await readFile(file);
      send(response, 200, content, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(response, 404, 'Not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));

  return {
    origin,
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
