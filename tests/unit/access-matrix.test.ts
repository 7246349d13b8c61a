/**
 * The access matrix, driven from contract.ts itself: every method, called by every kind of caller
 * (each session state, each role, each channel) with a well-formed input, is either run or refused
 * exactly as its `access` says. Handlers are replaced by stubs here so an allowed call has no side
 * effect and a refused one can be seen never to reach its handler; access-enforcement.test.ts
 * repeats the refusals against a real IntakeCore and a real encrypted vault.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { Dispatcher } from '../../src/main/app/dispatch';
import type { IntakeCore } from '../../src/main/app/intake-core';
import { handlers } from '../../src/main/app/handlers';
import { contract, METHODS, type CurrentUser, type Method } from '../../src/shared/contract';
import { ACCESS_DENIED_CODES, allCallers, describeCaller, isAllowed, type Caller } from './helpers/access';
import { VALID_INPUT, validInputFor } from './helpers/valid-inputs';

vi.mock('../../src/main/app/handlers', async () => {
  const { METHODS: methods } = await import('../../src/shared/contract');
  const { vi: mocks } = await import('vitest');
  return {
    handlers: Object.fromEntries(methods.map((method) => [method, mocks.fn(() => ({ handledBy: method }))])),
  };
});

/** Only what dispatch reads from the core: the state, who is named, touch(), the audited run and what BEFORE_CALLS read (the settings). */
function fakeCoreFor(caller: Caller): IntakeCore {
  const user: CurrentUser | undefined = caller.role
    ? { id: 7, userName: `someone.${caller.role}`, role: caller.role, language: 'en', viewMode: 'normal', passwordChangeDue: caller.passwordChangeDue === true }
    : undefined;
  const fake = {
    stateName: caller.state,
    user,
    touch: (): void => undefined,
    audit: (): void => undefined,
    runAudited: async <T>(work: () => Promise<T> | T): Promise<T> => work(),
    vault: { settings: { get: () => ({}) } },
  };
  return fake as unknown as IntakeCore;
}

function handlerMock(method: Method): ReturnType<typeof vi.fn> {
  return handlers[method] as unknown as ReturnType<typeof vi.fn>;
}

beforeEach(() => {
  for (const method of METHODS) handlerMock(method).mockClear();
});

describe('the valid-input samples used by the matrix', () => {
  test('cover every contract method and nothing else', () => {
    expect(Object.keys(VALID_INPUT).sort()).toEqual([...METHODS].sort());
  });

  test.each(METHODS)('%s: the sample passes the method’s own input schema', (method) => {
    expect(contract[method].input.safeParse(validInputFor(method)).success).toBe(true);
  });
});

describe.each(METHODS)('%s', (method) => {
  test('is run or refused for every state, role and channel exactly as contract.ts says', async () => {
    const access = contract[method].access;
    const mismatches: string[] = [];
    for (const caller of allCallers()) {
      const handler = handlerMock(method);
      handler.mockClear();
      const dispatcher = new Dispatcher(fakeCoreFor(caller), caller.channel, () => undefined);
      const result = await dispatcher.dispatch(method, validInputFor(method));
      const who = describeCaller(caller);
      if (isAllowed(access, caller)) {
        if (!result.ok) mismatches.push(`${who}: should be allowed, was refused with ${result.error.code}`);
        else if (handler.mock.calls.length !== 1) mismatches.push(`${who}: allowed, but the handler did not run once`);
      } else {
        if (result.ok) mismatches.push(`${who}: should be refused, but the call ran`);
        else if (!ACCESS_DENIED_CODES.includes(result.error.code)) {
          mismatches.push(`${who}: refused with ${result.error.code}, not an access error`);
        }
        if (handler.mock.calls.length !== 0) mismatches.push(`${who}: refused, yet the handler ran`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('access semantics that the matrix relies on', () => {
  test('a password a supervisor set opens only the session itself until the person replaces it', () => {
    const allowed = METHODS.filter((m) => isAllowed(contract[m].access, { state: 'signed-in', role: 'supervisor', channel: 'ui', passwordChangeDue: true }));
    expect(allowed.sort()).toEqual(
      ['app.setDeviceLanguage', 'app.status', 'session.changePassword', 'session.lock', 'session.setLanguage', 'session.signOut', 'session.touch'].sort(),
    );
  });

  test('an empty roles list lets nobody in (deny by default)', () => {
    const access = { states: ['signed-in'] as const, roles: [] };
    expect(isAllowed(access, { state: 'signed-in', role: 'supervisor', channel: 'ui' })).toBe(false);
  });

  test('a method limited to the CLI is refused to the window for every role, even a supervisor', async () => {
    const cliOnly = METHODS.filter((m) => contract[m].access.channels !== undefined && !contract[m].access.channels.includes('ui'));
    expect(cliOnly).toContain('vault.exportKey');
    for (const method of cliOnly) {
      const dispatcher = new Dispatcher(fakeCoreFor({ state: 'signed-in', role: 'supervisor', channel: 'ui' }), 'ui', () => undefined);
      const result = await dispatcher.dispatch(method, validInputFor(method));
      expect(result).toEqual({ ok: false, error: { code: 'forbidden' } });
      expect(handlerMock(method)).not.toHaveBeenCalled();
    }
  });

  test('refusal codes tell the UI what to do: locked desk → locked, signed out → not_signed_in, wrong role → forbidden', async () => {
    const call = (caller: Caller): Promise<unknown> =>
      new Dispatcher(fakeCoreFor(caller), caller.channel, () => undefined).dispatch('accounts.list', {});
    await expect(call({ state: 'locked', role: 'supervisor', channel: 'ui' })).resolves.toEqual({ ok: false, error: { code: 'locked' } });
    await expect(call({ state: 'signed-out', channel: 'ui' })).resolves.toEqual({ ok: false, error: { code: 'not_signed_in' } });
    await expect(call({ state: 'not-set-up', channel: 'ui' })).resolves.toEqual({ ok: false, error: { code: 'not_set_up' } });
    await expect(call({ state: 'signed-in', role: 'clerk', channel: 'ui' })).resolves.toEqual({ ok: false, error: { code: 'forbidden' } });
    await expect(call({ state: 'signed-in', role: 'protection', channel: 'ui' })).resolves.toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});
