/**
 * The preferred language and the interpreter's language hold one language each (issue 15): a listed
 * code, or, when the list does not hold it, the person's own words instead (preferredLanguageOwnWords,
 * interpreter.languageOwnWords), never both. Main refuses both, and words that cannot be kept, by
 * field and rule, before anything is written, through the contract the screen and the CLI use; the
 * slip never reads a language out of the person's words.
 */
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import type { HistoryEntry, PersonView } from '../../../src/shared/people';
import type { StatsFileOutput } from '../../../src/shared/stats';
import { accepted, refusedFields } from '../helpers/calls';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from '../helpers/vault';

async function clerkDesk(name: string) {
  const { core } = await setUpVault(tempDataDir(name));
  await addAccount(core, CLERK, 'clerk', 'en');
  core.signOut();
  await core.signIn(CLERK.userName, CLERK.password);
  const ui = new Dispatcher(core, 'ui', () => undefined);
  const count = () => core.vault.db.prepare('SELECT count(*) FROM people').pluck(true).get() as number;
  const tier = (id: number, column: 'tier0' | 'tier1') =>
    JSON.parse(core.vault.db.prepare(`SELECT ${column} FROM people WHERE id = ?`).pluck(true).get(id) as string) as Record<string, unknown>;
  return { core, ui, count, tier };
}

describe('one language in the person’s own words', () => {
  it('is kept instead of the code for the preferred language and the interpreter’s, shown back, and changed in the history', async () => {
    const { core, ui, tier } = await clerkDesk('one-own-words-kept');
    const person = accepted(
      await ui.dispatch('people.register', {
        fields: {
          chosenName: 'Dilan',
          preferredLanguageOwnWords: ['  Kurmanji of Afrin '],
          interpreter: { languageOwnWords: ['Feyli Kurdish'], preferences: ['woman'] },
        },
        consents: ['register'],
      }),
    ) as PersonView;
    expect(person.fields.preferredLanguageOwnWords).toEqual(['Kurmanji of Afrin']);
    expect(person.fields.preferredLanguage).toBeUndefined();
    expect(person.fields.interpreter).toEqual({ languageOwnWords: ['Feyli Kurdish'], preferences: ['woman'] });
    const tier0 = tier(person.id, 'tier0');
    expect(tier0.preferredLanguageOwnWords).toEqual(['Kurmanji of Afrin']);
    // No code field holds the words.
    expect(tier0.preferredLanguage).toBeUndefined();
    expect((tier(person.id, 'tier1').interpreter as { language?: string }).language).toBeUndefined();

    // A listed language replaces the words when the change clears them, and the other way round.
    const listed = accepted(await ui.dispatch('people.update', { id: person.id, set: { preferredLanguage: 'ckb' }, clear: ['preferredLanguageOwnWords'] })) as PersonView;
    expect(listed.fields.preferredLanguage).toBe('ckb');
    expect(listed.fields.preferredLanguageOwnWords).toBeUndefined();
    const back = accepted(
      await ui.dispatch('people.update', {
        id: person.id,
        set: { preferredLanguageOwnWords: ['Hawrami'], interpreter: { language: 'ar', preferences: [] } },
        clear: ['preferredLanguage'],
      }),
    ) as PersonView;
    expect(back.fields.preferredLanguageOwnWords).toEqual(['Hawrami']);
    expect(back.fields.preferredLanguage).toBeUndefined();
    expect(back.fields.interpreter).toEqual({ language: 'ar', preferences: [] });
    const history = accepted(await ui.dispatch('people.history', { id: person.id })) as HistoryEntry[];
    const changes = history.filter((entry) => entry.field === 'preferredLanguageOwnWords').map((entry) => [entry.oldValue, entry.newValue]);
    expect(changes).toEqual(expect.arrayContaining([[['Kurmanji of Afrin'], undefined], [undefined, ['Hawrami']]]));
    core.close();
  });

  it('is refused beside a code, by field and rule, at registration and on a change, and nothing is written', async () => {
    const { core, ui, count, tier } = await clerkDesk('one-own-words-both');
    expect(
      refusedFields(
        await ui.dispatch('people.register', {
          fields: {
            chosenName: 'Dilan',
            preferredLanguage: 'ar',
            preferredLanguageOwnWords: ['Kurmanji of Afrin'],
            interpreter: { language: 'ku', languageOwnWords: ['Feyli Kurdish'], preferences: [] },
          },
          consents: ['register'],
        }),
      ),
    ).toEqual([
      { path: 'fields.preferredLanguageOwnWords', rule: 'code_and_own_words' },
      { path: 'fields.interpreter.languageOwnWords', rule: 'code_and_own_words' },
    ]);
    // A household member is registered as anyone is.
    expect(
      refusedFields(
        await ui.dispatch('people.registerHousehold', {
          focalPoint: { fields: { chosenName: 'Dilan' }, consents: [] },
          members: [{ kind: 'new', fields: { chosenName: 'Rojin', preferredLanguage: 'ar', preferredLanguageOwnWords: ['Hawrami'] }, consents: [], relationship: 'partner' }],
        }),
      ),
    ).toEqual([{ path: 'members.0.fields.preferredLanguageOwnWords', rule: 'code_and_own_words' }]);
    expect(count()).toBe(0);

    const { id } = accepted(
      await ui.dispatch('people.register', { fields: { chosenName: 'Dilan', preferredLanguage: 'ar', interpreter: { language: 'ku', preferences: [] } }, consents: ['register'] }),
    ) as PersonView;
    // Words set while the code is kept, or a code set while the words are kept: refused where it is set.
    expect(refusedFields(await ui.dispatch('people.update', { id, set: { preferredLanguageOwnWords: ['Hawrami'] }, clear: [] }))).toEqual([
      { path: 'set.preferredLanguageOwnWords', rule: 'code_and_own_words' },
    ]);
    expect(
      refusedFields(await ui.dispatch('people.update', { id, set: { interpreter: { language: 'ku', languageOwnWords: ['Feyli Kurdish'], preferences: [] } }, clear: [] })),
    ).toEqual([{ path: 'set.interpreter.languageOwnWords', rule: 'code_and_own_words' }]);
    accepted(await ui.dispatch('people.update', { id, set: { preferredLanguageOwnWords: ['Hawrami'] }, clear: ['preferredLanguage'] }));
    expect(refusedFields(await ui.dispatch('people.update', { id, set: { preferredLanguage: 'ckb' }, clear: [] }))).toEqual([
      { path: 'set.preferredLanguage', rule: 'code_and_own_words' },
    ]);
    expect(tier(id, 'tier0')).toMatchObject({ preferredLanguageOwnWords: ['Hawrami'] });
    expect(tier(id, 'tier0').preferredLanguage).toBeUndefined();
    core.close();
  });

  it('is refused when empty, too long, more than one or holding a control character, and words are never a code', async () => {
    const { core, ui, count } = await clerkDesk('one-own-words-refused');
    const refused = await ui.dispatch('people.register', {
      fields: {
        chosenName: 'Dilan',
        preferredLanguageOwnWords: ['Dari\u202Ereversed'],
        interpreter: { languageOwnWords: ['Sorani\nof Sulaymaniyah'], preferences: [] },
      },
      consents: ['register'],
    });
    expect(refusedFields(refused)).toEqual([
      { path: 'fields.preferredLanguageOwnWords.0', rule: 'control_characters' },
      { path: 'fields.interpreter.languageOwnWords.0', rule: 'control_characters' },
    ]);
    expect(
      refusedFields(
        await ui.dispatch('people.register', {
          fields: { chosenName: 'Dilan', preferredLanguageOwnWords: ['Hawrami', 'Feyli Kurdish'], interpreter: { languageOwnWords: ['  '], preferences: [] } },
          consents: ['register'],
        }),
      ),
    ).toEqual([
      { path: 'fields.preferredLanguageOwnWords', rule: 'too_big' },
      { path: 'fields.interpreter.languageOwnWords.0', rule: 'too_small' },
    ]);
    // Words typed where the code belongs are still refused as not listed.
    expect(
      refusedFields(await ui.dispatch('people.register', { fields: { chosenName: 'Dilan', interpreter: { language: 'Kurmanji of Afrin', preferences: [] } }, consents: ['register'] })),
    ).toEqual([{ path: 'fields.interpreter.language', rule: 'not_listed' }]);
    expect(count()).toBe(0);
    core.close();
  });

  it('never sets the slip’s language: words naming a language the slip is written in still fall back to the clerk’s', async () => {
    const { core, ui } = await clerkDesk('one-own-words-slip');
    const { id } = accepted(await ui.dispatch('people.register', { fields: { chosenName: 'Dilan', preferredLanguageOwnWords: ['français'] }, consents: [] })) as PersonView;
    const slip = accepted(await ui.dispatch('people.slip', { id, format: 'html' })) as StatsFileOutput;
    expect(Buffer.from(slip.dataBase64, 'base64').toString('utf8')).toMatch(/<html lang="en" dir="ltr">/);
    core.close();
  });
});
