/**
 * The directory's rights through the real dispatch, over a real vault: supervisors and protection
 * officers keep it, a clerk reads it without the focal point and the note, and may neither add nor
 * import; every change is audited without any value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCore } from '../../../src/main/app/intake-core';
import type { Provider } from '../../../src/shared/providers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { addAccount, CLERK, dispatcherFor, errorCodeOf, PROTECTION, setUpVault, SUPERVISOR, type Credentials } from '../helpers/vault';

let dataDir: string;
let core: IntakeCore;

beforeAll(async () => {
  dataDir = makeTempDir('providers');
  ({ core } = await setUpVault(dataDir));
  await addAccount(core, CLERK, 'clerk');
  await addAccount(core, PROTECTION, 'protection');
  core.signOut();
}, 60_000);

afterAll(() => {
  core.close();
  removeTempDir(dataDir);
});

async function as(who: Credentials): Promise<void> {
  if (core.stateName === 'signed-in') core.signOut();
  await core.signIn(who.userName, who.password);
}

const ENTRY = {
  names: { en: 'Rainbow Legal Clinic' },
  organisationType: 'lgbtiq-led',
  services: ['legal-aid'],
  safeFor: ['lgbtiq', 'trans'],
  focalPoint: 'Dana Haddad',
  note: 'Ask for Dana only',
} as const;

describe('directory rights', () => {
  it('lets a protection officer add and change an entry, and a supervisor retire it, each audited without values', async () => {
    await as(PROTECTION);
    const { dispatcher } = dispatcherFor(core);
    const added = await dispatcher.dispatch('providers.add', ENTRY);
    expect(added.ok).toBe(true);
    const provider = (added as { ok: true; value: Provider }).value;
    expect(provider.note).toBe(ENTRY.note);
    const changed = await dispatcher.dispatch('providers.update', { id: provider.id, entry: { ...ENTRY, hours: 'Mon 9–12' } });
    expect(changed.ok).toBe(true);

    await as(SUPERVISOR);
    const supervisor = dispatcherFor(core).dispatcher;
    expect((await supervisor.dispatch('providers.retire', { id: provider.id })).ok).toBe(true);
    const entries = core.vault.audit.list({ limit: 50 }).filter((entry) => entry.action.startsWith('provider-'));
    expect(entries.map((entry) => entry.action)).toEqual(['provider-retire', 'provider-change', 'provider-add']);
    expect(entries[1]?.details).toEqual({ provider: provider.globalId, fields: ['hours'] });
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain('Dana');
    expect(logged).not.toContain('Rainbow');
  });

  it('lets a clerk read the directory without the focal point and the note, and refuses a clerk adding or importing', async () => {
    await as(PROTECTION);
    const added = await dispatcherFor(core).dispatcher.dispatch('providers.add', ENTRY);
    expect(added.ok).toBe(true);

    await as(CLERK);
    const ui = dispatcherFor(core, 'ui').dispatcher;
    const cli = dispatcherFor(core, 'cli').dispatcher;
    const listed = await ui.dispatch('providers.list', { safeFor: 'trans' });
    expect(listed.ok).toBe(true);
    const [seen] = (listed as { ok: true; value: Provider[] }).value;
    expect(seen?.names.en).toBe('Rainbow Legal Clinic');
    expect(seen).not.toHaveProperty('note');
    expect(seen).not.toHaveProperty('focalPoint');
    expect(errorCodeOf(await ui.dispatch('providers.add', ENTRY))).toBe('forbidden');
    expect(errorCodeOf(await ui.dispatch('providers.retire', { id: seen?.id ?? 1 }))).toBe('forbidden');
    expect(errorCodeOf(await ui.dispatch('providers.exportCsv', {}))).toBe('forbidden');
    const rows = [{ line: 2, cells: { name_en: 'Clinic', organisation_type: 'ngo', services: 'health' } }];
    expect(errorCodeOf(await cli.dispatch('providers.import', { rows, dryRun: false }))).toBe('forbidden');
  });

  it('takes the import from the CLI only, and names no person in the leaflet', async () => {
    await as(SUPERVISOR);
    const rows = [{ line: 2, cells: { name_en: 'Clinic', organisation_type: 'ngo', services: 'health' } }];
    expect(errorCodeOf(await dispatcherFor(core, 'ui').dispatcher.dispatch('providers.import', { rows, dryRun: false }))).toBe('forbidden');
    const imported = await dispatcherFor(core, 'cli').dispatcher.dispatch('providers.import', { rows, dryRun: false });
    expect(imported).toEqual({ ok: true, value: { added: 1, updated: 0, rejected: [] } });

    const leaflet = await dispatcherFor(core).dispatcher.dispatch('providers.leaflet', { language: 'fr', format: 'html' });
    expect(leaflet.ok).toBe(true);
    const html = Buffer.from((leaflet as { ok: true; value: { dataBase64: string } }).value.dataBase64, 'base64').toString('utf8');
    expect(html).toContain('Rainbow Legal Clinic');
    expect(html).toContain('Aide juridique');
    expect(html).not.toContain('Dana');
    expect(html).not.toContain(ENTRY.note);
    // Neither the "safe for" marks nor the type of organisation: a leaflet found on someone says nothing of them.
    expect(html).not.toContain('Personnes trans');
    expect(html).not.toContain('Organisation dirigée par des personnes LGBTIQ+');
    const [printed] = core.vault.audit.list({ limit: 5, action: 'leaflet-print' });
    expect(printed?.details).toEqual({ language: 'fr', format: 'html', entries: 2 });
  });

  it('never names a sensitive service on a leaflet, even one made for that service', async () => {
    await as(SUPERVISOR);
    const rows = [
      { line: 2, cells: { name_en: 'Test Point', organisation_type: 'ngo', services: 'hiv' } },
      { line: 3, cells: { name_en: 'Law Centre', organisation_type: 'ngo', services: 'legal-aid;legal-help-after-arrest' } },
    ];
    expect((await dispatcherFor(core, 'cli').dispatcher.dispatch('providers.import', { rows, dryRun: false })).ok).toBe(true);
    const leafletHtmlOf = async (request: { service?: 'hiv' | 'legal-aid' }) => {
      const made = await dispatcherFor(core).dispatcher.dispatch('providers.leaflet', { language: 'fr', format: 'html', ...request });
      if (!made.ok) throw new Error(made.error.code);
      // The page's text, without its embedded fonts (whose base64 may hold any three letters).
      return Buffer.from((made.value as { dataBase64: string }).dataBase64, 'base64').toString('utf8').replace(/<style>[\s\S]*?<\/style>/g, '');
    };
    // A leaflet of the providers of one sensitive service would say it by its list alone: refused, by field.
    const forHiv = await dispatcherFor(core).dispatcher.dispatch('providers.leaflet', { language: 'fr', format: 'html', service: 'hiv' });
    expect(forHiv).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'service', rule: 'sensitive_service' }] } });
    expect(await leafletHtmlOf({ service: 'legal-aid' })).toContain('Law Centre');
    const all = await leafletHtmlOf({});
    expect(all).toContain('Test Point');
    expect(all).toContain('Autres services : demandez au guichet ou appelez.');
    expect(all).not.toContain('VIH');
    expect(all).toContain('Aide juridique');
    expect(all).not.toContain('arrestation');
  });
});
