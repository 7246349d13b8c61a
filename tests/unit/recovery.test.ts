/**
 * The printed recovery key: when every password is lost, it sets a new password on an account.
 * A wrong key is refused with its own code and is throttled like a password.
 */
import { expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { newRecoveryKey } from '../../src/main/vault/recovery-key';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, CLERK, dispatcherFor, errorCodeOf, expectAppError, NEW_PASSWORD, setUpVault, SUPERVISOR } from './helpers/vault';

test('with the recovery key (typed sloppily) a new password is set when all passwords are lost; the old one stops working', async () => {
  const dataDir = tempDataDir('recovery');
  const { core, recoveryKey } = await setUpVault(dataDir);
  await addAccount(core, CLERK, 'clerk');
  core.close();

  // Nobody remembers anything; the app restarts and the recovery sheet comes out of the safe.
  const restarted = new IntakeCore({ dataDir });
  const { dispatcher } = dispatcherFor(restarted);
  const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
  const result = await dispatcher.dispatch('recovery.resetPassword', {
    recoveryKey: typed,
    userName: SUPERVISOR.userName.toUpperCase(),
    newPassword: NEW_PASSWORD,
  });
  expect(result).toEqual({ ok: true, value: null });
  expect(restarted.stateName).toBe('signed-out'); // recovery does not sign anyone in

  await expectAppError(restarted.signIn(SUPERVISOR.userName, SUPERVISOR.password), 'wrong_credentials');
  const user = await restarted.signIn(SUPERVISOR.userName, NEW_PASSWORD);
  expect(user).toMatchObject({ userName: SUPERVISOR.userName, role: 'supervisor' });
  // The data is all still there.
  expect(restarted.vault.accounts.list().map((a) => a.userName)).toContain(CLERK.userName);
  restarted.close();
});

test('a wrong recovery key → wrong_recovery_key (well-formed or not), and nothing changes', async () => {
  const dataDir = tempDataDir('recovery');
  const { core, recoveryKey } = await setUpVault(dataDir);
  core.signOut();
  const { dispatcher } = dispatcherFor(core);
  let wrong = newRecoveryKey();
  while (wrong === recoveryKey) wrong = newRecoveryKey();
  for (const key of [wrong, 'not a recovery key', recoveryKey.slice(0, -1)]) {
    const result = await dispatcher.dispatch('recovery.resetPassword', { recoveryKey: key, userName: SUPERVISOR.userName, newPassword: NEW_PASSWORD });
    expect(errorCodeOf(result)).toBe('wrong_recovery_key');
  }
  await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
  expect(core.stateName).toBe('signed-in');
  core.close();
});

test('repeated wrong recovery keys are throttled, across a restart, even when the right key is then tried', async () => {
  const dataDir = tempDataDir('recovery');
  const clock = { t: Date.UTC(2026, 0, 1) };
  const now = (): number => clock.t;
  const { core, recoveryKey } = await setUpVault(dataDir, { now });
  core.close();
  const attempt = (c: IntakeCore, key: string): Promise<void> => c.recoverAccount(key, SUPERVISOR.userName, NEW_PASSWORD);
  for (let i = 0; i < 3; i++) await expectAppError(attempt(core, '0000-0000-0000-0000-0000-0000-0000-000' + String(i)), 'wrong_recovery_key');
  const restarted = new IntakeCore({ dataDir, now });
  const error = await expectAppError(attempt(restarted, recoveryKey), 'throttled');
  expect(Number(error.params?.seconds)).toBeGreaterThan(0);
  clock.t += Number(error.params?.seconds) * 1000;
  await attempt(restarted, recoveryKey);
  await restarted.signIn(SUPERVISOR.userName, NEW_PASSWORD);
  restarted.close();
});

test('the right key with an unknown user name → not_found; the new password still has to meet the policy', async () => {
  const dataDir = tempDataDir('recovery');
  const { core, recoveryKey } = await setUpVault(dataDir);
  core.signOut();
  await expectAppError(core.recoverAccount(recoveryKey, 'no.such.person', NEW_PASSWORD), 'not_found');
  await expectAppError(core.recoverAccount(recoveryKey, SUPERVISOR.userName, 'too short'), 'password_too_short');
  core.close();
});
