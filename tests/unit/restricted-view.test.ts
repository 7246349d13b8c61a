import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/main/app/dispatch';
import { FIELD_KEYS, fieldSpec, mayRead } from '../../src/shared/catalogue';
import { ROLES } from '../../src/shared/roles';
import { AppError } from '../../src/shared/errors';
import type { PersonView } from '../../src/shared/people';
import { peopleFixture } from './people/people-db';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, PROTECTION, setUpVault } from './helpers/vault';

describe('the restricted screen, through dispatch', () => {
  it('sends no tier-1 or tier-2 value, searches tier 0 only, and is remembered per user', async () => {
    const dataDir = tempDataDir('restricted');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, PROTECTION, 'protection');
    core.signOut();
    await core.signIn(PROTECTION.userName, PROTECTION.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const secrets = ['إبراهيم الأحمد', '+90 532 765 4321', 'a distinctive note'];
    const registered = await ui.dispatch('people.register', {
      fields: {
        chosenName: 'Samira',
        phone: secrets[1],
        documents: [{ id: 'd1', type: 'passport', nameOnDocument: secrets[0] }],
        notes: secrets[2],
      },
      consents: ['register'],
    });
    const id = registered.ok ? (registered.value as PersonView).id : 0;

    expect(await ui.dispatch('session.setViewMode', { mode: 'restricted' })).toEqual({ ok: true, value: null });
    const responses = [
      await ui.dispatch('people.get', { id }),
      await ui.dispatch('people.history', { id }),
      await ui.dispatch('people.search', { query: 'Samira' }),
      await ui.dispatch('people.recent', { offset: 0, limit: 10 }),
      await ui.dispatch('app.status', {}),
    ];
    const seen = JSON.stringify(responses);
    for (const secret of secrets) expect(seen).not.toContain(secret);
    const view = responses[0]?.ok ? (responses[0].value as PersonView) : undefined;
    expect(view?.fields).toEqual({ chosenName: 'Samira' });
    expect(view?.restricted).toEqual(expect.arrayContaining(['phone', 'documents', 'notes']));

    // A match on a hidden field must not show: the document name finds nothing now.
    expect(await ui.dispatch('people.search', { query: 'ابراهيم' })).toEqual({ ok: true, value: [] });
    expect(await ui.dispatch('people.search', { query: 'sami' })).toMatchObject({ ok: true, value: [{ id }] });

    // One field, for a reason; the mode stays restricted for the rest.
    expect(await ui.dispatch('people.reveal', { id, field: 'notes', reason: 'current-task' })).toEqual({
      ok: true,
      value: { field: 'notes', value: secrets[2], seconds: 30 },
    });
    const after = await ui.dispatch('people.get', { id });
    expect(JSON.stringify(after)).not.toContain(secrets[1]);

    core.signOut();
    await core.signIn(PROTECTION.userName, PROTECTION.password);
    expect(core.user?.viewMode).toBe('restricted');
    core.close();
  });

  it('names no family relationship but the focal point, in records and in the family calls', async () => {
    const dataDir = tempDataDir('restricted-family');
    const { core, supervisor } = await setUpVault(dataDir);
    await addAccount(core, PROTECTION, 'protection');
    core.signOut();
    await core.signIn(PROTECTION.userName, PROTECTION.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const idOf = (result: Awaited<ReturnType<typeof ui.dispatch>>) => (result.ok ? (result.value as PersonView).id : 0);
    const amal = idOf(await ui.dispatch('people.register', { fields: { chosenName: 'Amal' }, consents: ['register'] }));
    const rana = idOf(
      await ui.dispatch('people.register', {
        fields: { chosenName: 'Rana' },
        consents: ['register'],
        family: { withPersonId: amal, relationship: 'partner' },
      }),
    );
    const lina = idOf(await ui.dispatch('people.register', { fields: { chosenName: 'Lina' }, consents: ['register'] }));

    expect(await ui.dispatch('session.setViewMode', { mode: 'restricted' })).toEqual({ ok: true, value: null });
    const unitId = core.vault.people.families.unitOf(rana)!.id;
    const responses = [
      await ui.dispatch('people.get', { id: rana }),
      await ui.dispatch('people.get', { id: amal }),
      await ui.dispatch('families.link', { personId: lina, withPersonId: amal, relationship: 'other', relationshipText: 'Partner of Rana' }),
      await ui.dispatch('families.setKeepTogether', { unitId, keepTogether: true }),
      await ui.dispatch('families.setRelationship', { personId: lina, relationship: 'chosen-family' }),
      await ui.dispatch('people.get', { id: lina }),
    ];
    for (const response of responses) expect(response.ok).toBe(true);
    const seen = JSON.stringify(responses);
    for (const word of ['partner', 'Partner of Rana', 'chosen-family', '"other"']) expect(seen).not.toContain(word);
    expect(seen).toContain('"relationship":"focal-point"');
    expect(seen).toContain('"relationshipHidden":true');

    // The normal screen shows them again; they were changed, not lost.
    await ui.dispatch('session.setViewMode', { mode: 'normal' });
    const normal = await ui.dispatch('people.get', { id: amal });
    const members = normal.ok ? (normal.value as PersonView).family?.members : undefined;
    expect(members?.map((m) => ('relationship' in m ? m.relationship : 'hidden'))).toEqual(['focal-point', 'partner', 'chosen-family']);

    // A supervisor reads tier 0 only: relationships are tier 1, on any screen.
    core.signOut();
    await core.signIn(supervisor.userName, supervisor.password);
    const bySupervisor = JSON.stringify(await ui.dispatch('people.get', { id: amal }));
    expect(bySupervisor).toContain('"relationship":"focal-point"');
    for (const word of ['partner', 'chosen-family']) expect(bySupervisor).not.toContain(word);
    core.close();
  });

  it('switches to the restricted screen when a record opens, where the site asks for it', async () => {
    const dataDir = tempDataDir('restricted-default');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, PROTECTION, 'protection');
    core.vault.settings.update({ restrictedOnOpen: true });
    core.signOut();
    await core.signIn(PROTECTION.userName, PROTECTION.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const registered = await ui.dispatch('people.register', { fields: { chosenName: 'Rana', phone: '+90 555 000 1111' }, consents: ['register'] });
    // Registered from the register screen, the record is shown at once, in place of an opening: the
    // screen switches, and the registration's answer is already restricted.
    expect(core.user?.viewMode).toBe('restricted');
    expect(JSON.stringify(registered)).not.toContain('1111');
    expect(registered).toMatchObject({ ok: true, value: { fields: { chosenName: 'Rana' } } });
    const id = registered.ok ? (registered.value as PersonView).id : 0;
    const opened = await ui.dispatch('people.get', { id });
    expect(core.user?.viewMode).toBe('restricted');
    expect(JSON.stringify(opened)).not.toContain('1111');

    // A member registered from the family panel is not shown: no opening, and the focal point's
    // record, still on screen, is still the one last shown (reloading it is no opening either).
    expect(await ui.dispatch('session.setViewMode', { mode: 'normal' })).toEqual({ ok: true, value: null });
    const member = await ui.dispatch('people.register', {
      fields: { chosenName: 'Hala', phone: '+90 555 000 2222' },
      consents: ['register'],
      family: { withPersonId: id, relationship: 'partner' },
    });
    expect(core.user?.viewMode).toBe('normal');
    expect(JSON.stringify(member)).toContain('2222');
    await ui.dispatch('people.get', { id });
    expect(core.user?.viewMode).toBe('normal');
    core.close();
  });
});

describe('need-to-know reveal rights, for every catalogue field and role', () => {
  it('reveals exactly the fields whose tier the role may read, and refuses the rest in main', () => {
    const fx = peopleFixture();
    const { id } = fx.people.register(fx.protection, {
      fields: { chosenName: 'Nour', notes: 'n', phone: '+90 500 000 0000' },
      consents: ['register'],
    });
    const actors = { clerk: fx.clerk, protection: fx.protection, supervisor: fx.supervisor };
    for (const role of ROLES) {
      for (const field of FIELD_KEYS) {
        const allowed = mayRead(role, fieldSpec(field).tier);
        if (allowed) expect(() => fx.people.reveal(actors[role], id, field), `${role} ${field}`).not.toThrow();
        else expect(() => fx.people.reveal(actors[role], id, field), `${role} ${field}`).toThrow(AppError);
      }
    }
    fx.close();
  });
});
