/**
 * Sign-in as an attacker at the desk sees it: one error for a wrong password and an unknown user,
 * a back-off after repeated failures that a restart does not reset, and disabled accounts shut out.
 * Time is controlled through the `now` option; nothing sleeps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { KEY_SLOTS_FILE, KeySlotStore } from '../../src/main/vault/key-slots';
import { delaySecondsAfter, SignInThrottle, THROTTLE_FILE } from '../../src/main/vault/sign-in-throttle';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, appErrorOf, CLERK, dispatcherFor, errorCodeOf, expectAppError, NEW_PASSWORD, setUpVault, SUPERVISOR } from './helpers/vault';

function slotIds(dataDir: string): string[] {
  const file = JSON.parse(readFileSync(join(dataDir, KEY_SLOTS_FILE), 'utf8')) as { slots: { id: string }[] };
  return file.slots.map((s) => s.id);
}

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 0, 15, 9, 0, 0)): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

test('a wrong password and an unknown user name give the very same error', async () => {
  const dataDir = tempDataDir('signin');
  const { core } = await setUpVault(dataDir);
  core.signOut();
  const wrongPassword = await appErrorOf(core.signIn(SUPERVISOR.userName, 'not the right passphrase at all'));
  const unknownUser = await appErrorOf(core.signIn('no.such.person', SUPERVISOR.password));
  expect(wrongPassword.code).toBe('wrong_credentials');
  expect({ code: unknownUser.code, params: unknownUser.params }).toEqual({ code: wrongPassword.code, params: wrongPassword.params });
  expect(core.stateName).toBe('signed-out');

  // And over dispatch, the two results are indistinguishable.
  const { dispatcher } = dispatcherFor(core);
  const viaDispatchWrong = await dispatcher.dispatch('session.signIn', { userName: SUPERVISOR.userName, password: 'another wrong passphrase' });
  const viaDispatchUnknown = await dispatcher.dispatch('session.signIn', { userName: 'nobody.at.all', password: 'another wrong passphrase' });
  expect(viaDispatchWrong).toEqual(viaDispatchUnknown);
  expect(errorCodeOf(viaDispatchWrong)).toBe('wrong_credentials');
});

describe('back-off after failed sign-ins', () => {
  test('after 3 failures the 4th attempt is throttled, even with the right password, and a restart does not reset it', async () => {
    const dataDir = tempDataDir('throttle');
    const clock = manualClock();
    const { core } = await setUpVault(dataDir, { now: clock.now });
    core.signOut();

    for (let attempt = 1; attempt <= 3; attempt++) {
      await expectAppError(core.signIn(SUPERVISOR.userName, `wrong passphrase number ${attempt}`), 'wrong_credentials');
    }
    const throttled = await expectAppError(core.signIn(SUPERVISOR.userName, SUPERVISOR.password), 'throttled');
    expect(Number(throttled.params?.seconds)).toBeGreaterThan(0);

    // The app restarts: a new core over the same folder still makes the attacker wait.
    const restarted = new IntakeCore({ dataDir, now: clock.now });
    expect(restarted.stateName).toBe('signed-out');
    const afterRestart = await expectAppError(restarted.signIn(SUPERVISOR.userName, SUPERVISOR.password), 'throttled');
    expect(Number(afterRestart.params?.seconds)).toBeGreaterThan(0);
    const { dispatcher } = dispatcherFor(restarted);
    const result = await dispatcher.dispatch('session.signIn', { userName: SUPERVISOR.userName, password: SUPERVISOR.password });
    expect(result).toEqual({ ok: false, error: { code: 'throttled', params: { seconds: expect.any(Number) as number } } });

    // Once the wait is over, the right password works, and success clears the count.
    clock.advance(Number(afterRestart.params?.seconds) * 1000);
    await restarted.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(restarted.stateName).toBe('signed-in');
    restarted.signOut();
    await expectAppError(restarted.signIn(SUPERVISOR.userName, 'wrong once more, but freshly'), 'wrong_credentials');
    restarted.close();
    core.close();
  });

  test('an unknown user name is throttled just like a real one (the delay does not reveal which names exist)', async () => {
    const dataDir = tempDataDir('throttle');
    const clock = manualClock();
    const { core } = await setUpVault(dataDir, { now: clock.now });
    core.signOut();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expectAppError(core.signIn('ghost.user', `guess ${attempt} of the password`), 'wrong_credentials');
    }
    const error = await expectAppError(core.signIn('ghost.user', 'guess four of the password'), 'throttled');
    expect(Number(error.params?.seconds)).toBeGreaterThan(0);
    // Another account is not held up by someone hammering a different name.
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(core.stateName).toBe('signed-in');
    core.close();
  });

  test('the delay grows with each failure and is capped; the file holds no user names', () => {
    const dataDir = tempDataDir('throttle');
    const clock = manualClock();
    const throttle = new SignInThrottle(dataDir, clock.now);
    expect([0, 1, 2].map(delaySecondsAfter)).toEqual([0, 0, 0]);
    const delays = [3, 4, 5, 6, 7].map(delaySecondsAfter);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0);
    expect(delaySecondsAfter(1000)).toBeLessThanOrEqual(300);
    expect(delaySecondsAfter(1000)).toBeGreaterThan(0);

    const slot = 'a'.repeat(64);
    for (let i = 0; i < 6; i++) throttle.recordFailure(slot);
    expect(throttle.secondsToWait(slot)).toBe(delaySecondsAfter(6));
    expect(new SignInThrottle(dataDir, clock.now).secondsToWait(slot)).toBe(delaySecondsAfter(6));
    clock.advance(delaySecondsAfter(6) * 1000 - 1);
    expect(throttle.secondsToWait(slot)).toBe(1);
    clock.advance(1);
    expect(throttle.secondsToWait(slot)).toBe(0);
    throttle.recordSuccess(slot);
    expect(readFileSync(join(dataDir, THROTTLE_FILE), 'utf8')).not.toContain(slot);
  });
});

describe('disabled accounts', () => {
  test('cannot sign in, and their key slot is gone from keyslots.json; a password reset brings them back', async () => {
    const dataDir = tempDataDir('disable');
    const { core } = await setUpVault(dataDir);
    const clerk = await addAccount(core, CLERK, 'clerk');
    const clerkSlot = KeySlotStore.open(dataDir).slotIdFor(CLERK.userName);
    expect(slotIds(dataDir)).toContain(clerkSlot);

    const { dispatcher } = dispatcherFor(core);
    const disabled = await dispatcher.dispatch('accounts.disable', { id: clerk.id });
    expect(disabled).toMatchObject({ ok: true, value: { id: clerk.id, disabled: true } });
    expect(slotIds(dataDir)).not.toContain(clerkSlot);
    // Offline too: the clerk's password no longer unwraps anything.
    expect(await KeySlotStore.open(dataDir).open(clerkSlot, CLERK.password)).toBeNull();
    core.signOut();

    await expectAppError(core.signIn(CLERK.userName, CLERK.password), 'wrong_credentials');

    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const reset = await dispatcher.dispatch('accounts.resetPassword', { id: clerk.id, password: NEW_PASSWORD });
    expect(reset).toMatchObject({ ok: true, value: { disabled: false } });
    core.signOut();
    await expectAppError(core.signIn(CLERK.userName, CLERK.password), 'wrong_credentials');
    expect(await core.signIn(CLERK.userName, NEW_PASSWORD)).toMatchObject({ role: 'clerk' });
    core.close();
  });
});

describe('the last supervisor', () => {
  test('cannot be disabled or demoted; a disabled second supervisor does not count; an active one does', async () => {
    const dataDir = tempDataDir('lastsup');
    const { core } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    const me = core.user;
    expect(me?.role).toBe('supervisor');
    const myId = me?.id ?? 0;

    expect(errorCodeOf(await dispatcher.dispatch('accounts.disable', { id: myId }))).toBe('last_supervisor');
    for (const role of ['clerk', 'protection'] as const) {
      expect(errorCodeOf(await dispatcher.dispatch('accounts.setRole', { id: myId, role }))).toBe('last_supervisor');
    }
    expect(core.vault.accounts.byId(myId)).toMatchObject({ role: 'supervisor', disabled: false });
    expect(slotIds(dataDir)).toContain(KeySlotStore.open(dataDir).slotIdFor(SUPERVISOR.userName));

    const second = await addAccount(core, { userName: 'second.supervisor', password: NEW_PASSWORD }, 'supervisor');
    expect((await dispatcher.dispatch('accounts.disable', { id: second.id })).ok).toBe(true);
    expect(errorCodeOf(await dispatcher.dispatch('accounts.setRole', { id: myId, role: 'clerk' }))).toBe('last_supervisor');

    // Demoting a supervisor while another active supervisor exists is fine.
    const third = await addAccount(core, { userName: 'third.supervisor', password: CLERK.password }, 'supervisor');
    expect(await dispatcher.dispatch('accounts.setRole', { id: third.id, role: 'protection' })).toMatchObject({
      ok: true,
      value: { role: 'protection' },
    });
    core.close();
  });

  test('a supervisor who demotes themselves loses supervisor rights at once (the session must not keep the old role)', async () => {
    const dataDir = tempDataDir('lastsup');
    const { core } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    await addAccount(core, { userName: 'second.supervisor', password: NEW_PASSWORD }, 'supervisor');
    const myId = core.user?.id ?? 0;
    expect(await dispatcher.dispatch('accounts.setRole', { id: myId, role: 'clerk' })).toMatchObject({ ok: true, value: { role: 'clerk' } });
    // Now a clerk in the database: the next supervisor-only call must be refused.
    expect(errorCodeOf(await dispatcher.dispatch('accounts.list', {}))).toBe('forbidden');
    core.close();
  });
});
