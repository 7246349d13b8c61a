/**
 * Search terms are derived data: when the name-matching model changes, a vault indexed by the
 * old model is indexed again at unlock, so no one goes missing between versions.
 */
import { expect, it } from 'vitest';
import { ensureSearchTermsCurrent } from '../../../src/main/people/search-index';
import { peopleFixture } from './people-db';

it('re-indexes every person when the stored model version is older, and only then', () => {
  const fx = peopleFixture();
  try {
    ensureSearchTermsCurrent(fx.db);
    for (let i = 0; i < 12; i++) fx.people.registerId(fx.clerk, { fields: { chosenName: i % 2 ? 'عبد الله الخطيب' : 'Layla Haddad' }, consents: [] });
    // A vault indexed by an older model: terms it would not write today, and no current ones.
    fx.db.exec("DELETE FROM search_terms; INSERT INTO search_terms (term, person_id, tier) SELECT 's:old', id, 0 FROM people;");
    fx.db.prepare("UPDATE settings SET value = '1' WHERE key = 'searchTermsVersion'").run();
    expect(fx.people.search(fx.clerk, 'Abdullah Al-Khatib')).toEqual([]);
    expect(ensureSearchTermsCurrent(fx.db)).toEqual({ rebuilt: 12 });
    expect(fx.people.search(fx.clerk, 'Abdullah Al-Khatib')).toHaveLength(6);
    expect(fx.people.search(fx.clerk, 'ليلى حداد')).toHaveLength(6);
    expect(fx.db.prepare("SELECT count(*) AS n FROM search_terms WHERE term = 's:old'").get()).toEqual({ n: 0 });
    expect(ensureSearchTermsCurrent(fx.db)).toBeUndefined();
  } finally {
    fx.close();
  }
});
