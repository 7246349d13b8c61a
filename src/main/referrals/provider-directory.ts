import { AppError } from '../../shared/errors';
import {
  isStale,
  keepsDirectory,
  type InterpreterAnswer,
  type Provider,
  type ProviderEntry,
  type ProviderFilter,
} from '../../shared/providers';
import type { OrganisationType, SafeFor, Service } from '../../shared/referrals';
import type { Role } from '../../shared/roles';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { ProviderRow } from './provider-rows';

/** Who asks: the directory's focal points and notes are read by its keepers only. */
export interface DirectoryActor {
  readonly id: number;
  readonly role: Role;
}

/** A row as the directory reads it: what referrals read (provider-rows.ts), and what only the directory does. */
interface DirectoryRow extends ProviderRow {
  gid: Buffer | null;
  focal_point: string;
  checked_on: string | null;
  note: string;
  created_at: string;
}

const INTERPRETER_STORED: Record<InterpreterAnswer, number | null> = { yes: 1, no: 0, unknown: null };
const interpreterOf = (stored: number | null): InterpreterAnswer => (stored === 1 ? 'yes' : stored === 0 ? 'no' : 'unknown');

function codesOf<T extends string>(text: string): T[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((code): code is T => typeof code === 'string') : [];
}

/** The stored columns of an entry, in the table's names. */
function columnsOf(entry: ProviderEntry): Record<string, string | number | null> {
  return {
    name_en: entry.names.en,
    name_ar: entry.names.ar,
    name_fr: entry.names.fr,
    organisation_type: entry.organisationType,
    services: JSON.stringify(entry.services),
    safe_for: JSON.stringify(entry.safeFor),
    languages: JSON.stringify(entry.languages),
    area: entry.area,
    address: entry.address,
    hours: entry.hours,
    contact: entry.contact,
    interpreter: INTERPRETER_STORED[entry.interpreter],
    focal_point: entry.focalPoint,
    checked_on: entry.checkedOn,
    note: entry.note,
  };
}

const SELECT = 'SELECT * FROM providers';

/**
 * The service directory in the database (migration 15): entries are added, changed and retired,
 * never deleted (a referral names its provider). Rights are the contract's (who may call); what an
 * entry shows is decided here, by role: the focal point and the internal note go to keepers only.
 */
export class ProviderDirectory {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(actor: DirectoryActor, filter: Partial<ProviderFilter> = {}): Provider[] {
    const where: string[] = [];
    const parameters: string[] = [];
    if (!filter.includeRetired) where.push('retired_at IS NULL');
    if (filter.service) {
      where.push('EXISTS (SELECT 1 FROM json_each(services) WHERE value = ?)');
      parameters.push(filter.service);
    }
    if (filter.safeFor) {
      where.push('EXISTS (SELECT 1 FROM json_each(safe_for) WHERE value = ?)');
      parameters.push(filter.safeFor);
    }
    if (filter.area) {
      where.push('lower(trim(area)) = lower(trim(?))');
      parameters.push(filter.area);
    }
    const sql = `${SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY retired_at IS NOT NULL, lower(coalesce(nullif(name_en, ''), nullif(name_fr, ''), name_ar)), id`;
    return prepared<string[], DirectoryRow>(this.db, sql)
      .all(...parameters)
      .map((row) => this.view(row, actor.role));
  }

  get(actor: DirectoryActor, id: number): Provider {
    return this.view(this.row(id), actor.role);
  }

  /** The entry with this global id (hex), if this desk has it. */
  idOfGlobal(globalId: string): number | undefined {
    if (!/^[0-9a-f]{32}$/i.test(globalId)) return undefined;
    return prepared<[Buffer], number>(this.db, 'SELECT id FROM providers WHERE gid = ?').pluck(true).get(Buffer.from(globalId, 'hex'));
  }

  add(actor: DirectoryActor, entry: ProviderEntry): Provider {
    const columns = { ...columnsOf(entry), created_at: this.now().toISOString(), created_by: actor.id };
    const names = Object.keys(columns);
    const { lastInsertRowid } = prepared(this.db, `INSERT INTO providers (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...Object.values(columns),
    );
    return this.get(actor, Number(lastInsertRowid));
  }

  /** Every field of the entry, as given; a retired entry is not changed (it is kept as it was). */
  update(actor: DirectoryActor, id: number, entry: ProviderEntry): Provider {
    const current = this.row(id);
    if (current.retired_at !== null) throw new AppError('provider_retired');
    // Only the columns that changed: each is one operation another desk takes (and may conflict on).
    const changed = Object.entries(columnsOf(entry)).filter(([column, value]) => current[column as keyof DirectoryRow] !== value);
    if (changed.length > 0) {
      prepared(this.db, `UPDATE providers SET ${changed.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`).run(
        ...changed.map(([, value]) => value),
        id,
      );
    }
    return this.get(actor, id);
  }

  /** Retired, never deleted: referrals made to it still name it. Retiring twice is refused. */
  retire(actor: DirectoryActor, id: number): Provider {
    const current = this.row(id);
    if (current.retired_at !== null) throw new AppError('provider_retired');
    prepared(this.db, 'UPDATE providers SET retired_at = ? WHERE id = ?').run(this.now().toISOString(), id);
    return this.get(actor, id);
  }

  private row(id: number): DirectoryRow {
    const row = prepared<[number], DirectoryRow>(this.db, `${SELECT} WHERE id = ?`).get(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  private view(row: DirectoryRow, role: Role): Provider {
    const keeper = keepsDirectory(role);
    return {
      id: row.id,
      globalId: row.gid ? row.gid.toString('hex') : '',
      names: { en: row.name_en, ar: row.name_ar, fr: row.name_fr },
      organisationType: row.organisation_type as OrganisationType,
      services: codesOf<Service>(row.services),
      safeFor: codesOf<SafeFor>(row.safe_for),
      languages: codesOf<string>(row.languages),
      area: row.area,
      address: row.address,
      hours: row.hours,
      contact: row.contact,
      interpreter: interpreterOf(row.interpreter),
      ...(keeper ? { focalPoint: row.focal_point, note: row.note } : {}),
      checkedOn: row.checked_on,
      createdAt: row.created_at,
      retiredAt: row.retired_at,
      stale: isStale(row.checked_on, this.now()),
    };
  }
}
