import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { call, CallFailed } from './bridge';

/** Main ended the session on its own (idle timer, another window): start over from its state. */
const SESSION_GONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['locked', 'not_signed_in']);

/** Starting the page again drops every record and field the renderer held in memory. */
export function restart(): void {
  window.location.reload();
}

/** `call`, plus: when main says the session is locked or gone, reload so the right screen shows. */
export async function request<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  try {
    return await call(method, input);
  } catch (error) {
    if (error instanceof CallFailed && SESSION_GONE.has(error.error.code)) restart();
    throw error;
  }
}

/** Work to finish before the session locks or signs out: a draft in progress is kept first. */
const beforeLeaving = new Set<() => Promise<void>>();

/** Runs `keep` before every lock and sign-out from this window, until the returned function is called. */
export function keepBeforeLeaving(keep: () => Promise<void>): () => void {
  beforeLeaving.add(keep);
  return () => {
    beforeLeaving.delete(keep);
  };
}

async function finishBeforeLeaving(): Promise<void> {
  await Promise.allSettled([...beforeLeaving].map((keep) => keep()));
}

/** Locks at once; reloads even when main has already locked (then the call fails, and that is fine). */
export async function lockNow(): Promise<void> {
  await finishBeforeLeaving();
  await call('session.lock', {}).catch(() => null);
  restart();
}

export async function signOutNow(): Promise<void> {
  await finishBeforeLeaving();
  await call('session.signOut', {}).catch(() => null);
  restart();
}
