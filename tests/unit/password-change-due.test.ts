/**
 * Issue 15: an account a supervisor made, or whose password a supervisor reset, must choose its own
 * password at its next sign-in; until then main refuses everything but the session itself, from
 * the window and from the CLI alike, whatever the renderer shows.
 */
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { contract, METHODS, type Method } from '../../src/shared/contract';
import { call } from './exchange/two-desks';
import { ACCESS_DENIED_CODES, isAllowed } from './helpers/access';
import { tempDataDir } from './helpers/temp-dir';
import { validInputFor } from './helpers/valid-inputs';
import { CLERK, dispatcherFor, errorCodeOf, NEW_PASSWORD, setUpVault, SUPERVISOR } from './helpers/vault';

const OWN = 'saffron ladders beyond the dunes';
const ALLOWED_WHILE_DUE: readonly Method[] = ['app.status', 'app.setDeviceLanguage', 'session.changePassword', 'session.lock', 'session.signOut', 'session.touch', 'session.setLanguage'];

describe('a password a supervisor set', () => {
  it('opens nothing but the change of password, which must differ, and then everything the role allows', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('password-due');
    const { core } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    const made = await dispatcher.dispatch('accounts.create', { ...CLERK, role: 'clerk', language: 'en' });
    expect(made).toMatchObject({ ok: true, value: { passwordChangeDue: true } });
    const status = await dispatcher.dispatch('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { user: { userName: SUPERVISOR.userName, passwordChangeDue: false } } });
    core.signOut();

    expect(await core.signIn(CLERK.userName, CLERK.password)).toMatchObject({ role: 'clerk', passwordChangeDue: true });
    // Every method, called directly as an attacker would: none runs but the session's own, and
    // those the clerk's role reaches say why.
    for (const channel of ['ui', 'cli'] as const) {
      const { dispatcher: caller } = dispatcherFor(core, channel);
      for (const method of METHODS.filter((m) => !ALLOWED_WHILE_DUE.includes(m))) {
        const result = await caller.dispatch(method, validInputFor(method));
        const reachable = isAllowed(contract[method].access, { state: 'signed-in', role: 'clerk', channel });
        const code = result.ok ? 'ran' : result.error.code;
        expect(code, `${method} over ${channel}`).toBe(reachable ? 'password_change_due' : code);
        expect(ACCESS_DENIED_CODES, `${method} over ${channel}`).toContain(code);
      }
    }
    expect(errorCodeOf(await dispatcher.dispatch('people.search', { query: 'Samira' }))).toBe('password_change_due');
    expect((await dispatcher.dispatch('session.touch', {})).ok).toBe(true);

    expect(errorCodeOf(await dispatcher.dispatch('session.changePassword', { currentPassword: CLERK.password, newPassword: CLERK.password }))).toBe('password_unchanged');
    expect(errorCodeOf(await dispatcher.dispatch('session.changePassword', { currentPassword: 'not the one given at all', newPassword: OWN }))).toBe('wrong_credentials');
    expect((await dispatcher.dispatch('session.changePassword', { currentPassword: CLERK.password, newPassword: OWN })).ok).toBe(true);
    expect(await dispatcher.dispatch('app.status', {})).toMatchObject({ ok: true, value: { user: { passwordChangeDue: false } } });
    expect((await dispatcher.dispatch('people.search', { query: 'Samira' })).ok).toBe(true);
    core.signOut();

    // The supervisor's reset asks again; the person's own password is not asked to change again.
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const clerk = (await call(core, 'accounts.list', {})).find((account) => account.userName === CLERK.userName);
    expect(clerk).toMatchObject({ passwordChangeDue: false });
    expect(await dispatcher.dispatch('accounts.resetPassword', { id: clerk?.id ?? 0, password: NEW_PASSWORD })).toMatchObject({ ok: true, value: { passwordChangeDue: true } });
    core.signOut();
    expect(await core.signIn(CLERK.userName, NEW_PASSWORD)).toMatchObject({ passwordChangeDue: true });
    core.close();

    // Closing the app does not forget it: the demand is in the encrypted database, not the session.
    const reopened = new IntakeCore({ dataDir });
    expect(await reopened.signIn(CLERK.userName, NEW_PASSWORD)).toMatchObject({ passwordChangeDue: true });
    reopened.close();
  });

  it('is final when the supervisor says so, and the recovery key’s reset is the holder’s own', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('password-final');
    const { core, recoveryKey } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    expect(await dispatcher.dispatch('accounts.create', { ...CLERK, role: 'clerk', language: 'en', changePasswordAtSignIn: false })).toMatchObject({
      ok: true,
      value: { passwordChangeDue: false },
    });
    const clerk = (await call(core, 'accounts.list', {})).find((account) => account.userName === CLERK.userName);
    expect(await dispatcher.dispatch('accounts.resetPassword', { id: clerk?.id ?? 0, password: NEW_PASSWORD })).toMatchObject({ ok: true, value: { passwordChangeDue: true } });
    core.signOut();
    expect((await dispatcher.dispatch('recovery.resetPassword', { recoveryKey, userName: CLERK.userName, newPassword: OWN })).ok).toBe(true);
    expect(await core.signIn(CLERK.userName, OWN)).toMatchObject({ passwordChangeDue: false });
    expect((await dispatcher.dispatch('people.search', { query: 'Samira' })).ok).toBe(true);
    core.close();
  });
});
