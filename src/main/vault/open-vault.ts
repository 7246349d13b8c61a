import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, openEncrypted, type Db } from '../db/connection';
import { checkpointWhenIdle } from '../db/idle-checkpoints';
import { migrate, MIGRATIONS } from '../db/migrations';
import { AUDIT_HEAD_MIGRATION, sealAuditHead } from '../audit/audit-head';
import { derivedKey, type KeyPurpose } from './derived-keys';
import { ensureSearchTermsCurrent } from '../people/search-index';
import { ensureThisDesk } from '../exchange/this-desk';
import { holdBack } from '../exchange/held-back';
import { behindWhatWasSent } from '../exchange/sent-record';
import { AccountService } from '../services/accounts';
import { SettingsService } from '../services/settings';
import { SpecificNeedsCatalogue } from '../services/specific-needs';
import { PeopleService } from '../people/people-service';
import { AuditLog } from '../audit/audit-log';
import { ReferralService } from '../referrals/referral-service';
import type { KeySlotStore } from './key-slots';

/** An unlocked vault: the open database, the key that opened it, and the services over it. */
export class OpenVault {
  readonly accounts: AccountService;
  readonly settings: SettingsService;
  readonly specificNeeds: SpecificNeedsCatalogue;
  readonly people: PeopleService;
  readonly referrals: ReferralService;
  readonly audit: AuditLog;
  private readonly stopCheckpoints: () => void;

  private constructor(
    readonly db: Db,
    private readonly key: Buffer,
    readonly slots: KeySlotStore,
  ) {
    this.accounts = new AccountService(db, slots, key);
    this.settings = new SettingsService(db);
    this.specificNeeds = new SpecificNeedsCatalogue(db);
    this.people = new PeopleService(db);
    this.referrals = new ReferralService(db);
    this.audit = new AuditLog(db, undefined, () => this.derivedKey('auditHead'));
    this.stopCheckpoints = checkpointWhenIdle(db);
  }

  /** A key for one purpose (the audit head's MAC, a backup manifest's MAC), derived from the database key. */
  derivedKey(purpose: KeyPurpose): Buffer {
    return derivedKey(this.key, purpose);
  }

  /** Opens and migrates; closes again and rethrows if the database is newer than the code. */
  static open(
    dataDir: string,
    key: Buffer,
    slots: KeySlotStore,
    /** `restoring`: a restore's staging folder, which the restore itself holds back (restore-backup.ts). */
    options: { create: boolean; restoring?: boolean },
  ): OpenVault {
    const path = join(dataDir, DATABASE_FILE);
    // Only this user may read the file; SQLite gives the -wal and -shm files the database's mode.
    if (options.create) closeSync(openSync(path, 'wx', 0o600));
    const db = openEncrypted(path, key, { mustExist: !options.create });
    try {
      // The head migration 8 starts from the log is sealed in the migration's own transaction, so a
      // crash during a later migration cannot leave it unsealed for good.
      migrate(db, MIGRATIONS, (version) => {
        if (version === AUDIT_HEAD_MIGRATION) sealAuditHead(db, derivedKey(key, 'auditHead'));
      });
      ensureThisDesk(db);
      ensureSearchTermsCurrent(db);
    } catch (error) {
      db.close();
      throw error;
    }
    const vault = new OpenVault(db, key, slots);
    try {
      if (!options.restoring) vault.holdBackIfBehindWhatWasSent(dataDir);
      vault.reconcileKeySlots();
      vault.syncAccountKeyPairs();
    } catch (error) {
      vault.close();
      throw error;
    }
    return vault;
  }

  /**
   * A data folder put back from an older copy by hand, or moved, after its desk sent changes: held
   * back until it has heard from the site (sent-record.ts), with an audit entry saying why (numbers
   * only). Once per hold: a desk already held back is left as it is.
   */
  private holdBackIfBehindWhatWasSent(dataDir: string): void {
    const behind = behindWhatWasSent(this.db, dataDir);
    if (!behind) return;
    this.db
      .transaction(() => {
        if (holdBack(this.db, new Date().toISOString())) this.audit.append({ action: 'exchange-hold-back', details: { ...behind } });
      })
      .immediate();
  }

  /**
   * Accounts across the desks of a site (issue 13): each enabled account's slot key pair is in its
   * row, to travel; each one that came from another desk gets a slot here; a disabled one loses its
   * slot. Run at every unlock and after every exchange, so an exchange cut short between its
   * database and the slot file is finished at the next. Reads first: the write lock is taken only
   * when a key pair is to be published or adopted (at most unlocks, none is).
   */
  syncAccountKeyPairs(): void {
    if (this.keyPairsToSync()) {
      this.db
        .transaction(() => {
          for (const account of this.ownKeyPairs()) this.accounts.publishKeyPair(account.id, account.slot_id);
          this.accounts.adoptTravelledKeyPairs();
        })
        .immediate();
    }
    this.reconcileKeySlots();
  }

  /**
   * The enabled accounts whose key pair this desk publishes from its slot file, which is what the
   * password opens: one with none in its row (written before the exchange existed, or a password
   * change cut short between the slot file and the database), or whose row's key pair did not come
   * from another desk (one that did is adopted instead).
   */
  private ownKeyPairs(): Array<{ id: number; slot_id: string; key_pair: string | null }> {
    return this.db
      .prepare<[], { id: number; slot_id: string; key_pair: string | null }>(
        `SELECT a.id, a.slot_id, a.key_pair FROM accounts a WHERE a.disabled_at IS NULL AND (a.key_pair IS NULL OR NOT EXISTS (
           SELECT 1 FROM field_versions v WHERE v.entity = 'account' AND v.row = lower(hex(a.gid)) AND v.field = 'key_pair'
             AND v.desk <> coalesce((SELECT d.number FROM this_desk t JOIN desks d ON d.gid = t.desk_gid), 1)))`,
      )
      .all();
  }

  /** Whether syncAccountKeyPairs would write: a row's key pair differs from its slot's, or a slot lacks its row's. */
  private keyPairsToSync(): boolean {
    return this.db
      .transaction(() => {
        const unpublished = this.ownKeyPairs().some((account) => {
          const keyPair = this.slots.travellingKeyPair(account.slot_id);
          return keyPair !== undefined && keyPair !== account.key_pair;
        });
        return unpublished || this.accounts.hasTravelledKeyPairsToAdopt();
      })
      .deferred();
  }

  /**
   * Deletes every account key slot with no enabled account behind it: one written for an account
   * whose creation was rolled back or cut short by a crash, or left by a disable that did not
   * finish. Such a slot would still unwrap the key. Run at every unlock and after a failed call.
   */
  reconcileKeySlots(): void {
    // Under the write lock: another process's account creation (its row not yet committed, its slot
    // already written) finishes first, so its slot is never taken for an orphan.
    this.db
      .transaction(() => {
        const enabled = this.db.prepare<[], { slot_id: string }>('SELECT slot_id FROM accounts WHERE disabled_at IS NULL').all();
        this.slots.keepOnlyAccounts(new Set(enabled.map((row) => row.slot_id)));
      })
      .immediate();
  }

  /** Whether a slot file (as it is on disk now) unlocks this database's key: not after another process rotated it. */
  keyMatches(slots: KeySlotStore): boolean {
    return slots.isFor(this.key);
  }

  get databaseKeyHex(): string {
    return this.key.toString('hex');
  }

  /** Closes the database and overwrites the key in memory. */
  close(): void {
    this.stopCheckpoints();
    if (this.db.open) this.db.close();
    this.key.fill(0);
  }
}
