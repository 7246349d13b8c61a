import { describe, expect, it } from 'vitest';
import { takesReferralRow } from '../../../src/main/exchange/referral-rows';
import { localDay } from '../../../src/shared/record-status';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { verifyVault } from '../../../src/main/db/verify';
import type { RpcResult } from '../../../src/shared/errors';
import type { ReferralView } from '../../../src/shared/referral-schemas';
import type { StatsFileOutput } from '../../../src/shared/stats';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, PROTECTION, setUpVault } from '../helpers/vault';

function valueOf<T>(result: RpcResult<unknown>): T {
  if (!result.ok) throw new Error(`the call failed: ${result.error.code}`);
  return result.value as T;
}

function shown(file: StatsFileOutput): string {
  return Buffer.from(file.dataBase64, 'base64').toString('utf8').replace(/<style>[\s\S]*?<\/style>/, '');
}

const NAME = 'Dilan Haddad';
const PHONE = '+962 79 123 4567';
// Values nobody would write by chance: on the provider's slip only if chosen.
const OTHERS = { address: 'Flat 7 Quincewood Terrace', notes: 'Marigold note', countryOfOrigin: 'SY' } as const;

async function desk() {
  const pdfs: string[] = [];
  const { core } = await setUpVault(tempDataDir('referral-calls'), {
    renderPdf: async (html) => {
      pdfs.push(html);
      return new TextEncoder().encode('%PDF-1.4\n%%EOF');
    },
  });
  core.vault.settings.update({ siteName: 'Amman East', sitePrefix: 'AME' });
  // Through the calls, so each account has the entry `intake verify` looks for.
  const asSupervisor = new Dispatcher(core, 'ui', () => undefined);
  valueOf(await asSupervisor.dispatch('accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' }));
  valueOf(await asSupervisor.dispatch('accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' }));
  core.signOut();
  await core.signIn(PROTECTION.userName, PROTECTION.password);
  const ui = new Dispatcher(core, 'ui', () => undefined);
  const person = valueOf<{ id: number; registrationNumber: string }>(
    await ui.dispatch('people.register', { fields: { chosenName: NAME, phone: PHONE, preferredLanguage: 'ar', ...OTHERS }, consents: ['register'] }),
  );
  const providerId = Number(
    core.vault.db
      .prepare(
        `INSERT INTO providers (name_en, name_ar, name_fr, organisation_type, services, safe_for, languages, address, hours, contact, created_at)
         VALUES ('Safe Clinic', 'العيادة الآمنة', 'Clinique sûre', 'ngo', '["health"]', '["trans"]', '["fr","en"]', '12 Cedar Road', 'Mon-Fri 9-17', '+962 6 555 0100', ?)`,
      )
      .run(new Date().toISOString()).lastInsertRowid,
  );
  return { core, ui, person, providerId, pdfs };
}

describe('referral calls', () => {
  it('print the chosen fields only on the provider’s slip, in its language, and nothing of the person on theirs; every step audited', async () => {
    const { core, ui, person, providerId, pdfs } = await desk();
    const referral = valueOf<ReferralView>(
      await ui.dispatch('referrals.create', {
        personId: person.id,
        providerId,
        services: ['health'],
        sharedFields: ['chosenName', 'phone'],
        referralConsent: true,
        sensitiveConsent: false,
        urgency: 'soon',
        reason: 'Zanzibarine words',
        followUpOn: '2026-12-01',
      }),
    );
    expect(referral.number).toBe('AME-R-000001');

    const provider = shown(valueOf<StatsFileOutput>(await ui.dispatch('referrals.slip', { id: referral.id, kind: 'provider', format: 'html' })));
    expect(provider).toContain('lang="fr"');
    expect(provider).toContain(NAME);
    expect(provider).toContain(PHONE);
    expect(provider).toContain('AME-R-000001');
    expect(provider).toContain('Amman East');
    expect(provider).toContain(PROTECTION.userName);
    expect(provider).toContain('Clinique sûre');
    for (const value of ['Quincewood', 'Marigold', 'Syrie', 'Zanzibarine', person.registrationNumber]) expect(provider).not.toContain(value);

    const english = shown(valueOf<StatsFileOutput>(await ui.dispatch('referrals.slip', { id: referral.id, kind: 'provider', format: 'html', language: 'en' })));
    expect(english).toContain('lang="en"');

    const personSlip = shown(valueOf<StatsFileOutput>(await ui.dispatch('referrals.slip', { id: referral.id, kind: 'person', format: 'pdf' })));
    expect(personSlip).toContain('%PDF');
    const personHtml = (pdfs[0] ?? '').replace(/<style>[\s\S]*?<\/style>/, '');
    expect(personHtml).toContain('lang="ar"');
    expect(personHtml).toContain('العيادة الآمنة');
    expect(personHtml).toContain('12 Cedar Road');
    expect(personHtml).toContain('Mon-Fri 9-17');
    expect(personHtml).toContain('AME-R-000001');
    for (const value of [NAME, PHONE, 'Quincewood', 'Marigold', 'Zanzibarine']) expect(personHtml).not.toContain(value);

    valueOf(await ui.dispatch('referrals.setStatus', { id: referral.id, status: 'closed', happenedOn: localDay(new Date()) }));
    const entries = core.vault.audit.list({ limit: 100 }).reverse();
    const ours = entries.filter((entry) => entry.action.startsWith('referral-') || (entry.action === 'consent-change' && entry.details.purpose === 'referral'));
    expect(ours.map((entry) => [entry.action, entry.details.kind ?? entry.details.status ?? ''])).toEqual([
      ['consent-change', ''],
      ['referral-create', ''],
      ['referral-slip', 'provider'],
      ['referral-slip', 'provider'],
      ['referral-slip', 'person'],
      ['referral-status', 'closed'],
    ]);
    for (const entry of ours) {
      expect(entry.registrationNumber).toBe(person.registrationNumber);
      const text = JSON.stringify(entry);
      for (const value of [NAME, PHONE, 'Zanzibarine']) expect(text).not.toContain(value);
    }
    expect(ours[1]?.details).toMatchObject({ referral: 'AME-R-000001', sharedFields: ['chosenName', 'phone'], services: ['health'], urgency: 'soon' });
    // The consent given by the referral form is covered as every consent is.
    expect(verifyVault(core.vault.db, core.vault.derivedKey('auditHead')).coverage).toMatchObject({ complete: true, consents: 2 });
    core.close();
  });

  it('refuses the provider’s slip once the referral consent is withdrawn, and the record’s list says so', async () => {
    const { core, ui, person, providerId } = await desk();
    const referral = valueOf<ReferralView>(
      await ui.dispatch('referrals.create', {
        personId: person.id,
        providerId,
        services: ['health'],
        sharedFields: ['chosenName'],
        referralConsent: true,
        sensitiveConsent: false,
        urgency: 'routine',
        reason: '',
      }),
    );
    valueOf(await ui.dispatch('people.setConsent', { id: person.id, purpose: 'referral', given: false }));
    const refused = await ui.dispatch('referrals.slip', { id: referral.id, kind: 'provider', format: 'html' });
    expect(refused.ok ? '' : refused.error.code).toBe('referral_consent_withdrawn');
    const listed = valueOf<{ mayRefer: boolean; referrals: ReferralView[] }>(await ui.dispatch('referrals.list', { personId: person.id }));
    expect(listed.referrals[0]?.consentWithdrawn).toBe(true);
    // The person's slip says nothing of them: it can still be printed.
    expect((await ui.dispatch('referrals.slip', { id: referral.id, kind: 'person', format: 'html' })).ok).toBe(true);
    core.close();
  });

  it('tells a clerk’s screen there is nothing to refer with where the site does not allow it', async () => {
    const { core, person } = await desk();
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    expect(valueOf(await ui.dispatch('referrals.list', { personId: person.id }))).toEqual({ mayRefer: false, referrals: [] });
    const refused = await ui.dispatch('referrals.overdue', {});
    expect(refused.ok ? '' : refused.error.code).toBe('referral_clerks_not_allowed');
    core.close();
  });

  it('refuses a slip for a referral received from another desk that shares a tier-2 field without the person’s consent, or stands on another consent', async () => {
    const { core, ui, person, providerId } = await desk();
    const made = valueOf<ReferralView>(
      await ui.dispatch('referrals.create', {
        personId: person.id,
        providerId,
        services: ['health'],
        sharedFields: ['chosenName'],
        referralConsent: true,
        sensitiveConsent: false,
        urgency: 'soon',
        reason: '',
      }),
    );
    const db = core.vault.db;
    const copy = (changes: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO referrals (number, person_id, provider_id, services, shared_fields, consent_id, sensitive_consent_at, urgency, reason, created_at, created_by)
             SELECT number || ?, person_id, provider_id, services, shared_fields, consent_id, NULL, urgency, reason, created_at, created_by FROM referrals WHERE id = ?`,
          )
          .run(changes, made.id).lastInsertRowid,
      );
    // As a misused desk would send it: the notes (tier 2) shared, no consent for them.
    const sensitive = copy('-a');
    db.prepare(`UPDATE referrals SET shared_fields = '["chosenName","notes"]' WHERE id = ?`).run(sensitive);
    const refused = await ui.dispatch('referrals.slip', { id: sensitive, kind: 'provider', format: 'html' });
    expect(refused.ok ? '' : refused.error).toMatchObject({ code: 'referral_sensitive_consent_required', params: { field: 'notes' } });
    // Standing on the person's registration consent instead of a referral consent: as if withdrawn.
    const otherConsent = copy('-b');
    db.prepare(`UPDATE referrals SET consent_id = (SELECT id FROM consents WHERE person_id = ? AND purpose = 'register') WHERE id = ?`).run(person.id, otherConsent);
    const standing = await ui.dispatch('referrals.slip', { id: otherConsent, kind: 'provider', format: 'html' });
    expect(standing.ok ? '' : standing.error.code).toBe('referral_consent_withdrawn');
    // The exchange does not take such a row in the first place.
    const row = { services: '["health"]', shared_fields: '["notes"]', urgency: 'soon', created_at: new Date().toISOString(), sensitive_consent_at: null, reason: '' };
    expect(takesReferralRow('referral', row)).toBe(false);
    expect(takesReferralRow('referral', { ...row, sensitive_consent_at: new Date().toISOString() })).toBe(true);
    expect(takesReferralRow('referral', { ...row, shared_fields: '["chosenName"]', services: '[]' })).toBe(false);
    expect(takesReferralRow('referral', { ...row, shared_fields: '["chosenName"]', follow_up_on: 'tomorrow' })).toBe(false);
    core.close();
  });

  it('name a sensitive service only to a reader of tier 2: not on the restricted screen, and never in the audit log beside the person', async () => {
    const { core, ui, person, providerId } = await desk();
    core.vault.db.prepare(`UPDATE providers SET services = '["health","hiv"]' WHERE id = ?`).run(providerId);
    const made = valueOf<ReferralView>(
      await ui.dispatch('referrals.create', {
        personId: person.id,
        providerId,
        services: ['health', 'hiv'],
        sharedFields: [],
        referralConsent: true,
        sensitiveConsent: false,
        urgency: 'routine',
        reason: '',
      }),
    );
    expect(made.services).toEqual(['health', 'hiv']);
    valueOf(await ui.dispatch('session.setViewMode', { mode: 'restricted' }));
    const listed = valueOf<{ referrals: ReferralView[] }>(await ui.dispatch('referrals.list', { personId: person.id }));
    expect(listed.referrals[0]).toMatchObject({ services: ['health'], servicesRestricted: true });
    const entry = core.vault.audit.list({ limit: 100 }).find((candidate) => candidate.action === 'referral-create');
    expect(entry?.details).toMatchObject({ services: ['health'], sensitiveServices: 1 });
    expect(JSON.stringify(entry?.details)).not.toContain('hiv');
    core.close();
  });
});

