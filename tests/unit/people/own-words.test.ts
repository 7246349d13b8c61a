/**
 * A language or variety the list does not hold is recorded in the person's own words (issue 15):
 * kept as short text in languagesOwnWords, beside the codes and never as one. Main refuses an
 * empty, overlong or invisible-character entry, or too many, by field and rule, before anything is
 * written, through the contract the screen and the CLI use.
 */
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { OWN_WORDS_MAX_ENTRIES, OWN_WORDS_MAX_LENGTH } from '../../../src/shared/catalogue';
import type { HistoryEntry, PersonView } from '../../../src/shared/people';
import { accepted, refusedFields } from '../helpers/calls';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from '../helpers/vault';

async function clerkDesk(name: string) {
  const { core } = await setUpVault(tempDataDir(name));
  await addAccount(core, CLERK, 'clerk');
  core.signOut();
  await core.signIn(CLERK.userName, CLERK.password);
  const ui = new Dispatcher(core, 'ui', () => undefined);
  const count = () => core.vault.db.prepare('SELECT count(*) FROM people').pluck(true).get() as number;
  const stored = (id: number) => JSON.parse(core.vault.db.prepare('SELECT tier0 FROM people WHERE id = ?').pluck(true).get(id) as string) as Record<string, unknown>;
  return { core, ui, count, stored };
}

describe('languages in the person’s own words', () => {
  it('are kept as text beside the listed codes, never as a code, and changes to them are in the history', async () => {
    const { core, ui, stored } = await clerkDesk('own-words-kept');
    // Persian and Kurdish words keep their zero-width non-joiner (U+200C).
    const feyli = 'کوردی\u200Cی فەیلی';
    const person = accepted(
      await ui.dispatch('people.register', {
        fields: { chosenName: 'Dilan', languages: ['AR'], languagesOwnWords: ['  Kurmanji of Afrin ', feyli] },
        consents: [],
      }),
    ) as PersonView;
    expect(person.fields.languages).toEqual(['ar']);
    expect(person.fields.languagesOwnWords).toEqual(['Kurmanji of Afrin', feyli]);
    const record = stored(person.id);
    expect(record.languages).toEqual(['ar']);
    expect(record.languagesOwnWords).toEqual(['Kurmanji of Afrin', feyli]);
    // No code field holds the words, whatever it is.
    for (const [key, value] of Object.entries(record)) {
      if (key !== 'languagesOwnWords') expect(JSON.stringify(value), key).not.toContain('Kurmanji');
    }

    accepted(await ui.dispatch('people.update', { id: person.id, set: { languagesOwnWords: ['Kurmanji of Afrin'] }, clear: [] }));
    const history = accepted(await ui.dispatch('people.history', { id: person.id })) as HistoryEntry[];
    expect(history.find((entry) => entry.field === 'languagesOwnWords')).toMatchObject({
      oldValue: ['Kurmanji of Afrin', feyli],
      newValue: ['Kurmanji of Afrin'],
    });
    expect(stored(person.id).languages).toEqual(['ar']);
    core.close();
  });

  it('are refused when empty, too long, too many or holding a control character, by field and rule, and nothing is written', async () => {
    const { core, ui, count } = await clerkDesk('own-words-refused');
    const tooLong = 'a'.repeat(OWN_WORDS_MAX_LENGTH + 1);
    const refused = await ui.dispatch('people.register', {
      fields: {
        chosenName: 'Dilan',
        languagesOwnWords: ['   ', tooLong, 'Kurmanji\nof Afrin', 'Dari\u202Ereversed', 'Sorani\u0007', 'Hawrami\u200Bx', 'a'.repeat(OWN_WORDS_MAX_LENGTH)],
      },
      consents: [],
    });
    expect(refusedFields(refused)).toEqual([
      { path: 'fields.languagesOwnWords.0', rule: 'too_small' },
      { path: 'fields.languagesOwnWords.1', rule: 'too_big' },
      { path: 'fields.languagesOwnWords.2', rule: 'control_characters' },
      { path: 'fields.languagesOwnWords.3', rule: 'control_characters' },
      { path: 'fields.languagesOwnWords.4', rule: 'control_characters' },
      { path: 'fields.languagesOwnWords.5', rule: 'control_characters' },
    ]);
    const many = Array.from({ length: OWN_WORDS_MAX_ENTRIES + 1 }, (_, index) => `variety ${index + 1}`);
    expect(refusedFields(await ui.dispatch('people.register', { fields: { chosenName: 'Dilan', languagesOwnWords: many }, consents: [] }))).toEqual([
      { path: 'fields.languagesOwnWords', rule: 'too_big' },
    ]);
    expect(count()).toBe(0);

    const { id } = accepted(await ui.dispatch('people.register', { fields: { chosenName: 'Dilan', languagesOwnWords: many.slice(1) }, consents: [] })) as PersonView;
    expect(refusedFields(await ui.dispatch('people.update', { id, set: { languagesOwnWords: [''] }, clear: [] }))).toEqual([
      { path: 'set.languagesOwnWords.0', rule: 'too_small' },
    ]);
    expect(refusedFields(await ui.dispatch('people.update', { id, set: { languagesOwnWords: many }, clear: [] }))).toEqual([
      { path: 'set.languagesOwnWords', rule: 'too_big' },
    ]);
    // Words are not codes: typed where a code belongs, they are refused as before.
    expect(refusedFields(await ui.dispatch('people.update', { id, set: { languages: ['Kurmanji of Afrin'] }, clear: [] }))).toEqual([
      { path: 'set.languages.0', rule: 'not_listed' },
    ]);
    const view = accepted(await ui.dispatch('people.get', { id })) as PersonView;
    expect(view.fields.languagesOwnWords).toEqual(many.slice(1));
    expect(view.fields.languages).toBeUndefined();
    core.close();
  });
});
