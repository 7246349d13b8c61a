import { expect } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { Dispatcher } from '../../../src/main/app/dispatch';
import type { PdfRenderer } from '../../../src/main/pdf/pdf-renderer';
import type { AccountRecord } from '../../../src/main/services/accounts';
import type { Channel } from '../../../src/shared/contract';
import { AppError, type ErrorCode, type RpcResult } from '../../../src/shared/errors';
import type { Language } from '../../../src/shared/languages';
import type { Role } from '../../../src/shared/roles';

export interface Credentials {
  readonly userName: string;
  readonly password: string;
}

// Long, uncommon passphrases that pass the password policy.
export const SUPERVISOR: Credentials = { userName: 'amira.supervisor', password: 'violet kettle drums at noon' };
export const CLERK: Credentials = { userName: 'farid.clerk', password: 'marble harbour lantern quietly' };
export const PROTECTION: Credentials = { userName: 'leila.protection', password: 'seven orchards under copper rain' };
export const NEW_PASSWORD = 'granite swallows circle the bay';

export interface TestVault {
  readonly core: IntakeCore;
  readonly dataDir: string;
  readonly recoveryKey: string;
  readonly supervisor: Credentials;
}

/**
 * Sets up a vault in dataDir through IntakeCore, exactly as the set-up screen does, and leaves the
 * first supervisor signed in. Costs two key derivations (recovery slot and supervisor slot).
 */
export async function setUpVault(
  dataDir: string,
  options: { supervisor?: Credentials; language?: Language; now?: () => number; renderPdf?: PdfRenderer } = {},
): Promise<TestVault> {
  const supervisor = options.supervisor ?? SUPERVISOR;
  const core = new IntakeCore({ dataDir, ...(options.now ? { now: options.now } : {}), ...(options.renderPdf ? { renderPdf: options.renderPdf } : {}) });
  expect(core.stateName).toBe('not-set-up');
  const recoveryKey = await core.setUp({ ...supervisor, language: options.language ?? 'en' });
  expect(core.stateName).toBe('signed-in');
  return { core, dataDir, recoveryKey, supervisor };
}

/** Creates an account through the signed-in supervisor's vault (one key derivation). */
export function addAccount(core: IntakeCore, credentials: Credentials, role: Role, language: Language = 'en'): Promise<AccountRecord> {
  return core.vault.accounts.create({ changePasswordAtSignIn: false, ...credentials, role, language });
}

/** A dispatcher whose log lines are kept, so a test can check nothing sensitive was logged. */
export function dispatcherFor(core: IntakeCore, channel: Channel = 'ui'): { dispatcher: Dispatcher; logs: string[] } {
  const logs: string[] = [];
  return { dispatcher: new Dispatcher(core, channel, (line) => logs.push(line)), logs };
}

/** The AppError a call rejects with; fails the test when it resolves or throws something else. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail with an AppError, but it succeeded');
}

export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await appErrorOf(promise);
  expect(error.code).toBe(code);
  return error;
}

/** The error code of a failed RPC result; fails the test when the call succeeded. */
export function errorCodeOf(result: RpcResult<unknown>): ErrorCode {
  if (result.ok) throw new Error(`expected the call to fail, but it returned ${JSON.stringify(result.value)}`);
  return result.error.code;
}
