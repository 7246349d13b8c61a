import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { allFieldsOf, writeSearchTerms, type PersonRow } from './person-store';
import { clearNearKeys } from './search-near-keys';
import { SEARCH_TERMS_VERSION } from './search-terms';

const VERSION_KEY = 'searchTermsVersion';
const BATCH = 5000;

/**
 * Search terms are derived from the records by the name-matching model. When the model changes
 * (SEARCH_TERMS_VERSION), every person's terms are written again, in one transaction, at the first
 * unlock: until then the old terms would silently miss people the new rules find. Inside the
 * encrypted database like everything else.
 */
export function ensureSearchTermsCurrent(db: Db): { rebuilt: number } | undefined {
  const stored = prepared<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(VERSION_KEY);
  if (stored && Number(JSON.parse(stored.value)) === SEARCH_TERMS_VERSION) return undefined;
  let rebuilt = 0;
  db.transaction(() => {
    db.exec('DELETE FROM search_terms');
    clearNearKeys(db);
    const page = db.prepare<[number, number], PersonRow>('SELECT * FROM people WHERE id > ? ORDER BY id LIMIT ?');
    for (let after = 0; ; ) {
      const rows = page.all(after, BATCH);
      for (const row of rows) writeSearchTerms(db, row.id, row.registration_number, allFieldsOf(row));
      rebuilt += rows.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }
    prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      VERSION_KEY,
      JSON.stringify(SEARCH_TERMS_VERSION),
    );
  })();
  return { rebuilt };
}
