/**
 * Locking: the database closes and the key leaves memory; the same user unlocks with their
 * password; the desk locks itself after the idle time.
 *
 * Timers: vi.useFakeTimers is switched on BEFORE the vault is set up and fakes only setTimeout and
 * clearTimeout, so every idle timer the core creates is a fake one. scrypt's callback comes from
 * libuv's thread pool and promises resolve on the real microtask queue, neither of which is faked,
 * so key derivation still completes normally.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { IntakeCore } from '../../src/main/app/intake-core';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, CLERK, dispatcherFor, errorCodeOf, expectAppError, setUpVault, SUPERVISOR } from './helpers/vault';

describe('lock and unlock', () => {
  test('after lock the database handle is closed, the key is wiped, and calls get locked', async () => {
    const dataDir = tempDataDir('lock');
    const { core } = await setUpVault(dataDir);
    const vault = core.vault;
    expect(vault.db.open).toBe(true);
    const reasons: string[] = [];
    core.onLock((reason) => reasons.push(reason));

    core.lock();
    expect(core.stateName).toBe('locked');
    expect(reasons).toEqual(['user']);
    expect(vault.db.open).toBe(false);
    expect(vault.databaseKeyHex).toBe('0'.repeat(64));
    expect(() => core.vault).toThrow(AppError);
    expect(() => core.vault).toThrow(expect.objectContaining({ code: 'locked' }) as Error);
    expect(() => vault.db.prepare('SELECT 1').get()).toThrow();

    const { dispatcher } = dispatcherFor(core);
    for (const method of ['accounts.list', 'settings.get', 'vault.verify', 'session.touch'] as const) {
      expect(errorCodeOf(await dispatcher.dispatch(method, {}))).toBe('locked');
    }
    // The lock screen still knows whom to ask for.
    expect(core.status()).toMatchObject({ state: 'locked', user: { userName: SUPERVISOR.userName, role: 'supervisor' } });
    core.close();
  });

  test('unlock with a wrong password fails and stays locked; with the right one the data is back', async () => {
    const dataDir = tempDataDir('lock');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, CLERK, 'clerk');
    core.lock();
    await expectAppError(core.unlock(CLERK.password), 'wrong_credentials'); // another user's password is wrong here
    expect(core.stateName).toBe('locked');
    const user = await core.unlock(SUPERVISOR.password);
    expect(user.userName).toBe(SUPERVISOR.userName);
    expect(core.stateName).toBe('signed-in');
    expect(core.vault.accounts.list()).toHaveLength(2);
    core.close();
  });

  test('an account disabled while its screen was locked is told so at unlock, not that its password is wrong', async () => {
    const dataDir = tempDataDir('lock');
    const { core: supervisorDesk } = await setUpVault(dataDir);
    const clerk = await addAccount(supervisorDesk, CLERK, 'clerk');
    supervisorDesk.close();
    const clerkDesk = new IntakeCore({ dataDir });
    await clerkDesk.signIn(CLERK.userName, CLERK.password);
    clerkDesk.lock();
    // Meanwhile (the administrator's CLI on the same data folder), a supervisor disables the clerk.
    const administrator = new IntakeCore({ dataDir });
    await administrator.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const { dispatcher } = dispatcherFor(administrator);
    expect(await dispatcher.dispatch('accounts.disable', { id: clerk.id })).toMatchObject({ ok: true });
    administrator.close();

    await expectAppError(clerkDesk.unlock(CLERK.password), 'account_disabled');
    expect(clerkDesk.stateName).toBe('signed-out');
    clerkDesk.close();
  });

  test('the lock screen can read app.status through dispatch while locked', async () => {
    const dataDir = tempDataDir('lock');
    const { core } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    expect(await dispatcher.dispatch('session.lock', {})).toEqual({ ok: true, value: null });
    const status = await dispatcher.dispatch('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'locked', user: { userName: SUPERVISOR.userName } } });
    core.close();
  });

  test('the lock screen can unlock through dispatch (session.unlock)', async () => {
    const dataDir = tempDataDir('lock');
    const { core } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    core.lock();
    const unlocked = await dispatcher.dispatch('session.unlock', { password: SUPERVISOR.password });
    expect(unlocked).toMatchObject({ ok: true, value: { userName: SUPERVISOR.userName } });
    expect(core.stateName).toBe('signed-in');
    core.close();
  });

  test('signing out from the lock screen leaves nobody named', async () => {
    const dataDir = tempDataDir('lock');
    const { core } = await setUpVault(dataDir);
    core.lock();
    const { dispatcher } = dispatcherFor(core);
    expect(await dispatcher.dispatch('session.signOut', {})).toEqual({ ok: true, value: null });
    expect(core.stateName).toBe('signed-out');
    expect(core.status().user).toBeUndefined();
  });
});

describe('idle lock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('locks after idleMinutes without activity; any call in between restarts the countdown', async () => {
    const dataDir = tempDataDir('idle');
    const { core } = await setUpVault(dataDir);
    const reasons: string[] = [];
    core.onLock((reason) => reasons.push(reason));
    const { dispatcher } = dispatcherFor(core);
    const minute = 60_000;

    expect((await dispatcher.dispatch('settings.update', { idleMinutes: 2 })).ok).toBe(true);
    vi.advanceTimersByTime(2 * minute - 1_000);
    expect(core.stateName).toBe('signed-in');

    // Activity: the countdown starts over.
    expect((await dispatcher.dispatch('session.touch', {})).ok).toBe(true);
    vi.advanceTimersByTime(2 * minute - 1_000);
    expect(core.stateName).toBe('signed-in');
    expect((await dispatcher.dispatch('accounts.list', {})).ok).toBe(true);
    vi.advanceTimersByTime(2 * minute - 1_000);
    expect(core.stateName).toBe('signed-in');

    vi.advanceTimersByTime(1_000);
    expect(core.stateName).toBe('locked');
    expect(reasons).toEqual(['idle']);
    expect(errorCodeOf(await dispatcher.dispatch('accounts.list', {}))).toBe('locked');
    core.close();
  });

  test('the default idle time applies from sign-in, and the saved setting survives sign-out', async () => {
    const dataDir = tempDataDir('idle');
    const { core } = await setUpVault(dataDir);
    expect(core.status().idleMinutes).toBe(5);
    vi.advanceTimersByTime(5 * 60_000);
    expect(core.stateName).toBe('locked');
    await core.unlock(SUPERVISOR.password);
    core.vault.settings.update({ idleMinutes: 1 });
    core.signOut();
    vi.advanceTimersByTime(60 * 60_000); // no timer fires for a signed-out desk
    expect(core.stateName).toBe('signed-out');
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(core.status().idleMinutes).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(core.stateName).toBe('locked');
    core.close();
  });

  test('new site settings restart the timer with the new length', async () => {
    const dataDir = tempDataDir('idle');
    const { core } = await setUpVault(dataDir);
    vi.advanceTimersByTime(4 * 60_000);
    core.applySettings({ ...core.vault.settings.get(), idleMinutes: 1 });
    vi.advanceTimersByTime(59_000);
    expect(core.stateName).toBe('signed-in');
    vi.advanceTimersByTime(1_000);
    expect(core.stateName).toBe('locked');
    core.close();
  });
});
