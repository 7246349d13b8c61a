import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/main/app/dispatch';
import type { IntakeCore } from '../../src/main/app/intake-core';
import type { AuditEntry } from '../../src/shared/audit';
import type { RpcResult } from '../../src/shared/errors';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from './helpers/vault';

/** Every entry of the log, oldest first. */
function entriesOf(core: IntakeCore): AuditEntry[] {
  return core.vault.audit.list({ limit: 1000 }).reverse();
}

type Registered = { id: number; registrationNumber: string };

function valueOf<T>(result: RpcResult<unknown>): T {
  if (!result.ok) throw new Error(`the call failed: ${result.error.code}`);
  return result.value as T;
}

/**
 * The audit log says what people did, not what the screens fetched: a supervisor reading it
 * (issue 15) must not wade through settings nobody changed, openings nobody made, or a history
 * nobody looked at.
 */
describe('what the audit log leaves out', () => {
  it('a save of the site settings logs only the setting that changed, and a save that changed nothing logs nothing', async () => {
    const { core } = await setUpVault(tempDataDir('audit-noise-settings'));
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const current = valueOf<Record<string, unknown>>(await ui.dispatch('settings.get', {}));
    const before = entriesOf(core).length;

    // The screen sends every setting on each save; one of them changed.
    valueOf(await ui.dispatch('settings.update', { ...current, sitePrefix: 'AMM1' }));
    const written = entriesOf(core).slice(before);
    expect(written.map((entry) => entry.action)).toEqual(['setting-change']);
    expect(written[0]?.details).toEqual({ sitePrefix: 'AMM1' });

    valueOf(await ui.dispatch('settings.update', { ...current, sitePrefix: 'AMM1' }));
    expect(entriesOf(core).length).toBe(before + 1);

    valueOf(await ui.dispatch('settings.update', { ...current, sitePrefix: 'AMM1', idleMinutes: 7, restrictedOnOpen: true }));
    const last = entriesOf(core).at(-1);
    expect(last?.action).toBe('setting-change');
    expect(last?.details).toEqual({ idleMinutes: 7, restrictedOnOpen: true });
    expect(entriesOf(core).length).toBe(before + 2);
    core.close();
  });

  it('every reading of a record is logged as an opening, even right after registering it (the screen shows the registration\'s own answer instead)', async () => {
    const { core } = await setUpVault(tempDataDir('audit-noise-register'));
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const openings = (): AuditEntry[] => entriesOf(core).filter((entry) => entry.action === 'record-open');

    // Registering writes its one entry, and answers with the record: nothing else is logged.
    const first = valueOf<Registered>(await ui.dispatch('people.register', { fields: { chosenName: 'Dilan' }, consents: ['register'] }));
    expect(entriesOf(core).filter((entry) => entry.registrationNumber === first.registrationNumber).map((entry) => entry.action)).toEqual(['record-create']);

    // The attack a "registration's own opening" exemption would allow: a placeholder registered, then
    // read at once after something else changed what it shows. Every reading is an opening.
    valueOf(await ui.dispatch('people.get', { id: first.id }));
    valueOf(await ui.dispatch('people.get', { id: first.id }));
    expect(openings().map((entry) => entry.registrationNumber)).toEqual([first.registrationNumber, first.registrationNumber]);
    core.close();
  });

  it('opening a record does not log that its edit history was opened; asking for the history does', async () => {
    const { core } = await setUpVault(tempDataDir('audit-noise-history'));
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const person = valueOf<Registered>(await ui.dispatch('people.register', { fields: { chosenName: 'Dilan' }, consents: ['register'] }));
    valueOf(await ui.dispatch('people.get', { id: person.id }));
    valueOf(await ui.dispatch('people.get', { id: person.id }));
    const historyOpenings = (): number => entriesOf(core).filter((entry) => entry.action === 'record-history-open').length;
    expect(historyOpenings()).toBe(0);
    valueOf(await ui.dispatch('people.history', { id: person.id }));
    expect(historyOpenings()).toBe(1);
    core.close();
  });
});
