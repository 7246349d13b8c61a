/**
 * Countries and languages are stored as codes, and only as codes the pickers offer (issue 15):
 * words typed where a code belongs, or a code that names nothing, are refused by field and rule,
 * through the contract the screen and the CLI use, before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import type { RpcResult } from '../../../src/shared/errors';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from '../helpers/vault';

function refusedFields(result: RpcResult<unknown>): { path: string; rule: string }[] {
  if (result.ok) throw new Error('the call was accepted');
  expect(result.error.code).toBe('invalid_input');
  return (result.error.fields ?? []).map(({ path, rule }) => ({ path, rule }));
}

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
});
