import { afterEach, describe, expect, it } from 'vitest';
import { ReferralService } from '../../../src/main/referrals/referral-service';
import { SettingsService } from '../../../src/main/services/settings';
import { AppError } from '../../../src/shared/errors';
import type { ReferralInput } from '../../../src/shared/referral-schemas';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = '2026-11-25T10:00:00.000Z';
const opened: PeopleFixture[] = [];
afterEach(() => {
  for (const fixture of opened.splice(0)) fixture.close();
});

/** A provider row as the directory stores it (its service is the other helper's; SQL keeps this test on its own). */
function addProvider(fx: PeopleFixture, options: { services?: string[]; retired?: boolean } = {}): number {
  return Number(
    fx.db
      .prepare(
        `INSERT INTO providers (name_en, name_ar, name_fr, organisation_type, services, safe_for, languages, address, hours, contact, created_at, retired_at)
         VALUES ('Safe Clinic', 'العيادة الآمنة', 'Clinique sûre', 'lgbtiq-led', ?, '["lgbtiq","trans"]', '["ar","en"]', '12 Cedar Road', 'Mon-Fri 9-17', '+962 6 555 0100', ?, ?)`,
      )
      .run(JSON.stringify(options.services ?? ['health', 'legal-aid']), TODAY, options.retired ? TODAY : null).lastInsertRowid,
  );
}

function setUp() {
  const fx = peopleFixture(TODAY);
  opened.push(fx);
  const referrals = new ReferralService(fx.db, () => new Date(TODAY));
  const personId = fx.people.register(fx.protection, {
    fields: { chosenName: 'Rana', phone: '+962 79 000 0000', notes: 'Lanternfish note' },
    consents: ['register'],
  }).id;
  const providerId = addProvider(fx);
  const input = (change: Partial<ReferralInput> = {}): ReferralInput => ({
    personId,
    providerId,
    services: ['health'],
    sharedFields: [],
    referralConsent: true,
    sensitiveConsent: false,
    urgency: 'routine',
    reason: 'Needs a doctor who understands',
    followUpOn: '2026-12-01',
    ...change,
  });
  return { fx, referrals, personId, providerId, input };
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('referrals', () => {
  it('share nothing unless fields are chosen: main adds none, and the referral stands on a "referral" consent it records', () => {
    const { fx, referrals, personId, input } = setUp();
    const { referral, consentGiven } = referrals.create(fx.protection, input(), 'normal');
    expect(referral.sharedFields).toEqual([]);
    expect(referral.status).toBe('sent');
    expect(referral.open).toBe(true);
    expect(referral.consentWithdrawn).toBe(false);
    expect(referral.number).toMatch(/^REG-R-000001$/);
    expect(consentGiven).toBe(true);
    const consents = fx.people.view(fx.protection, personId).consents.filter((consent) => consent.purpose === 'referral');
    expect(consents).toHaveLength(1);
    // A second referral stands on the same consent, and gets the next number (none is reused).
    const second = referrals.create(fx.protection, input({ sharedFields: ['chosenName', 'phone'] }), 'normal');
    expect(second.consentGiven).toBe(false);
    expect(second.referral.number).toBe('REG-R-000002');
    expect(second.referral.sharedFields).toEqual(['chosenName', 'phone']);
  });

  it('shares a tier-2 field only with the explicit per-referral consent, refusing it by name otherwise', () => {
    const { fx, referrals, input } = setUp();
    const refused = errorOf(() => referrals.create(fx.protection, input({ sharedFields: ['chosenName', 'notes'] }), 'normal'));
    expect(refused.code).toBe('referral_sensitive_consent_required');
    expect(refused.params).toEqual({ field: 'notes' });
    const { referral } = referrals.create(fx.protection, input({ sharedFields: ['chosenName', 'notes'], sensitiveConsent: true }), 'normal');
    expect(referral.sensitiveConsent).toBe(true);
    expect(referral.sharedFields).toEqual(['chosenName', 'notes']);
  });

  it('lets nobody share a field they may not read: a clerk and tier 2, anyone on the restricted screen and tier 1', () => {
    const { fx, referrals, input } = setUp();
    new SettingsService(fx.db).update({ clerksMayRefer: true });
    const clerk = errorOf(() => referrals.create(fx.clerk, input({ sharedFields: ['notes'], sensitiveConsent: true }), 'normal'));
    expect(clerk.code).toBe('referral_field_not_readable');
    expect(clerk.params).toEqual({ field: 'notes' });
    const restricted = errorOf(() => referrals.create(fx.protection, input({ sharedFields: ['phone'] }), 'restricted'));
    expect(restricted.code).toBe('referral_field_not_readable');
    expect(restricted.params).toEqual({ field: 'phone' });
    expect(referrals.create(fx.clerk, input({ sharedFields: ['chosenName', 'phone'] }), 'normal').referral.sharedFields).toEqual(['chosenName', 'phone']);
  });

  it('is for protection officers, and for clerks only where the site allows it; never supervisors', () => {
    const { fx, referrals, personId, input } = setUp();
    expect(errorOf(() => referrals.create(fx.supervisor, input(), 'normal')).code).toBe('forbidden');
    expect(errorOf(() => referrals.create(fx.clerk, input(), 'normal')).code).toBe('referral_clerks_not_allowed');
    expect(errorOf(() => referrals.list(fx.clerk, personId, 'normal')).code).toBe('referral_clerks_not_allowed');
    expect(errorOf(() => referrals.overdue(fx.supervisor)).code).toBe('forbidden');
    new SettingsService(fx.db).update({ clerksMayRefer: true });
    expect(referrals.create(fx.clerk, input(), 'normal').referral.createdBy).toBe('clerk.one');
  });

  it('refuses a retired provider and a service the provider does not offer', () => {
    const { fx, referrals, input } = setUp();
    const retired = addProvider(fx, { retired: true });
    expect(errorOf(() => referrals.create(fx.protection, input({ providerId: retired }), 'normal')).code).toBe('provider_retired');
    const notOffered = errorOf(() => referrals.create(fx.protection, input({ services: ['shelter-safe-housing'] }), 'normal'));
    expect(notOffered.code).toBe('referral_service_not_offered');
    expect(notOffered.params).toEqual({ service: 'shelter-safe-housing' });
    // The form offers only providers not retired that offer a chosen service.
    expect(referrals.options(fx.protection, ['legal-aid']).map((option) => option.names.en)).toEqual(['Safe Clinic']);
    expect(referrals.options(fx.protection, ['cash'])).toEqual([]);
  });

  it('appends status changes with their dates; a closed referral leaves the overdue list', () => {
    const { fx, referrals, input } = setUp();
    const later = new ReferralService(fx.db, () => new Date('2026-12-05T09:00:00.000Z'));
    const { referral } = referrals.create(fx.protection, input({ followUpOn: '2026-12-01' }), 'normal');
    referrals.create(fx.protection, input({ followUpOn: '2026-12-20' }), 'normal');
    expect(later.overdue(fx.protection).map((row) => row.number)).toEqual([referral.number]);
    const accepted = later.setStatus(fx.protection, referral.id, 'accepted', '2026-12-02', 'normal');
    expect(accepted.status).toBe('accepted');
    expect(accepted.events.map((event) => [event.status, event.happenedOn])).toEqual([
      ['sent', '2026-11-25'],
      ['accepted', '2026-12-02'],
    ]);
    expect(later.overdue(fx.protection)).toHaveLength(1);
    const closed = later.setStatus(fx.protection, referral.id, 'closed', undefined, 'normal');
    expect(closed.status).toBe('closed');
    expect(closed.open).toBe(false);
    expect(closed.events[2]?.happenedOn).toBe('2026-12-05');
    const future = errorOf(() => later.setStatus(fx.protection, referral.id, 'seen', '2026-12-06', 'normal'));
    expect([future.code, future.params]).toEqual(['referral_status_in_future', { date: '2026-12-06' }]);
    expect(later.overdue(fx.protection)).toEqual([]);
  });

  it('leaves a person who has departed, or whose record is closed, out of the overdue list; back when active again', () => {
    const { fx, personId, input } = setUp();
    const later = new ReferralService(fx.db, () => new Date('2026-12-05T09:00:00.000Z'));
    const { referral } = later.create(fx.protection, input({ followUpOn: '2026-12-01' }), 'normal');
    expect(later.overdue(fx.protection).map((row) => row.number)).toEqual([referral.number]);
    fx.people.setStatus(fx.protection, personId, { status: 'departed', effectiveOn: '2026-11-25' });
    expect(later.overdue(fx.protection)).toEqual([]);
    fx.people.setStatus(fx.protection, personId, { status: 'active', effectiveOn: '2026-11-25' });
    expect(later.overdue(fx.protection).map((row) => row.number)).toEqual([referral.number]);
  });

  it('marks every referral standing on a withdrawn "referral" consent', () => {
    const { fx, referrals, personId, input } = setUp();
    referrals.create(fx.protection, input({ sharedFields: ['chosenName'] }), 'normal');
    fx.people.setConsent(fx.protection, personId, 'referral', false);
    const [referral] = referrals.list(fx.protection, personId, 'normal');
    expect(referral?.consentWithdrawn).toBe(true);
    expect(referrals.stored(referral?.id ?? 0).consentWithdrawn).toBe(true);
    // A new referral needs the consent given again, and stands on that one.
    const again = referrals.create(fx.protection, input(), 'normal');
    expect(again.consentGiven).toBe(true);
    expect(again.referral.consentWithdrawn).toBe(false);
  });

  it('shows the reason (the person’s words, tier 2) only to a reader of tier 2', () => {
    const { fx, referrals, personId, input } = setUp();
    new SettingsService(fx.db).update({ clerksMayRefer: true });
    referrals.create(fx.protection, input(), 'normal');
    expect(referrals.list(fx.protection, personId, 'normal')[0]?.reason).toBe('Needs a doctor who understands');
    expect(referrals.list(fx.clerk, personId, 'normal')[0]?.reason).toBeUndefined();
    expect(referrals.list(fx.protection, personId, 'restricted')[0]?.reason).toBeUndefined();
  });

  it('follow the person into a merge of records, and back when it is undone', () => {
    const { fx, referrals, personId, input } = setUp();
    const kept = fx.people.register(fx.protection, { fields: { chosenName: 'Rana H.' }, consents: ['register'] }).id;
    referrals.create(fx.protection, input({ sharedFields: ['chosenName'] }), 'normal');
    const merge = fx.people.merges.merge(fx.protection.id, kept, personId);
    expect(merge.moved.referrals).toBe(1);
    // By either number: the record kept shows the referral, still standing on its (moved) consent.
    expect(referrals.list(fx.protection, kept, 'normal').map((r) => [r.number, r.consentWithdrawn])).toEqual([['REG-R-000001', false]]);
    expect(referrals.list(fx.protection, personId, 'normal')).toHaveLength(1);
    expect(errorOf(() => referrals.create(fx.protection, input(), 'normal')).code).toBe('person_merged');
    const undone = fx.people.merges.undo(fx.protection.id, merge.mergeId);
    expect(undone.moved.referrals).toBe(1);
    expect(referrals.list(fx.protection, kept, 'normal')).toEqual([]);
    expect(referrals.list(fx.protection, personId, 'normal')).toHaveLength(1);
  });
});
