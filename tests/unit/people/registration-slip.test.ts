import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import type { IntakeCore } from '../../../src/main/app/intake-core';
import type { AuditEntry } from '../../../src/shared/audit';
import { FIELDS } from '../../../src/shared/catalogue';
import type { RpcResult } from '../../../src/shared/errors';
import type { Language } from '../../../src/shared/languages';
import { slipLanguage } from '../../../src/shared/slip';
import type { StatsFileOutput } from '../../../src/shared/stats';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, errorCodeOf, PROTECTION, setUpVault, SUPERVISOR } from '../helpers/vault';

function valueOf<T>(result: RpcResult<unknown>): T {
  if (!result.ok) throw new Error(`the call failed: ${result.error.code}`);
  return result.value as T;
}

/** What the slip shows: the page without its stylesheet (the embedded fonts' base64 holds every pair of letters). */
function shown(file: StatsFileOutput): string {
  return Buffer.from(file.dataBase64, 'base64').toString('utf8').replace(/<style>[\s\S]*?<\/style>/, '');
}

const NAME = 'Dilan Haddad';
// Values nobody would write by chance, so finding them anywhere on the slip is a leak.
const TIER_ONE_AND_TWO = {
  nationalities: ['SY'],
  address: 'Flat 7 Quincewood Terrace',
  genderIdentity: { kind: 'self-described', text: 'Zephyrine identity' },
  livelihood: { kind: 'self-described', text: 'Quillwork trade' },
  notes: 'Marigold note',
} as const;

async function deskWithPerson(role: 'clerk' | 'protection', preferredLanguage?: string, pdf?: string[]) {
  const { core } = await setUpVault(tempDataDir(`slip-${role}`), {
    renderPdf: async (html) => {
      pdf?.push(html);
      return new TextEncoder().encode('%PDF-1.4\n/Creator (HeadlessChrome/156)\n/CreationDate (D:20261201031500)\n%%EOF');
    },
  });
  core.vault.settings.update({ siteName: 'Amman East', sitePrefix: 'AME' });
  const credentials = role === 'clerk' ? CLERK : PROTECTION;
  await addAccount(core, credentials, role, 'en');
  core.signOut();
  await core.signIn(credentials.userName, credentials.password);
  const ui = new Dispatcher(core, 'ui', () => undefined);
  const person = valueOf<{ id: number; registrationNumber: string }>(
    await ui.dispatch('people.register', {
      fields: { chosenName: NAME, ...(preferredLanguage ? { preferredLanguage } : {}), ...TIER_ONE_AND_TWO },
      consents: ['register', 'sogiesc'],
    }),
  );
  return { core, ui, person };
}

function entriesOf(core: IntakeCore): AuditEntry[] {
  return core.vault.audit.list({ limit: 1000 }).reverse();
}

describe('the registration slip', () => {
  it('the chosen name is tier 0, and the other fields here are not', () => {
    expect(FIELDS.chosenName.tier).toBe(0);
    expect(FIELDS.preferredLanguage.tier).toBe(0);
    for (const key of Object.keys(TIER_ONE_AND_TWO) as (keyof typeof TIER_ONE_AND_TWO)[]) expect(FIELDS[key].tier).toBeGreaterThan(0);
  });

  it('holds the site, the number, its QR code and the name, and no tier-1 or tier-2 value, even for a protection officer', async () => {
    const { core, ui, person } = await deskWithPerson('protection');
    const file = valueOf<StatsFileOutput>(await ui.dispatch('people.slip', { id: person.id, format: 'html' }));
    const html = shown(file);
    expect(file.mimeType).toMatch(/^text\/html/);
    expect(file.fileName).toBe(`slip_${person.registrationNumber}.html`);
    expect(file.fileName).not.toContain('Dilan');
    expect(html).toContain(person.registrationNumber);
    expect(person.registrationNumber.startsWith('AME')).toBe(true);
    expect(html).toContain('Amman East');
    expect(html).toContain(NAME);
    expect(html).toMatch(/<svg role="img" aria-label="QR code of the registration number"[^>]*viewBox/);
    expect(html).toContain('Next time, please bring');
    for (const value of ['SY', 'Syria', 'Quincewood', 'Zephyrine', 'Quillwork', 'Marigold']) expect(html).not.toContain(value);
    core.close();
  });

  it.each<[string | undefined, Language, string, RegExp]>([
    ['ar', 'ar', 'قسيمة التسجيل', /<html lang="ar" dir="rtl">/],
    // Egyptian Arabic, as the language picker stores it: read in Arabic too.
    ['arz', 'ar', 'قسيمة التسجيل', /<html lang="ar" dir="rtl">/],
    ['fr', 'fr', 'Fiche d’enregistrement', /<html lang="fr" dir="ltr">/],
    ['ku', 'en', 'Registration slip', /<html lang="en" dir="ltr">/],
    [undefined, 'en', 'Registration slip', /<html lang="en" dir="ltr">/],
  ])('preferred language %s: the slip is in %s', async (preferred, language, title, root) => {
    expect(slipLanguage(preferred, 'en')).toBe(language);
    // A regional variety recorded before the pickers (the form now offers listed codes only) reads in its language.
    expect(slipLanguage('fr-CA', 'en')).toBe('fr');
    const { core, ui, person } = await deskWithPerson('clerk', preferred);
    const html = shown(valueOf<StatsFileOutput>(await ui.dispatch('people.slip', { id: person.id, format: 'html' })));
    expect(html).toMatch(root);
    expect(html).toContain(`<h1>${title}</h1>`);
    core.close();
  });

  it('as PDF: the same page through the PDF renderer, its metadata neutralised', async () => {
    const pages: string[] = [];
    const { core, ui, person } = await deskWithPerson('clerk', 'ar', pages);
    const file = valueOf<StatsFileOutput>(await ui.dispatch('people.slip', { id: person.id, format: 'pdf' }));
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toBe(`slip_${person.registrationNumber}.pdf`);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('dir="rtl"');
    const pdf = Buffer.from(file.dataBase64, 'base64').toString('latin1');
    expect(pdf).not.toContain('HeadlessChrome');
    expect(pdf).toContain('(D:20261201)');
    core.close();
  });

  it('is audited with the record and the format, never the name', async () => {
    const { core, ui, person } = await deskWithPerson('clerk');
    valueOf(await ui.dispatch('people.slip', { id: person.id, format: 'html' }));
    valueOf(await ui.dispatch('people.slip', { id: person.id, format: 'pdf' }));
    const slips = entriesOf(core).filter((entry) => entry.action === 'slip-print');
    // The entry names the record by its number, which the core reads from the id the call gave.
    expect(slips.map((entry) => [entry.registrationNumber, entry.details])).toEqual([
      [person.registrationNumber, { format: 'html' }],
      [person.registrationNumber, { format: 'pdf' }],
    ]);
    expect(JSON.stringify(slips)).not.toContain('Dilan');
    core.close();
  });

  it('is refused to a role that may not register (a supervisor), and nothing is logged', async () => {
    const { core, person } = await deskWithPerson('clerk');
    core.signOut();
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    expect(errorCodeOf(await ui.dispatch('people.slip', { id: person.id, format: 'pdf' }))).toBe('forbidden');
    expect(entriesOf(core).filter((entry) => entry.action === 'slip-print')).toEqual([]);
    core.close();
  });
});
