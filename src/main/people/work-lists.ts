import { stringify } from 'csv-stringify/sync';
import { localDay } from '../../shared/record-status';
import { FIELDS, mayRead, UNACCOMPANIED_NEED, type PersonFields, type Tier } from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import {
  sortWorkListRows,
  workListColumns,
  workListTier,
  type WorkList,
  type WorkListColumn,
  type WorkListResult,
  type WorkListRow,
  type WorkListSort,
} from '../../shared/work-lists';
import { CSV_OPTIONS } from '../audit/audit-csv';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { SpecificNeedsCatalogue } from '../services/specific-needs';
import { ageOf } from './age';
import type { Actor } from './people-service';
import { readableTiers, type ViewMode } from './redaction';
import { listFilterSql, statusSql } from './record-status';
import { readStatus, type RecordListFilter } from '../../shared/record-status';

interface ListRow {
  id: number;
  registration_number: string;
  chosen_name: string;
  registered_at: string;
  arrival_date: string | null;
  /** The tier-1 birth field, read only for the children's list (its age column). */
  birth: string | null;
  status: string;
}

/**
 * Monday and Sunday (YYYY-MM-DD) of the ISO week holding `today`, on this laptop's calendar: the
 * week the clerk is in, as the arrival date the form fills in is the desk's own day. (A record
 * without an arrival date falls back to its UTC registration day, which can differ near midnight.)
 */
export function isoWeekDays(today: Date): { monday: string; sunday: string } {
  const sinceMonday = (today.getDay() + 6) % 7;
  const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - sinceMonday);
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  return { monday: localDay(monday), sunday: localDay(sunday) };
}

/**
 * The work lists, read in main. Who may ask for a list is decided from the tier of its criterion
 * and the tiers the caller reads in the view mode in use (readableTiers, the one rule), before any
 * row is read; a row carries only columns of those tiers. Records merged into another are never
 * on a list (the record kept is).
 */
export class WorkLists {
  private readonly needs: SpecificNeedsCatalogue;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.needs = new SpecificNeedsCatalogue(db, now);
  }

  /** The active records on the list unless `show` asks for every record, or those not active. */
  list(actor: Actor, list: WorkList, mode: ViewMode, show: RecordListFilter = 'active'): WorkListResult {
    const tiers = readableTiers(actor.role, mode);
    const tier = workListTier(list, this.needs.list());
    if (tier === undefined) throw new AppError('not_found');
    if (!tiers.includes(tier)) {
      // Deny by default; the cause named: the role never reads that tier, or the restricted screen hides it now.
      throw mayRead(actor.role, tier) ? new AppError('work_list_restricted_screen', { tier }) : new AppError('work_list_not_readable', { tier });
    }
    const columns = workListColumns(list, tiers);
    const today = this.now();
    const rows = this.rowsOf(list, columns.includes('age'), show).map((row): WorkListRow => {
      const age = columns.includes('age') && row.birth ? ageOf(JSON.parse(row.birth) as PersonFields['birth'], today) : undefined;
      return {
        id: row.id,
        registrationNumber: row.registration_number,
        chosenName: row.chosen_name,
        registeredAt: row.registered_at,
        ...(columns.includes('arrivalDate') && row.arrival_date ? { arrivalDate: row.arrival_date } : {}),
        ...(age ? { age } : {}),
        ...(readStatus(row.status) !== 'active' ? { status: readStatus(row.status) } : {}),
      };
    });
    return { list, tier, columns, rows };
  }

  /** The list as CSV (UTF-8 with BOM, CRLF, formulas defused, as the audit CSV), in the order asked for. */
  exportCsv(actor: Actor, list: WorkList, mode: ViewMode, sort: WorkListSort, language: string, show: RecordListFilter = 'active'): { csv: string; rows: number; tier: Tier } {
    const result = this.list(actor, list, mode, show);
    const sorted = sortWorkListRows(result.rows, sort, language);
    return { csv: workListCsv(result.columns, sorted), rows: sorted.length, tier: result.tier };
  }

  private rowsOf(list: WorkList, withBirth: boolean, show: RecordListFilter): ListRow[] {
    // The criterion reads the tier column of its field only; the select reads tier 0 and, for the
    // children's list, the birth field alone.
    const birth = withBirth ? "p.tier1 ->> '$.birth'" : 'NULL';
    const select = `SELECT p.id, p.registration_number, p.chosen_name, p.registered_at, p.tier0 ->> '$.arrivalDate' AS arrival_date, ${birth} AS birth,
      ${statusSql('p.id')} AS status
      FROM people p WHERE p.merged_into IS NULL AND ${listFilterSql(show, 'p')} AND `;
    // A need is read from the column of its field's tier (the sensitive ones live in tier 2).
    const needIn = (field: 'specificNeeds' | 'protectionNeeds') =>
      `EXISTS (SELECT 1 FROM json_each(p.${FIELDS[field].tier === 2 ? 'tier2' : 'tier1'}, '$.${field}') AS need WHERE need.value = ?)`;
    switch (list.kind) {
      case 'arrived-this-week': {
        const { monday, sunday } = isoWeekDays(this.now());
        return prepared<[string, string], ListRow>(
          this.db,
          `${select} coalesce(p.tier0 ->> '$.arrivalDate', substr(p.registered_at, 1, 10)) BETWEEN ? AND ?`,
        ).all(monday, sunday);
      }
      case 'unaccompanied-children':
        return prepared<[string], ListRow>(this.db, `${select} ${needIn('specificNeeds')}`).all(UNACCOMPANIED_NEED);
      case 'specific-need': {
        const entry = this.needs.list().find((need) => need.code === list.need);
        if (!entry) throw new AppError('not_found');
        return prepared<[string], ListRow>(this.db, `${select} ${needIn(entry.field)}`).all(entry.code);
      }
      case 'document-mismatch':
        return prepared<[], ListRow>(this.db, `${select} p.tier1 ->> '$.documentMismatch' = 1`).all();
      case 'no-family-unit':
        return prepared<[], ListRow>(
          this.db,
          `${select} NOT EXISTS (SELECT 1 FROM family_memberships m WHERE m.person_id = p.id AND m.left_at IS NULL)`,
        ).all();
    }
  }
}

/** Column names in the CSV's header: stable, as the audit CSV's. */
const CSV_HEADERS: Record<WorkListColumn, string> = {
  registrationNumber: 'registration_number',
  chosenName: 'chosen_name',
  registeredAt: 'registered_at',
  arrivalDate: 'arrival_date',
  age: 'age',
};

export function workListCsv(columns: readonly WorkListColumn[], rows: readonly WorkListRow[]): string {
  const cell = (row: WorkListRow, column: WorkListColumn): string => {
    if (column === 'age') return row.age ? `${row.age.estimated ? '~' : ''}${row.age.years}` : '';
    return row[column] ?? '';
  };
  return stringify([columns.map((column) => CSV_HEADERS[column]), ...rows.map((row) => columns.map((column) => cell(row, column)))], CSV_OPTIONS);
}
