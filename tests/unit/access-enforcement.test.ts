/**
 * The same access rules against a real IntakeCore over a real encrypted vault: every call the
 * contract refuses to a caller is refused (with an access error, not invalid_input, since the input
 * is well-formed) and changes nothing; side-effect-free calls the contract allows do run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { contract, METHODS, type Channel, type Method } from '../../src/shared/contract';
import { ROLES, type Role } from '../../src/shared/roles';
import { ACCESS_DENIED_CODES, isAllowed, type Caller, describeCaller } from './helpers/access';
import { makeTempDir, removeTempDir } from './helpers/temp-dir';
import { validInputFor } from './helpers/valid-inputs';
import { addAccount, CLERK, dispatcherFor, errorCodeOf, PROTECTION, setUpVault, SUPERVISOR, type Credentials } from './helpers/vault';

/** Calls that read only, so they can be run for real wherever the contract allows them. */
const READ_ONLY: readonly Method[] = ['app.status', 'session.touch', 'accounts.list', 'settings.get', 'vault.verify'];
const CREDENTIALS: Record<Role, Credentials> = { clerk: CLERK, protection: PROTECTION, supervisor: SUPERVISOR };

let dataDir: string;
let emptyDir: string;
let core: IntakeCore;

beforeAll(async () => {
  dataDir = makeTempDir('access');
  emptyDir = makeTempDir('access-empty');
  ({ core } = await setUpVault(dataDir));
  await addAccount(core, CLERK, 'clerk');
  await addAccount(core, PROTECTION, 'protection');
  core.signOut();
}, 60_000);

afterAll(() => {
  core.close();
  removeTempDir(dataDir);
  removeTempDir(emptyDir);
});

/** Checks every method for one caller on the given core; returns the mismatches. */
async function checkAllMethods(target: IntakeCore, caller: Caller): Promise<string[]> {
  const mismatches: string[] = [];
  const { dispatcher } = dispatcherFor(target, caller.channel);
  const who = describeCaller(caller);
  for (const method of METHODS) {
    expect(target.stateName, `${who} before ${method}`).toBe(caller.state);
    const allowed = isAllowed(contract[method].access, caller);
    if (!allowed) {
      const result = await dispatcher.dispatch(method, validInputFor(method));
      if (result.ok) mismatches.push(`${who} ${method}: should be refused, but it ran`);
      else if (!ACCESS_DENIED_CODES.includes(result.error.code)) mismatches.push(`${who} ${method}: refused with ${result.error.code}`);
    } else if (READ_ONLY.includes(method)) {
      const result = await dispatcher.dispatch(method, {});
      if (!result.ok) mismatches.push(`${who} ${method}: should be allowed, was refused with ${result.error.code}`);
    }
  }
  expect(target.stateName, `${who} after all calls`).toBe(caller.state);
  return mismatches;
}

describe.each<Channel>(['ui', 'cli'])('over the %s channel', (channel) => {
  test('before set-up', async () => {
    expect(await checkAllMethods(new IntakeCore({ dataDir: emptyDir }), { state: 'not-set-up', channel })).toEqual([]);
  });

  test('signed out', async () => {
    expect(await checkAllMethods(core, { state: 'signed-out', channel })).toEqual([]);
  });

  test.each(ROLES)('signed in, then locked, as %s', async (role) => {
    await core.signIn(CREDENTIALS[role].userName, CREDENTIALS[role].password);
    try {
      const signedIn = await checkAllMethods(core, { state: 'signed-in', role, channel });
      core.lock();
      const locked = await checkAllMethods(core, { state: 'locked', role, channel });
      expect([...signedIn, ...locked]).toEqual([]);
    } finally {
      core.signOut();
    }
  });
});

test('a clerk calling accounts.list gets forbidden and no account data', async () => {
  await core.signIn(CLERK.userName, CLERK.password);
  try {
    const { dispatcher } = dispatcherFor(core);
    const result = await dispatcher.dispatch('accounts.list', {});
    expect(errorCodeOf(result)).toBe('forbidden');
    expect(JSON.stringify(result)).not.toContain(SUPERVISOR.userName);
  } finally {
    core.signOut();
  }
});

test('a supervisor can read the raw database key over the CLI channel but never over the window channel', async () => {
  await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
  try {
    const expected = core.vault.databaseKeyHex;
    const ui = await dispatcherFor(core, 'ui').dispatcher.dispatch('vault.exportKey', {});
    expect(errorCodeOf(ui)).toBe('forbidden');
    expect(JSON.stringify(ui)).not.toContain(expected);
    const cli = await dispatcherFor(core, 'cli').dispatcher.dispatch('vault.exportKey', {});
    expect(cli).toEqual({ ok: true, value: { databaseKeyHex: expected } });
  } finally {
    core.signOut();
  }
});
