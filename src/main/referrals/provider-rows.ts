/**
 * The directory's rows as referrals read them (the directory itself, kept by supervisors and
 * protection officers, is the providers service's). Never the internal note.
 */
import type { ReferralOption } from '../../shared/referral-schemas';
import type { OrganisationType, SafeFor, Service } from '../../shared/referrals';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

export interface ProviderRow {
  id: number;
  name_en: string;
  name_ar: string;
  name_fr: string;
  organisation_type: OrganisationType;
  services: string;
  safe_for: string;
  languages: string;
  area: string;
  address: string;
  hours: string;
  contact: string;
  interpreter: number | null;
  retired_at: string | null;
}

const COLUMNS = 'id, name_en, name_ar, name_fr, organisation_type, services, safe_for, languages, area, address, hours, contact, interpreter, retired_at';

export function providerOf(db: Db, id: number): ProviderRow | undefined {
  return prepared<[number], ProviderRow>(db, `SELECT ${COLUMNS} FROM providers WHERE id = ?`).get(id);
}

/** Every provider not retired, as the Refer form offers them. */
export function providerOptions(db: Db): ReferralOption[] {
  return prepared<[], ProviderRow>(db, `SELECT ${COLUMNS} FROM providers WHERE retired_at IS NULL ORDER BY name_en, id`)
    .all()
    .map((row) => ({
      id: row.id,
      names: { en: row.name_en, ar: row.name_ar, fr: row.name_fr },
      organisationType: row.organisation_type,
      services: JSON.parse(row.services) as Service[],
      safeFor: JSON.parse(row.safe_for) as SafeFor[],
      languages: JSON.parse(row.languages) as string[],
      area: row.area,
      hours: row.hours,
      interpreter: row.interpreter === null ? null : row.interpreter === 1,
    }));
}
