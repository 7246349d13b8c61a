import { CHANNELS, type Access, type Channel, type SessionStateName } from '../../../src/shared/contract';
import type { ErrorCode } from '../../../src/shared/errors';
import { ROLES, type Role } from '../../../src/shared/roles';

/** The codes dispatch uses to refuse a call for who or where the caller is (not for what they sent). */
export const ACCESS_DENIED_CODES: readonly ErrorCode[] = ['forbidden', 'locked', 'not_signed_in', 'not_set_up', 'already_set_up', 'password_change_due'];

export interface Caller {
  readonly state: SessionStateName;
  /** Present in the signed-in and locked states. */
  readonly role?: Role;
  readonly channel: Channel;
  /** Signed in with a password a supervisor set, not yet replaced. */
  readonly passwordChangeDue?: boolean;
}

/** Every caller a desk can have: each state, each role where a user is named, each channel. */
export function allCallers(): Caller[] {
  const callers: Caller[] = [];
  for (const channel of CHANNELS) {
    callers.push({ state: 'not-set-up', channel }, { state: 'signed-out', channel });
    for (const role of ROLES) {
      callers.push({ state: 'locked', role, channel }, { state: 'signed-in', role, channel }, { state: 'signed-in', role, channel, passwordChangeDue: true });
    }
  }
  return callers;
}

export function describeCaller(caller: Caller): string {
  return [caller.state, caller.role, caller.channel, caller.passwordChangeDue ? 'password-change-due' : ''].filter(Boolean).join('/');
}

/**
 * The oracle, read straight from contract.ts's Access: the channel must be listed (all when
 * omitted), the state must be listed, and where a user is named (signed in or locked) a `roles`
 * list, when given, must name their role. An Access with no `roles` (anyState, lockedOnly) puts no
 * role restriction on the states it lists: `anyState` means any state, whoever is at the desk.
 * Someone signed in with a password a supervisor set reaches only what is marked
 * whilePasswordChangeDue.
 */
export function isAllowed(access: Access, caller: Caller): boolean {
  if (!(access.channels ?? CHANNELS).includes(caller.channel)) return false;
  if (!access.states.includes(caller.state)) return false;
  if (caller.state === 'signed-in' && caller.passwordChangeDue === true && access.whilePasswordChangeDue !== true) return false;
  if ((caller.state === 'signed-in' || caller.state === 'locked') && access.roles !== undefined) {
    return caller.role !== undefined && access.roles.includes(caller.role);
  }
  return true;
}
