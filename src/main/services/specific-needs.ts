import {
  NEED_FIELDS,
  needLabelsSchema,
  SHIPPED_NEEDS,
  SITE_NEEDS_MAX,
  type NeedField,
  type NeedLabels,
  type SpecificNeedEntry,
} from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import { LANGUAGES } from '../../shared/languages';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { thisDeskNumber } from '../exchange/this-desk';

interface NeedRow {
  code: string;
  field: NeedField;
  origin: 'unhcr' | 'site';
  offered: 0 | 1;
  labels: string | null;
}

/** The need fields of a record, or of a change to one. */
type NeedValues = { readonly [F in NeedField]?: readonly string[] };

const siteNumber = (code: string): number => Number(code.slice('site-'.length));
/** A desk's block of site category numbers: desk numbers up to 999 keep codes within SITE_NEED_CODE. */
const SITE_CODES_PER_DESK = 1000;

/**
 * The site's catalogue of specific needs, in the encrypted database. Shipped categories can be
 * offered or not; site categories are added with their names and, like shipped ones, are never
 * deleted, only no longer offered, so every recorded code keeps its meaning.
 */
export class SpecificNeedsCatalogue {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Shipped categories in their order, then the site's in the order they were added. */
  list(): SpecificNeedEntry[] {
    const rows = prepared<[], NeedRow>(this.db, 'SELECT code, field, origin, offered, labels FROM specific_needs').all();
    const stored = new Map(rows.map((row) => [row.code, row]));
    const shipped = SHIPPED_NEEDS.map((entry) => {
      const row = stored.get(entry.code);
      return row ? { ...entry, offered: row.offered === 1 } : entry;
    });
    const site = rows
      .filter((row) => row.origin === 'site')
      .sort((a, b) => siteNumber(a.code) - siteNumber(b.code))
      .map(
        (row): SpecificNeedEntry => ({
          code: row.code,
          field: row.field,
          origin: 'site',
          offered: row.offered === 1,
          labels: needLabelsSchema.parse(JSON.parse(row.labels ?? '{}')),
        }),
      );
    return [...shipped, ...site];
  }

  add(field: NeedField, labels: NeedLabels): SpecificNeedEntry[] {
    const current = this.list();
    const siteCount = current.filter((entry) => entry.origin === 'site').length;
    if (siteCount >= SITE_NEEDS_MAX) throw new AppError('invalid_input', { field: 'labels' });
    this.assertNoSameName(current, labels, undefined);
    // Desk n > 1 numbers its categories from n × 1000, so two desks adding one before they exchange
    // never give the same code (desk 1 keeps 1 to SITE_NEEDS_MAX, as before desks existed).
    const desk = thisDeskNumber(this.db);
    const base = desk === 1 ? 0 : desk * SITE_CODES_PER_DESK;
    const own = current.filter((entry) => entry.origin === 'site').map((entry) => siteNumber(entry.code)).filter((n) => n > base && n <= base + SITE_NEEDS_MAX);
    const next = Math.max(base, ...own) + 1;
    prepared(this.db, 'INSERT INTO specific_needs (code, field, origin, offered, labels, changed_at) VALUES (?, ?, ?, 1, ?, ?)').run(
      `site-${next}`,
      field,
      'site',
      JSON.stringify(labels),
      this.now().toISOString(),
    );
    return this.list();
  }

  /** Offers a category or stops offering it; renames a site category. Shipped names come from the locale files. */
  change(code: string, change: { offered?: boolean; labels?: NeedLabels }): SpecificNeedEntry[] {
    const current = this.list();
    const entry = current.find((candidate) => candidate.code === code);
    if (!entry) throw new AppError('not_found');
    if (change.labels && entry.origin !== 'site') throw new AppError('invalid_input', { field: 'labels' });
    if (change.labels) this.assertNoSameName(current, change.labels, code);
    const offered = change.offered ?? entry.offered;
    const labels = change.labels ?? entry.labels;
    prepared(
      this.db,
      `INSERT INTO specific_needs (code, field, origin, offered, labels, changed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET offered = excluded.offered, labels = excluded.labels, changed_at = excluded.changed_at`,
    ).run(code, entry.field, entry.origin, offered ? 1 : 0, labels ? JSON.stringify(labels) : null, this.now().toISOString());
    return this.list();
  }

  /**
   * What main checks before a need is stored: the code is in the site's catalogue for this field,
   * and is offered unless the record already held it (a category no longer offered stays on the
   * records that have it, and may be removed from them, not added).
   */
  assertRecordable(set: NeedValues, alreadyRecorded: NeedValues): void {
    if (NEED_FIELDS.every((field) => set[field] === undefined)) return;
    const catalogue = new Map(this.list().map((entry) => [entry.code, entry]));
    for (const field of NEED_FIELDS) {
      for (const value of set[field] ?? []) {
        const entry = catalogue.get(value);
        const allowed = entry !== undefined && entry.field === field && (entry.offered || (alreadyRecorded[field]?.includes(value) ?? false));
        if (!allowed) throw new AppError('invalid_input', { field });
      }
    }
  }

  /** Two site categories with the same name in one language would be told apart by nobody. */
  private assertNoSameName(current: readonly SpecificNeedEntry[], labels: NeedLabels, exceptCode: string | undefined): void {
    const fold = (text: string): string => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
    for (const other of current) {
      if (other.code === exceptCode || !other.labels) continue;
      for (const language of LANGUAGES) {
        const mine = labels[language];
        const theirs = other.labels[language];
        if (mine !== undefined && theirs !== undefined && fold(mine) === fold(theirs)) throw new AppError('need_exists', { language });
      }
    }
  }
}
