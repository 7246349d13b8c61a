import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ErrorCode, RpcResult } from '../../shared/errors';
import { RPC_PATH_PREFIX, WEB_TOKEN_HEADER } from '../../shared/ipc';
import type { Dispatcher } from '../app/dispatch';
import { macEquals } from '../vault/mac';
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
/**
 * An oversized body is still read to its end (and dropped) up to this size, so the 413 reaches a
 * client that is still sending: closing a socket with unread data resets the connection, and the
 * client then sees a network error instead of the answer. Past this, the host stops reading and
 * closes the connection after answering.
 */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;
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

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-type': contentType });
  response.end(body);
}

/** An HTTP error with the body of a failed call, as dispatch writes it: { ok: false, error }. */
function sendCallError(response: ServerResponse, status: number, code: ErrorCode, headers: Record<string, string> = {}): void {
  const result: RpcResult<never> = { ok: false, error: { code } };
  send(response, status, JSON.stringify(result), CONTENT_TYPES['.json'], headers);
}

function tokensMatch(expected: Buffer, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const actual = Buffer.from(given, 'utf8');
  return macEquals(actual, expected);
}

type Body = { text: string } | { tooLarge: true };

/**
 * The body as text, or tooLarge past MAX_BODY_BYTES. Events rather than `for await`: leaving a
 * `for await` early destroys the request, and with it the socket the answer must go out on.
 */
function readBody(request: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
      if (size > MAX_DRAINED_BYTES) {
        request.off('data', onData);
        request.pause();
        resolve({ tooLarge: true });
      }
    };
    request.on('data', onData);
    request.once('end', () => resolve(size > MAX_BODY_BYTES ? { tooLarge: true } : { text: Buffer.concat(chunks).toString('utf8') }));
    request.once('error', reject);
    // After 'end' this changes nothing; before it, the client went away mid-body.
    request.once('close', () => reject(new Error('The client closed the connection before the end of its request body.')));
  });
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
    if ('tooLarge' in body) return sendCallError(response, 413, 'request_too_large', { connection: 'close' });
    let input: unknown;
    try {
      input = body.text.length === 0 ? {} : (JSON.parse(body.text) as unknown);
    } catch {
      return sendCallError(response, 400, 'invalid_input');
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
