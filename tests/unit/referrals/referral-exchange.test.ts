/**
 * Referrals travel between the desks of a site (issue 16, on the exchange of issue 13): a referral
 * made at one desk, with its status and its numbers from that desk's prefix, is on the record at
 * the other; a received row sharing something that is not a catalogue field is not taken.
 */
import { describe, expect, it } from 'vitest';
import { countOpenConflicts, listConflicts, resolveConflict } from '../../../src/main/exchange/conflicts';
import { takesReferralRow, takesReferralValue } from '../../../src/main/exchange/referral-rows';
import { AppError } from '../../../src/shared/errors';
import { peopleFixture } from '../people/people-db';
import { CLERK, SUPERVISOR } from '../helpers/vault';
import { call, exchange, register, signedIn, twoDesks } from '../exchange/two-desks';

describe('referrals between desks', () => {
  it('brings the other desk a referral, its status and the site setting that lets clerks refer', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const setup = await signedIn(oneDir, SUPERVISOR);
    await call(setup, 'settings.update', { clerksMayRefer: true });
    setup.vault.db
      .prepare(
        `INSERT INTO providers (name_en, organisation_type, services, languages, created_at) VALUES ('Cedar Clinic', 'ngo', '["health"]', '["en"]', ?)`,
      )
      .run(new Date().toISOString());
    setup.close();
    const rania = await register(oneDir, 'Rania Haddad');
    const atOne = await signedIn(oneDir, CLERK);
    const [provider] = await call(atOne, 'referrals.options', { services: ['health'] });
    const referral = await call(atOne, 'referrals.create', {
      personId: rania.id,
      providerId: provider?.id ?? 0,
      services: ['health'],
      sharedFields: ['chosenName'],
      referralConsent: true,
      sensitiveConsent: false,
      urgency: 'soon',
      reason: '',
    });
    expect(referral.number).toBe('ATH-R-000001');
    await call(atOne, 'referrals.setStatus', { id: referral.id, status: 'accepted', happenedOn: '2026-11-30' });
    atOne.close();

    expect(await exchange(oneDir, folder)).toMatchObject({ refused: 0 });
    expect(await exchange(twoDir, folder)).toMatchObject({ refused: 0, waiting: 0 });
    const atTwo = await signedIn(twoDir, CLERK);
    const [found] = await call(atTwo, 'people.search', { query: 'Rania' });
    const listed = await call(atTwo, 'referrals.list', { personId: found?.id ?? 0 });
    expect(listed.mayRefer).toBe(true);
    expect(listed.referrals.map((r) => [r.number, r.status, r.sharedFields, r.consentWithdrawn])).toEqual([['ATH-R-000001', 'accepted', ['chosenName'], false]]);
    // Desk 2 numbers its own referrals with its own prefix: none can equal desk 1's.
    const second = await call(atTwo, 'referrals.create', {
      personId: found?.id ?? 0,
      providerId: listed.referrals[0]?.provider.id ?? 0,
      services: ['health'],
      sharedFields: [],
      referralConsent: true,
      sensitiveConsent: false,
      urgency: 'routine',
      reason: '',
    });
    expect(second.number).toBe('ATH-2-R-000001');
    atTwo.close();
  });

  it('takes only catalogue keys as shared fields and known codes', () => {
    const row = { services: '["health"]', shared_fields: '["chosenName","phone"]', urgency: 'soon', created_at: '2026-11-30T09:00:00.000Z' };
    expect(takesReferralRow('referral', row)).toBe(true);
    expect(takesReferralRow('referral', { ...row, shared_fields: '["chosenName","Samira"]' })).toBe(false);
    expect(takesReferralRow('referral', { ...row, shared_fields: '[{"phone":"+962"}]' })).toBe(false);
    expect(takesReferralRow('referral', { ...row, services: '["spa"]' })).toBe(false);
    expect(takesReferralRow('referral', { ...row, urgency: 'whenever' })).toBe(false);
    expect(takesReferralValue('referral', 'shared_fields', '["notes"]')).toBe(true);
    expect(takesReferralValue('referral', 'shared_fields', 'notes')).toBe(false);
    expect(takesReferralValue('referral_event', 'status', 'closed')).toBe(true);
    expect(takesReferralValue('referral_event', 'status', 'lost')).toBe(false);
    expect(takesReferralValue('referral', 'reason', 'any words')).toBe(true);
  });

  it('lists a referral’s conflict to protection officers, never to a supervisor, and keeps the value the rule kept', () => {
    const fx = peopleFixture();
    try {
      fx.db
        .prepare("INSERT INTO exchange_conflicts (entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at) VALUES ('referral', 'ab', 'reason', 1, 1, 2, 1, ?)")
        .run(new Date().toISOString());
      expect(listConflicts(fx.db, 'protection', 'normal', { open: true }).map((c) => [c.entity, c.field, c.hidden])).toEqual([['referral', 'reason', false]]);
      // The reason is the person's words (tier 2): not on the restricted screen.
      expect(listConflicts(fx.db, 'protection', 'restricted', { open: true })[0]?.hidden).toBe(true);
      expect(listConflicts(fx.db, 'supervisor', 'normal', { open: true })).toEqual([]);
      expect(countOpenConflicts(fx.db, 'supervisor')).toBe(0);
      expect(countOpenConflicts(fx.db, 'protection')).toBe(1);
      const [conflict] = listConflicts(fx.db, 'protection', 'normal', { open: true });
      const other = (() => {
        try {
          resolveConflict(fx.db, fx.protection, 'normal', conflict?.id ?? 0, 'other', new Date());
        } catch (error) {
          return error instanceof AppError ? error.code : 'other error';
        }
        return 'settled';
      })();
      expect(other).toBe('conflict_keep_only');
      expect(resolveConflict(fx.db, fx.protection, 'normal', conflict?.id ?? 0, 'kept', new Date())).toMatchObject({ entity: 'referral', field: 'reason' });
    } finally {
      fx.close();
    }
  });
});
