/**
 * Referrals (issue 16): a person referred to a provider of the directory, sharing only the fields
 * chosen one by one. Every rule is here, in main: who may refer, the "referral" consent the
 * referral stands on, the explicit per-referral consent for tier-2 fields, what the referrer may
 * read, the provider's services. The referral keeps field keys, never values.
 */
import { fieldSpec, readableTiers, type FieldKey } from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import {
  mayRefer,
  type OverdueReferral,
  type ReferralInput,
  type ReferralOption,
  type ReferralView,
} from '../../shared/referral-schemas';
import { OPEN_REFERRAL_STATUSES, SENSITIVE_SERVICES, type ReferralStatus, type Service } from '../../shared/referrals';
import { localDay } from '../../shared/record-status';
import { listFilterSql } from '../people/record-status';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { providerNamesOf as namesOf, type ProviderNameColumns } from './provider-row';
import { deskRegistrationPrefix, thisDeskNumber } from '../exchange/this-desk';
import type { Actor } from '../people/people-service';
import { assertNotMerged, keptRecordOf } from '../people/merged-records';
import type { ViewMode } from '../people/redaction';
import { nextRegistrationNumber } from '../people/registration-number';
import { SettingsService } from '../services/settings';
import { providerOf, providerOptions, type ProviderRow } from './provider-rows';

/** Referral numbers: the desk's registration prefix and this marker, a sequence of their own ("REG-2-R-000001"). */
export const REFERRAL_MARKER = 'R';

interface ReferralRow {
  id: number;
  number: string;
  person_id: number;
  provider_id: number;
  services: string;
  shared_fields: string;
  consent_id: number | null;
  sensitive_consent_at: string | null;
  urgency: ReferralView['urgency'];
  reason: string;
  follow_up_on: string | null;
  created_at: string;
  created_by_name: string;
  consent_found: number | null;
  consent_withdrawn_at: string | null;
}

const REFERRAL_SELECT = `SELECT r.id, r.number, r.person_id, r.provider_id, r.services, r.shared_fields, r.consent_id,
    r.sensitive_consent_at, r.urgency, r.reason, r.follow_up_on, r.created_at, a.user_name AS created_by_name,
    c.id AS consent_found, c.withdrawn_at AS consent_withdrawn_at
  FROM referrals r JOIN accounts a ON a.id = r.created_by
  LEFT JOIN consents c ON c.id = r.consent_id AND c.person_id = r.person_id AND c.purpose = 'referral'`;

/** What a new referral did besides itself: the consent it gave, for the audit log. */
export interface CreatedReferral {
  referral: ReferralView;
  consentGiven: boolean;
}

export class ReferralService {
  private readonly settings: SettingsService;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new SettingsService(db);
  }

  /** Whether this account may refer at this site: the one rule, with the site's setting. */
  mayRefer(actor: Actor): boolean {
    return mayRefer(actor.role, this.settings.get().clerksMayRefer);
  }

  assertMayRefer(actor: Actor): void {
    if (!this.mayRefer(actor)) throw new AppError(actor.role === 'clerk' ? 'referral_clerks_not_allowed' : 'forbidden');
  }

  /** The providers not retired that offer any of these services (all of them when none is given). */
  options(actor: Actor, services: readonly Service[]): ReferralOption[] {
    this.assertMayRefer(actor);
    return providerOptions(this.db).filter((option) => services.length === 0 || services.some((service) => option.services.includes(service)));
  }

  create(actor: Actor, input: ReferralInput, mode: ViewMode): CreatedReferral {
    this.assertMayRefer(actor);
    assertNotMerged(this.db, input.personId);
    if (!prepared<[number], number>(this.db, 'SELECT 1 FROM people WHERE id = ?').pluck(true).get(input.personId)) throw new AppError('not_found');
    const provider = providerOf(this.db, input.providerId);
    if (!provider) throw new AppError('not_found');
    if (provider.retired_at !== null) throw new AppError('provider_retired');
    const offered = JSON.parse(provider.services) as string[];
    for (const service of input.services) if (!offered.includes(service)) throw new AppError('referral_service_not_offered', { service });
    const shared = [...new Set(input.sharedFields)];
    this.assertMayShare(actor, mode, shared, input.sensitiveConsent);
    const at = this.now().toISOString();
    // The desk's own day, as the screen's date boxes and the record status use it.
    const day = localDay(this.now());
    return this.db.transaction(() => {
      const existing = this.activeConsentId(input.personId);
      const consentId =
        existing ??
        Number(
          prepared(this.db, "INSERT INTO consents (person_id, purpose, given_at, given_by) VALUES (?, 'referral', ?, ?)").run(input.personId, at, actor.id)
            .lastInsertRowid,
        );
      const number = nextRegistrationNumber(this.db, `${deskRegistrationPrefix(this.settings.sitePrefix(), thisDeskNumber(this.db))}-${REFERRAL_MARKER}`);
      const id = Number(
        prepared(
          this.db,
          `INSERT INTO referrals (number, person_id, provider_id, services, shared_fields, consent_id, sensitive_consent_at, urgency, reason, follow_up_on, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          number,
          input.personId,
          input.providerId,
          JSON.stringify(input.services),
          JSON.stringify(shared),
          consentId,
          input.sensitiveConsent && shared.some((key) => fieldSpec(key).tier === 2) ? at : null,
          input.urgency,
          input.reason,
          input.followUpOn ?? null,
          at,
          actor.id,
        ).lastInsertRowid,
      );
      this.appendEvent(id, 'sent', day, at, actor.id);
      return { referral: this.view(actor, id, mode), consentGiven: existing === undefined };
    })();
  }

  /**
   * Field by field: the referrer must read the field now (the restricted screen reads tier 0), and
   * a tier-2 field needs the explicit tick for this referral. Refused naming the field.
   */
  private assertMayShare(actor: Actor, mode: ViewMode, fields: readonly FieldKey[], sensitiveConsent: boolean): void {
    const tiers = readableTiers(actor.role, mode);
    for (const field of fields) {
      const tier = fieldSpec(field).tier;
      if (!tiers.includes(tier)) throw new AppError('referral_field_not_readable', { field });
      if (tier === 2 && !sensitiveConsent) throw new AppError('referral_sensitive_consent_required', { field });
    }
  }

  /** The referrals of a record (and of the records merged into it), newest first. */
  list(actor: Actor, requestedId: number, mode: ViewMode): ReferralView[] {
    this.assertMayRefer(actor);
    const id = keptRecordOf(this.db, requestedId);
    return prepared<[number], ReferralRow>(this.db, `${REFERRAL_SELECT} WHERE r.person_id = ? ORDER BY r.id DESC`)
      .all(id)
      .map((row) => this.toView(actor, row, mode));
  }

  view(actor: Actor, id: number, mode: ViewMode): ReferralView {
    return this.toView(actor, this.row(id), mode);
  }

  /** Appends a status with the day it happened; the latest event is the status. */
  setStatus(actor: Actor, id: number, status: ReferralStatus, happenedOn: string | undefined, mode: ViewMode): ReferralView {
    this.assertMayRefer(actor);
    this.row(id);
    const at = this.now().toISOString();
    const today = localDay(this.now());
    if (happenedOn !== undefined && happenedOn > today) throw new AppError('referral_status_in_future', { date: happenedOn });
    this.appendEvent(id, status, happenedOn ?? today, at, actor.id);
    return this.view(actor, id, mode);
  }

  /**
   * Open referrals whose follow-up date has passed, the longest overdue first, of people whose
   * record is active: no one follows up a person who has left (their referrals stay on the record).
   */
  overdue(actor: Actor): OverdueReferral[] {
    this.assertMayRefer(actor);
    const today = localDay(this.now());
    const rows = prepared<[string], { id: number; number: string; person_id: number; registration_number: string; follow_up_on: string } & ProviderNameColumns>(
      this.db,
      `SELECT r.id, r.number, r.person_id, p.registration_number, r.follow_up_on, v.name_en, v.name_ar, v.name_fr
       FROM referrals r JOIN people p ON p.id = r.person_id JOIN providers v ON v.id = r.provider_id
       WHERE r.follow_up_on IS NOT NULL AND r.follow_up_on < ? AND ${listFilterSql('active', 'p')} ORDER BY r.follow_up_on, r.id`,
    ).all(today);
    return rows.flatMap((row) => {
      const status = this.statusOf(row.id);
      if (!OPEN_REFERRAL_STATUSES.includes(status)) return [];
      return [{ id: row.id, number: row.number, personId: row.person_id, registrationNumber: row.registration_number, providerNames: namesOf(row), status, followUpOn: row.follow_up_on }];
    });
  }

  /** The stored referral for a slip: its shared field keys and whether its consent still holds. */
  stored(id: number): {
    personId: number;
    number: string;
    providerId: number;
    sharedFields: FieldKey[];
    consentWithdrawn: boolean;
    sensitiveConsent: boolean;
    createdAt: string;
    createdBy: string;
  } {
    const row = this.row(id);
    return {
      personId: row.person_id,
      number: row.number,
      providerId: row.provider_id,
      sharedFields: JSON.parse(row.shared_fields) as FieldKey[],
      consentWithdrawn: consentWithdrawn(row),
      sensitiveConsent: row.sensitive_consent_at !== null,
      createdAt: row.created_at,
      createdBy: row.created_by_name,
    };
  }

  personIdOf(id: number): number {
    return this.row(id).person_id;
  }

  private row(id: number): ReferralRow {
    const row = prepared<[number], ReferralRow>(this.db, `${REFERRAL_SELECT} WHERE r.id = ?`).get(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  private activeConsentId(personId: number): number | undefined {
    return prepared<[number], number>(
      this.db,
      "SELECT id FROM consents WHERE person_id = ? AND purpose = 'referral' AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1",
    )
      .pluck(true)
      .get(personId);
  }

  private appendEvent(referralId: number, status: ReferralStatus, happenedOn: string, at: string, by: number): void {
    prepared(this.db, 'INSERT INTO referral_events (referral_id, status, happened_on, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)').run(
      referralId,
      status,
      happenedOn,
      at,
      by,
    );
  }

  private events(referralId: number): ReferralView['events'] {
    return prepared<[number], { status: ReferralStatus; happened_on: string; recorded_at: string; recorded_by: string }>(
      this.db,
      `SELECT e.status, e.happened_on, e.recorded_at, a.user_name AS recorded_by
       FROM referral_events e JOIN accounts a ON a.id = e.recorded_by WHERE e.referral_id = ? ORDER BY e.recorded_at, e.gid`,
    )
      .all(referralId)
      .map((row) => ({ status: row.status, happenedOn: row.happened_on, recordedAt: row.recorded_at, recordedBy: row.recorded_by }));
  }

  private statusOf(referralId: number): ReferralStatus {
    return (
      prepared<[number], ReferralStatus>(this.db, 'SELECT status FROM referral_events WHERE referral_id = ? ORDER BY recorded_at DESC, gid DESC LIMIT 1')
        .pluck(true)
        .get(referralId) ?? 'sent'
    );
  }

  private toView(actor: Actor, row: ReferralRow, mode: ViewMode): ReferralView {
    const provider = providerOf(this.db, row.provider_id) as ProviderRow;
    const events = this.events(row.id);
    const status = events[events.length - 1]?.status ?? 'sent';
    const readsReason = readableTiers(actor.role, mode).includes(2);
    const services = JSON.parse(row.services) as Service[];
    return {
      id: row.id,
      number: row.number,
      personId: row.person_id,
      provider: { id: provider.id, names: namesOf(provider), languages: JSON.parse(provider.languages) as string[] },
      // A service such as HIV or legal help after an arrest says as much as the reason: tier 2.
      services: services.filter((service) => readsReason || !SENSITIVE_SERVICES.includes(service)),
      servicesRestricted: !readsReason && services.some((service) => SENSITIVE_SERVICES.includes(service)),
      sharedFields: JSON.parse(row.shared_fields) as FieldKey[],
      sensitiveConsent: row.sensitive_consent_at !== null,
      urgency: row.urgency,
      ...(readsReason && row.reason ? { reason: row.reason } : {}),
      followUpOn: row.follow_up_on,
      createdAt: row.created_at,
      createdBy: row.created_by_name,
      status,
      open: OPEN_REFERRAL_STATUSES.includes(status),
      consentWithdrawn: consentWithdrawn(row),
      events,
    };
  }
}

/** No consent recorded (a row from an older desk) counts as withdrawn: nothing is shared without one. */
/**
 * A referral stands only on its own person's "referral" consent: none, another person's or another
 * purpose's (a row from a desk misused) counts as withdrawn, as a withdrawn one does.
 */
function consentWithdrawn(row: ReferralRow): boolean {
  return row.consent_found === null || row.consent_withdrawn_at !== null;
}
