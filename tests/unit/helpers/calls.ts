import { expect } from 'vitest';
import type { RpcResult } from '../../../src/shared/errors';

/** The fields a call was refused on, by path and rule; fails the test if the call was accepted or refused otherwise. */
export function refusedFields(result: RpcResult<unknown>): { path: string; rule: string }[] {
  if (result.ok) throw new Error('the call was accepted');
  expect(result.error.code).toBe('invalid_input');
  return (result.error.fields ?? []).map(({ path, rule }) => ({ path, rule }));
}

/** A call's value; fails the test, naming the error, if it was refused. */
export function accepted<T>(result: RpcResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value;
}
