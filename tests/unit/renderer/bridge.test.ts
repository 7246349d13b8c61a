import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntakeBridge } from '../../../src/shared/contract';

/** The web host's bridge, on a page whose fetch answers what the test says. */
let bridge: IntakeBridge;
let answer: () => Response;

beforeAll(async () => {
  vi.stubGlobal('window', { location: { hash: '#token=test' } });
  vi.stubGlobal('fetch', () => Promise.resolve(answer()));
  ({ bridge } = await import('../../../src/renderer/src/bridge'));
});

afterAll(() => {
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

describe('the renderer bridge over HTTP', () => {
  it('reads the error of a refused call body (413 request_too_large)', async () => {
    answer = () => json(413, { ok: false, error: { code: 'request_too_large' } });
    expect(await bridge.call('stats.compute', { from: '2026-01-01', to: '2026-02-01' })).toEqual({ ok: false, error: { code: 'request_too_large' } });
  });

  it('keeps the fields of a 400 invalid_input', async () => {
    answer = () => json(400, { ok: false, error: { code: 'invalid_input', fields: [{ path: 'to', rule: 'period_reversed' }] } });
    expect(await bridge.call('stats.compute', { from: '2026-01-01', to: '2026-02-01' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'to', rule: 'period_reversed' }] },
    });
  });

  it('says internal for a body that is not a known error, and forbidden for a refused token', async () => {
    answer = () => json(500, { ok: false, error: { code: 'no_such_code' } });
    expect(await bridge.call('stats.compute', { from: '2026-01-01', to: '2026-02-01' })).toEqual({ ok: false, error: { code: 'internal' } });
    answer = () => new Response('Forbidden host', { status: 403, headers: { 'content-type': 'text/plain' } });
    expect(await bridge.call('stats.compute', { from: '2026-01-01', to: '2026-02-01' })).toEqual({ ok: false, error: { code: 'internal' } });
    answer = () => new Response('Unauthorised', { status: 401 });
    expect(await bridge.call('stats.compute', { from: '2026-01-01', to: '2026-02-01' })).toEqual({ ok: false, error: { code: 'forbidden' } });
    answer = () => new Response('{not json', { status: 413, headers: { 'content-type': 'application/json' } });
    expect(await bridge.call('stats.compute', { from: '2026-01-01', to: '2026-02-01' })).toEqual({ ok: false, error: { code: 'internal' } });
  });
});
