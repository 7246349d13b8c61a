/**
 * Every call is checked against the contract before anything runs: unknown methods and malformed
 * input are refused with a code and field paths only, never echoing what was sent.
 */
import { describe, expect, test } from 'vitest';
import { handlers } from '../../src/main/app/handlers';
import { IntakeCore } from '../../src/main/app/intake-core';
import { contract, METHODS } from '../../src/shared/contract';
import type { RpcResult } from '../../src/shared/errors';
import { PASSWORD_MAX_LENGTH } from '../../src/shared/passwords';
import { readAllFiles } from './helpers/files';
import { tempDataDir } from './helpers/temp-dir';
import { dispatcherFor } from './helpers/vault';

const SECRET = 'Hunter2-this-is-my-very-secret-passphrase';

function freshDispatcher(): ReturnType<typeof dispatcherFor> & { core: IntakeCore; dataDir: string } {
  const dataDir = tempDataDir('dispatch');
  const core = new IntakeCore({ dataDir });
  return { ...dispatcherFor(core), core, dataDir };
}

function invalidFields(result: RpcResult<unknown>): { path: string; rule: string }[] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.error.code).toBe('invalid_input');
  return result.error.fields ?? [];
}

test('every contract method has a handler, and no handler exists without a method', () => {
  expect(Object.keys(handlers).sort()).toEqual([...METHODS].sort());
});

test('only app.progress runs beside a call under way, and only for supervisors: every other call waits its turn', () => {
  expect(METHODS.filter((method) => contract[method].access.unqueued)).toEqual(['app.progress']);
  expect(contract['app.progress'].access).toMatchObject({ states: ['signed-in'], roles: ['supervisor'] });
});

describe('unknown methods', () => {
  test.each<[string, unknown]>([
    ['a name not in the contract', 'accounts.dropAll'],
    ['an inherited property name', 'constructor'],
    ['__proto__', '__proto__'],
    ['a prototype method', 'toString'],
    ['a number', 42],
    ['nothing', undefined],
  ])('%s → unknown_method', async (_label, method) => {
    const { dispatcher } = freshDispatcher();
    expect(await dispatcher.dispatch(method, {})).toEqual({ ok: false, error: { code: 'unknown_method' } });
  });
});

describe('invalid input', () => {
  test('a wrong type is refused with the field path and rule, and the submitted values are not echoed', async () => {
    const { dispatcher, logs } = freshDispatcher();
    const result = await dispatcher.dispatch('setup.create', { userName: 12345, password: SECRET, language: 'en' });
    expect(invalidFields(result)).toEqual([{ path: 'userName', rule: 'invalid_type' }]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain('12345');
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  test('an extra key is refused (strict objects) and names neither its value nor the password', async () => {
    const { dispatcher } = freshDispatcher();
    const result = await dispatcher.dispatch('setup.create', { userName: 'someone', password: SECRET, language: 'en', isAdmin: 'yes-please-let-me-in' });
    const fields = invalidFields(result);
    expect(fields).toHaveLength(1);
    expect(fields[0]?.rule).toBe('unrecognized_keys');
    const json = JSON.stringify(result);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('yes-please-let-me-in');
  });

  test('missing fields are each reported by path', async () => {
    const { dispatcher } = freshDispatcher();
    const result = await dispatcher.dispatch('setup.create', { password: SECRET });
    const paths = invalidFields(result).map((f) => f.path).sort();
    expect(paths).toEqual(['language', 'userName']);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  test('a value outside an enum is refused without echoing it', async () => {
    const { dispatcher } = freshDispatcher();
    const result = await dispatcher.dispatch('app.setDeviceLanguage', { language: 'xx-secret-lang' });
    // The allowed codes may be named (they are the contract's, not the caller's); the value is not.
    expect(invalidFields(result)).toEqual([{ path: 'language', rule: 'invalid_value', params: { options: 'en, ar, fr' } }]);
    expect(JSON.stringify(result)).not.toContain('xx-secret-lang');
  });

  test('a nested path is reported with dots', async () => {
    const { dispatcher } = freshDispatcher();
    const result = await dispatcher.dispatch('setup.create', { userName: 'someone', password: { nested: SECRET }, language: 'en' });
    expect(invalidFields(result)).toEqual([{ path: 'password', rule: 'invalid_type' }]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  test('a password too long for the KDF is refused before any derivation, without echo', async () => {
    const { dispatcher } = freshDispatcher();
    const huge = 'x'.repeat(PASSWORD_MAX_LENGTH * 4 + 1);
    const started = performance.now();
    const result = await dispatcher.dispatch('setup.create', { userName: 'someone', password: huge, language: 'en' });
    expect(invalidFields(result)).toEqual([{ path: 'password', rule: 'too_big', params: { maximum: PASSWORD_MAX_LENGTH * 4, origin: 'string' } }]);
    expect(JSON.stringify(result)).not.toContain('xxxxxxxxxx');
    expect(performance.now() - started).toBeLessThan(200);
  });

  test('a non-object input (array, string, number) is refused as invalid_input', async () => {
    const { dispatcher } = freshDispatcher();
    for (const input of [[SECRET], SECRET, 7, true]) {
      const result = await dispatcher.dispatch('app.status', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
  });

  test('access comes before validation: a caller who may not use a method learns nothing of its schema', async () => {
    const { dispatcher, core } = freshDispatcher();
    expect(core.stateName).toBe('not-set-up');
    const result = await dispatcher.dispatch('accounts.list', { sneaky: true });
    expect(result).toEqual({ ok: false, error: { code: 'not_set_up' } });
    const statsShape = await dispatcher.dispatch('stats.export', { from: '2026-02-30', k: 2 });
    expect(statsShape).toEqual({ ok: false, error: { code: 'not_set_up' } });
  });

  test('an invalid set-up call changes nothing on disk', async () => {
    const { dispatcher, core, dataDir } = freshDispatcher();
    await dispatcher.dispatch('setup.create', { userName: 'someone', password: SECRET, language: 'de' });
    expect(core.stateName).toBe('not-set-up');
    expect([...readAllFiles(dataDir).keys()]).toEqual([]);
  });
});
