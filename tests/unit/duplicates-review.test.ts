/**
 * The duplicates review through the contract, as the app's window calls it: protection officers
 * only, every merge, undo and "not the same" audited, and `intake verify` still finds an entry for
 * every consent after consents moved with a merge.
 */
import { describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodOutput } from '../../src/shared/contract';
import { verifyVault } from '../../src/main/db/verify';
import { tempDataDir } from './helpers/temp-dir';
import { CLERK, dispatcherFor, errorCodeOf, PROTECTION, setUpVault } from './helpers/vault';

async function site() {
  const vault = await setUpVault(tempDataDir('duplicates-review'));
  const { dispatcher } = dispatcherFor(vault.core);
  const call = async <M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await dispatcher.dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
    return result.value as MethodOutput<M>;
  };
  await call('accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
  await call('accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
  const signInAs = async (credentials: { userName: string; password: string }) => {
    await dispatcher.dispatch('session.signOut', {});
    await call('session.signIn', credentials);
  };
  return { ...vault, dispatcher, call, signInAs };
}

describe('the duplicates review through the contract', () => {
  it('is audited step by step, refused to a clerk, and keeps the audit coverage complete', async () => {
    const s = await site();
    await s.signInAs(CLERK);
    const older = await s.call('people.register', { fields: { chosenName: 'عائشة عثمان', birth: { precision: 'year', year: 1994 } }, consents: ['register'] });
    const newer = await s.call('people.register', { fields: { chosenName: 'Aisha Osman', birth: { precision: 'year', year: 1995 } }, consents: ['register', 'referral'] });
    expect(errorCodeOf(await s.dispatcher.dispatch('duplicates.list', { limit: 10 }))).toBe('forbidden');
    expect(errorCodeOf(await s.dispatcher.dispatch('duplicates.merge', { keptId: older.id, mergedId: newer.id }))).toBe('forbidden');

    await s.signInAs(PROTECTION);
    const pairs = await s.call('duplicates.list', { limit: 10 });
    expect(pairs.map((pair) => [pair.first.registrationNumber, pair.second.registrationNumber])).toEqual([[older.registrationNumber, newer.registrationNumber]]);
    const merged = await s.call('duplicates.merge', { keptId: older.id, mergedId: newer.id });
    expect(merged.moved.consents).toBe(2);
    // Replaying the same merge is refused, and changes nothing.
    expect(errorCodeOf(await s.dispatcher.dispatch('duplicates.merge', { keptId: older.id, mergedId: newer.id }))).toBe('person_merged');
    expect(verifyVault(s.core.vault.db).coverage).toMatchObject({ complete: true, consents: 3 });
    await s.call('duplicates.undoMerge', { mergeId: merged.mergeId });
    expect(errorCodeOf(await s.dispatcher.dispatch('duplicates.undoMerge', { mergeId: merged.mergeId }))).toBe('merge_undone');
    await s.call('duplicates.notSame', { firstId: newer.id, secondId: older.id });
    expect(await s.call('duplicates.list', { limit: 10 })).toEqual([]);

    const entries = s.core.vault.db
      .prepare<[], { action: string; registration_number: string | null; details: string }>(
        "SELECT action, registration_number, details FROM audit_log WHERE action IN ('record-merge', 'record-merge-undo', 'duplicate-dismiss') ORDER BY id",
      )
      .all();
    expect(entries.map((entry) => [entry.action, entry.registration_number])).toEqual([
      ['record-merge', older.registrationNumber],
      ['record-merge-undo', older.registrationNumber],
      ['duplicate-dismiss', null],
    ]);
    expect(JSON.parse(entries[0]?.details ?? '{}')).toMatchObject({ merged: newer.registrationNumber, consents: 2, documents: 0 });
    expect(JSON.parse(entries[2]?.details ?? '{}')).toEqual({ registrationNumbers: [newer.registrationNumber, older.registrationNumber] });
    // Names never go into the log.
    expect(JSON.stringify(entries)).not.toMatch(/Aisha|عائشة/u);
    expect(verifyVault(s.core.vault.db).coverage).toMatchObject({ complete: true });
    s.core.close();
  });

  it('logs what was shown, the record kept, and keeps the audit coverage complete when a moved consent was withdrawn on it before the undo', async () => {
    const s = await site();
    await s.signInAs(PROTECTION);
    const older = await s.call('people.register', { fields: { chosenName: 'ليلى حداد' }, consents: ['register'] });
    const newer = await s.call('people.register', { fields: { chosenName: 'Layla Haddad' }, consents: ['register', 'referral'] });
    const merged = await s.call('duplicates.merge', { keptId: older.id, mergedId: newer.id });
    await s.call('people.setConsent', { id: older.id, purpose: 'referral', given: false });
    // Opened by the merged record's id, the history shown is the record kept's, and so is the entry.
    await s.call('people.history', { id: newer.id });
    const opened = s.core.vault.db.prepare<[], { person_id: number; registration_number: string }>("SELECT person_id, registration_number FROM audit_log WHERE action = 'record-history-open'").get();
    expect(opened).toEqual({ person_id: older.id, registration_number: older.registrationNumber });
    await s.call('duplicates.undoMerge', { mergeId: merged.mergeId });
    expect(verifyVault(s.core.vault.db).coverage).toMatchObject({ complete: true, consents: 3 });
    // A withdrawal no entry records is still caught.
    s.core.vault.db.prepare("UPDATE consents SET withdrawn_at = given_at WHERE person_id = ? AND purpose = 'register'").run(newer.id);
    expect(verifyVault(s.core.vault.db).coverage).toMatchObject({ complete: false, firstMissing: { kind: 'consent', registrationNumber: newer.registrationNumber, purpose: 'register', change: 'withdrawn' } });
    s.core.close();
  });

  it('refuses an undo a later family edit makes inexact, writing no entry, and keeps the audit chain and coverage sound', async () => {
    const s = await site();
    await s.signInAs(PROTECTION);
    const kept = await s.call('people.register', { fields: { chosenName: 'يوسف عمر' }, consents: ['register'] });
    const partner = await s.call('people.register', { fields: { chosenName: 'Amal Saleh' }, consents: ['register'] });
    const merged = await s.call('people.register', { fields: { chosenName: 'Youcef Omar' }, consents: ['register'] });
    const child = await s.call('people.register', { fields: { chosenName: 'Sami Omar' }, consents: ['register'] });
    await s.call('families.link', { personId: partner.id, withPersonId: kept.id, relationship: 'partner' });
    await s.call('families.link', { personId: child.id, withPersonId: merged.id, relationship: 'child-biological' });
    const merge = await s.call('duplicates.merge', { keptId: kept.id, mergedId: merged.id });
    // The child becomes the focal point of the unit the merged record was the focal point of.
    await s.call('families.setRelationship', { personId: child.id, relationship: 'focal-point' });
    const undoEntries = () => s.core.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'record-merge-undo'").pluck(true).get();
    expect(errorCodeOf(await s.dispatcher.dispatch('duplicates.undoMerge', { mergeId: merge.mergeId }))).toBe('merge_undo_focal_point');
    expect(undoEntries()).toBe(0);
    expect(verifyVault(s.core.vault.db)).toMatchObject({ audit: { sound: true }, coverage: { complete: true } });

    await s.call('families.setRelationship', { personId: child.id, relationship: 'child-biological' });
    await s.call('duplicates.undoMerge', { mergeId: merge.mergeId });
    expect(undoEntries()).toBe(1);
    const unit = await s.call('families.setRelationship', { personId: merged.id, relationship: 'focal-point' });
    expect(unit.members.map((member) => [member.person.id, 'relationship' in member ? member.relationship : 'hidden'])).toEqual([
      [child.id, 'child-biological'],
      [merged.id, 'focal-point'],
    ]);
    expect(verifyVault(s.core.vault.db)).toMatchObject({ audit: { sound: true }, coverage: { complete: true } });
    s.core.close();
  });
});
