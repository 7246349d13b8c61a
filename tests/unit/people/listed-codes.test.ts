/**
 * Countries and languages are stored as codes, and only as codes the pickers offer (issue 15):
 * words typed where a code belongs, or a code that names nothing, are refused by field and rule,
 * through the contract the screen and the CLI use, before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { refusedFields } from '../helpers/calls';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from '../helpers/vault';

describe('codes outside the lists', () => {
  it('are refused at registration and on a change, by field; listed codes in any spelling are kept', async () => {
    const { core } = await setUpVault(tempDataDir('listed-codes'));
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const count = () => core.vault.db.prepare('SELECT count(*) FROM people').pluck(true).get() as number;

    const typed = await ui.dispatch('people.register', {
      fields: {
        chosenName: 'Dilan',
        languages: ['arabic, kurdish'],
        nationalities: ['Syria'],
        countryOfOrigin: 'ZZ',
        interpreter: { language: 'apc', preferences: [] },
        documents: [{ id: 'd1', type: 'passport', issuingCountry: 'XX' }],
      },
      consents: ['register'],
    });
    expect(refusedFields(typed)).toEqual([
      { path: 'fields.languages.0', rule: 'not_listed' },
      { path: 'fields.nationalities.0', rule: 'not_listed' },
      { path: 'fields.countryOfOrigin', rule: 'not_listed' },
      { path: 'fields.interpreter.language', rule: 'not_listed' },
      { path: 'fields.documents.0.issuingCountry', rule: 'not_listed' },
    ]);
    expect(count()).toBe(0);

    const saved = await ui.dispatch('people.register', {
      fields: { chosenName: 'Dilan', languages: ['AR', 'ckb'], nationalities: ['sy'], preferredLanguage: 'arz' },
      consents: ['register'],
    });
    if (!saved.ok) throw new Error(`refused: ${JSON.stringify(saved.error)}`);
    const { id } = saved.value as { id: number };
    const stored = JSON.parse(core.vault.db.prepare('SELECT tier0 FROM people WHERE id = ?').pluck(true).get(id) as string) as { languages: string[] };
    expect(stored.languages).toEqual(['ar', 'ckb']);

    expect(refusedFields(await ui.dispatch('people.update', { id, set: { preferredLanguage: 'Kurmanji' }, clear: [] }))).toEqual([{ path: 'set.preferredLanguage', rule: 'not_listed' }]);
    core.close();
  });

  it('a code the record already holds from before the lists (or from another desk) may stay when the field is edited; a new one may not', async () => {
    const { core } = await setUpVault(tempDataDir('listed-codes-held'));
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const saved = await ui.dispatch('people.register', { fields: { chosenName: 'Dilan', languages: ['ar'] }, consents: ['register'] });
    if (!saved.ok) throw new Error(`refused: ${JSON.stringify(saved.error)}`);
    const { id } = saved.value as { id: number };
    // As a record received from a desk of an older version holds it.
    const tier0 = JSON.parse(core.vault.db.prepare('SELECT tier0 FROM people WHERE id = ?').pluck(true).get(id) as string) as Record<string, unknown>;
    core.vault.db.prepare('UPDATE people SET tier0 = ? WHERE id = ?').run(JSON.stringify({ ...tier0, languages: ['ar', 'xqa'] }), id);

    const kept = await ui.dispatch('people.update', { id, set: { languages: ['ar', 'xqa', 'ckb'] }, clear: [] });
    if (!kept.ok) throw new Error(`refused: ${JSON.stringify(kept.error)}`);
    const stored = JSON.parse(core.vault.db.prepare('SELECT tier0 FROM people WHERE id = ?').pluck(true).get(id) as string) as { languages: string[] };
    expect(stored.languages).toEqual(['ar', 'xqa', 'ckb']);

    expect(refusedFields(await ui.dispatch('people.update', { id, set: { languages: ['ar', 'xqa', 'Kurmanji'] }, clear: [] }))).toEqual([
      { path: 'set.languages.2', rule: 'not_listed' },
    ]);
    // Held in another field is not held here.
    expect(refusedFields(await ui.dispatch('people.update', { id, set: { preferredLanguage: 'xqa' }, clear: [] }))).toEqual([{ path: 'set.preferredLanguage', rule: 'not_listed' }]);

    // Typed as a name before the pickers ("Arabic"): kept as it was written, and no change is recorded for it.
    core.vault.db.prepare('UPDATE people SET tier0 = ? WHERE id = ?').run(JSON.stringify({ ...tier0, languages: ['Arabic'] }), id);
    const typed = await ui.dispatch('people.update', { id, set: { languages: ['Arabic', 'ckb'] }, clear: [] });
    if (!typed.ok) throw new Error(`refused: ${JSON.stringify(typed.error)}`);
    const afterTyped = JSON.parse(core.vault.db.prepare('SELECT tier0 FROM people WHERE id = ?').pluck(true).get(id) as string) as { languages: string[] };
    expect(afterTyped.languages).toEqual(['Arabic', 'ckb']);
    core.close();
  });
});
