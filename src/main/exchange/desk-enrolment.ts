import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { KeySlotStore, RECOVERY_SLOT_ID } from '../vault/key-slots';
import { OpenVault } from '../vault/open-vault';
import { SITE_SETTING_KEYS } from '../services/settings';
import { setAsideUnfinishedSetUp } from '../app/vault-setup';
import type { Enrolment } from './enrolment-file';
import { withoutCapture } from './operation-capture';
import { globalIdFromText, globalIdText, newGlobalId } from './global-id';
import { siteExchangeKey, siteId, thisDeskNumber } from './this-desk';
import { ownOperationsMissing } from './operations';


export interface EnrolledDesk {
  enrolment: Enrolment;
  desk: { id: string; number: number };
  /** Enabled accounts whose key slots travel; those made by an older version must sign in here first. */
  accounts: number;
  notCarried: number;
}

/**
 * Enrols a new desk of this site (issue 13): reserves the next desk number, makes the desk's id and
 * Ed25519 key pair, records the desk here, and gathers what the desk needs to join. The caller seals
 * it under the one-time passphrase and audits it; this runs inside the call's transaction, so a
 * failure to write the file leaves no desk recorded.
 */
export function enrolDesk(db: Db, slots: KeySlotStore, now: Date): EnrolledDesk {
  // Desk numbers are given by one desk only, so two desks that have not exchanged yet never give
  // the same number (and with it the same registration numbers). A lost first desk is restored
  // from a backup onto a replacement laptop, which keeps its identity.
  const here = thisDeskNumber(db);
  if (here !== 1) throw new AppError('desk_enrol_first_only', { desk: here });
  // Put back from an older backup, it may not know of desks it enrolled after that backup: not
  // until the other desks have sent back what it lost (it learns it was behind at an exchange).
  const missing = ownOperationsMissing(db);
  if (missing > 0) throw new AppError('desk_enrol_after_restore', { count: missing });
  const site = prepared<[], { created_at: string }>(db, 'SELECT created_at FROM site WHERE id = 1').get();
  const accounts = prepared<
    [],
    { gid: Buffer; slot_id: string; user_name: string; role: 'clerk' | 'protection' | 'supervisor'; language: string; view_mode: 'normal' | 'restricted'; created_at: string; updated_at: string; password_change_due: 0 | 1 }
  >(db, 'SELECT gid, slot_id, user_name, role, language, view_mode, created_at, updated_at, password_change_due FROM accounts WHERE disabled_at IS NULL ORDER BY id').all();
  const { slots: keySlots, notCarried } = slots.portable(new Set(accounts.map((account) => account.slot_id)));
  // Rotation refuses the same way: a recovery slot of the first format has no key pair, and the new
  // desk would have no recovery key at all.
  if (notCarried.includes(RECOVERY_SLOT_ID)) throw new AppError('enrolment_needs_recovery_key');
  const number = (prepared<[], number | null>(db, 'SELECT max(number) FROM desks').pluck(true).get() ?? 0) + 1;
  const gid = newGlobalId(now.getTime());
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyText = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  prepared(db, 'INSERT INTO desks (gid, number, public_key, enrolled_at) VALUES (?, ?, ?, ?)').run(gid, number, publicKeyText, now.toISOString());

  const carried = new Set(keySlots.slots.map((slot) => slot.id));
  const enrolment: Enrolment = {
    site: { id: siteId(db), createdAt: site?.created_at ?? now.toISOString(), exchangeKey: siteExchangeKey(db).toString('base64') },
    // Retired desks too, with when: the new desk refuses their later bundles and never reuses their numbers.
    desks: prepared<[], { gid: Buffer; number: number; public_key: string; enrolled_at: string; retired_at: string | null }>(
      db,
      'SELECT gid, number, public_key, enrolled_at, retired_at FROM desks ORDER BY number',
    )
      .all()
      .map((desk) => ({ id: globalIdText(desk.gid), number: desk.number, publicKey: desk.public_key, enrolledAt: desk.enrolled_at, retiredAt: desk.retired_at })),
    desk: { id: globalIdText(gid), number, privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64') },
    settings: prepared<[], { key: string; value: string }>(db, 'SELECT key, value FROM settings ORDER BY key')
      .all()
      .filter((row) => SITE_SETTING_KEYS.includes(row.key)),
    specificNeeds: prepared<[], { code: string; gid: Buffer; field: string; origin: string; offered: number; labels: string | null; changed_at: string }>(
      db,
      'SELECT code, gid, field, origin, offered, labels, changed_at FROM specific_needs ORDER BY code',
    )
      .all()
      .map((need) => ({ code: need.code, gid: globalIdText(need.gid), field: need.field, origin: need.origin, offered: need.offered, labels: need.labels, changedAt: need.changed_at })),
    accounts: accounts
      .filter((account) => carried.has(account.slot_id))
      .map((account) => ({
        id: globalIdText(account.gid),
        slotId: account.slot_id,
        userName: account.user_name,
        role: account.role,
        language: account.language,
        viewMode: account.view_mode,
        passwordChangeDue: account.password_change_due === 1,
        createdAt: account.created_at,
        updatedAt: account.updated_at,
      })),
    keySlots,
    fieldVersions: prepared<[], NonNullable<Enrolment['fieldVersions']>[number]>(
      db,
      "SELECT entity, row, field, version, hlc, desk, seq FROM field_versions WHERE entity IN ('account', 'desk', 'setting', 'specific_need') ORDER BY entity, row, field",
    ).all(),
    enrolledAt: now.toISOString(),
  };
  return { enrolment, desk: { id: globalIdText(gid), number }, accounts: enrolment.accounts.length, notCarried: notCarried.length };
}

/** Whether the enrolment's desk key pair is whole and listed, under the same number, among its desks. */
function ownKeyPairListed(enrolment: Enrolment): boolean {
  let ownPublic: string;
  try {
    const privateKey = createPrivateKey({ key: Buffer.from(enrolment.desk.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    ownPublic = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return false;
  }
  return enrolment.desks.some((desk) => desk.id === enrolment.desk.id && desk.number === enrolment.desk.number && desk.publicKey === ownPublic);
}

/**
 * Makes `dataDir` (new or empty) a desk of the enrolment's site: a database under a new key of its
 * own, sealed to each carried account's slot (and the recovery key's), so every account signs in
 * here with its own password; the site, the desks, this desk's identity, the settings, the
 * catalogue and the accounts; and the join in this desk's own audit log, naming the accounts it
 * brought, so `intake verify` finds an entry for each. The slot file is written last: a join cut
 * short leaves no vault to sign in to (the set-up screen sets such a folder aside).
 */
export function joinSite(
  dataDir: string,
  enrolment: Enrolment,
  file: string,
): { siteId: string; desk: { id: string; number: number }; accounts: number } {
  if (KeySlotStore.existsIn(dataDir)) throw new AppError('already_set_up');
  // Checked before anything is written: the desk's key pair is whole and is the one the desks list has for it.
  if (!ownKeyPairListed(enrolment)) throw new AppError('enrolment_damaged', { file });
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A join (or set-up) cut short left a database no slot file opens: kept aside, never deleted.
  setAsideUnfinishedSetUp(dataDir);
  const key = randomBytes(32);
  // The vault gets its own copy of the key: closing it overwrites that copy, not this one.
  const vault = OpenVault.open(dataDir, Buffer.from(key), KeySlotStore.create(dataDir, key), { create: true });
  try {
    const db = vault.db;
    // Copies of the site's rows, not changes of this desk's: nothing to send back.
    withoutCapture(db, () => db.transaction(() => {
      prepared(db, 'INSERT INTO site (id, created_at, gid, exchange_key) VALUES (1, ?, ?, ?)').run(
        enrolment.site.createdAt,
        globalIdFromText(enrolment.site.id),
        Buffer.from(enrolment.site.exchangeKey, 'base64'),
      );
      for (const desk of enrolment.desks) {
        prepared(db, 'INSERT INTO desks (gid, number, public_key, enrolled_at, retired_at) VALUES (?, ?, ?, ?, ?)').run(
          globalIdFromText(desk.id),
          desk.number,
          desk.publicKey,
          desk.enrolledAt,
          desk.retiredAt,
        );
      }
      prepared(db, 'INSERT INTO this_desk (id, desk_gid, private_key) VALUES (1, ?, ?)').run(globalIdFromText(enrolment.desk.id), enrolment.desk.privateKey);
      for (const row of enrolment.settings) prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run(row.key, row.value);
      for (const need of enrolment.specificNeeds) {
        prepared(db, 'INSERT INTO specific_needs (code, gid, field, origin, offered, labels, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          need.code,
          globalIdFromText(need.gid),
          need.field,
          need.origin,
          need.offered,
          need.labels,
          need.changedAt,
        );
      }
      for (const account of enrolment.accounts) {
        prepared(
          db,
          'INSERT INTO accounts (gid, slot_id, user_name, role, language, view_mode, created_at, updated_at, password_change_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(globalIdFromText(account.id), account.slotId, account.userName, account.role, account.language, account.viewMode, account.createdAt, account.updatedAt, account.passwordChangeDue === true ? 1 : 0);
      }
      for (const state of enrolment.fieldVersions ?? []) {
        prepared(db, 'INSERT OR REPLACE INTO field_versions (entity, row, field, version, hlc, desk, seq) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          state.entity,
          state.row,
          state.field,
          state.version,
          state.hlc,
          state.desk,
          state.seq,
        );
      }
      vault.audit.append({
        action: 'desk-join',
        details: { site: enrolment.site.id, desk: enrolment.desk.number, enrolledAt: enrolment.enrolledAt, accounts: enrolment.accounts.map((a) => a.userName) },
      });
    })());
  } finally {
    vault.close();
  }
  KeySlotStore.forJoiningDesk(dataDir, enrolment.keySlots, key).commit();
  key.fill(0);
  return { siteId: enrolment.site.id, desk: { id: enrolment.desk.id, number: enrolment.desk.number }, accounts: enrolment.accounts.length };
}
