import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { KeySlotStore } from '../vault/key-slots';
import type { Account, ViewMode } from '../../shared/contract';
import type { Language } from '../../shared/languages';
import type { Role } from '../../shared/roles';
import { AppError } from '../../shared/errors';
import { checkNewPassword } from './password-policy';
import { checkNewUserName } from './user-name-policy';

interface AccountRow {
  id: number;
  slot_id: string;
  user_name: string;
  role: Role;
  language: Language;
  disabled_at: string | null;
  created_at: string;
  view_mode: ViewMode;
  password_change_due: 0 | 1;
}

export interface AccountRecord extends Account {
  slotId: string;
  viewMode: ViewMode;
}

function toRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    slotId: row.slot_id,
    userName: row.user_name,
    role: row.role,
    language: row.language,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    viewMode: row.view_mode,
    passwordChangeDue: row.password_change_due === 1,
  };
}

export function toAccount({ slotId: _slotId, viewMode: _viewMode, ...account }: AccountRecord): Account {
  return account;
}

/** Accounts live in the encrypted database; their key slots live beside it, found by slot id. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly slots: KeySlotStore,
    private readonly databaseKey: Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): AccountRecord[] {
    return prepared<[], AccountRow>(this.db, 'SELECT * FROM accounts ORDER BY user_name COLLATE NOCASE, id')
      .all()
      .map(toRecord);
  }

  byId(id: number): AccountRecord {
    const row = prepared<[number], AccountRow>(this.db, 'SELECT * FROM accounts WHERE id = ?').get(id);
    if (!row) throw new AppError('not_found');
    return toRecord(row);
  }

  bySlotId(slotId: string): AccountRecord | undefined {
    const row = prepared<[string], AccountRow>(this.db, 'SELECT * FROM accounts WHERE slot_id = ?').get(slotId);
    return row ? toRecord(row) : undefined;
  }

  /** changePasswordAtSignIn: the person is asked to replace the password at their first sign-in. */
  async create(input: { userName: string; role: Role; password: string; language: Language; changePasswordAtSignIn: boolean }): Promise<AccountRecord> {
    const password = checkNewPassword(input.password, { userName: input.userName });
    checkNewUserName(input.userName, this.list().map((account) => account.userName));
    const slotId = this.slots.slotIdFor(input.userName);
    if (this.bySlotId(slotId)) throw new AppError('user_exists');
    // The row first, then the slot, both inside the caller's transaction: should the transaction
    // not commit, the slot is an orphan and OpenVault.reconcileKeySlots deletes it.
    const stamp = this.now().toISOString();
    const { lastInsertRowid } = prepared(this.db, 
        'INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at, password_change_due) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(slotId, input.userName.trim(), input.role, input.language, stamp, stamp, input.changePasswordAtSignIn ? 1 : 0);
    await this.slots.put(slotId, 'account', password, this.databaseKey);
    this.publishKeyPair(Number(lastInsertRowid), slotId);
    return this.byId(Number(lastInsertRowid));
  }

  setRole(id: number, role: Role): AccountRecord {
    const account = this.byId(id);
    if (account.role === 'supervisor' && role !== 'supervisor') this.assertNotLastSupervisor(account);
    prepared(this.db, 'UPDATE accounts SET role = ?, updated_at = ? WHERE id = ?').run(role, this.now().toISOString(), id);
    return this.byId(id);
  }

  /**
   * Removes the account's key slot too, so a disabled password cannot unwrap the key even offline.
   * The slot goes last, inside the caller's transaction: should that transaction not commit, the
   * account stays enabled without a slot (it cannot sign in; disabling it again, or a new
   * password, finishes the job), never disabled with a slot that still opens the vault.
   */
  disable(id: number): AccountRecord {
    const account = this.byId(id);
    if (account.disabled) {
      this.slots.remove(account.slotId);
      return account;
    }
    if (account.role === 'supervisor') this.assertNotLastSupervisor(account);
    const stamp = this.now().toISOString();
    prepared(this.db, 'UPDATE accounts SET disabled_at = ?, updated_at = ? WHERE id = ?').run(stamp, stamp, id);
    this.slots.remove(account.slotId);
    return this.byId(id);
  }

  /**
   * A new password for an account; re-enables it when it was disabled. Re-wraps one slot only.
   * changeDue: whether the person must replace it at their next sign-in (true when someone else,
   * a supervisor, chose it; false when the person did).
   */
  async setPassword(id: number, newPassword: string, changeDue: boolean): Promise<AccountRecord> {
    const account = this.byId(id);
    const password = checkNewPassword(newPassword, { userName: account.userName });
    await this.slots.put(account.slotId, 'account', password, this.databaseKey);
    prepared(this.db, 'UPDATE accounts SET disabled_at = NULL, password_change_due = ?, updated_at = ? WHERE id = ?')
      .run(changeDue ? 1 : 0, this.now().toISOString(), id);
    this.publishKeyPair(id, account.slotId);
    return this.byId(id);
  }

  /**
   * Copies an account slot's key pair into its row, where the exchange carries it to the site's
   * other desks (docs/desk-exchange.md, "Keys across desks"). Run after each new slot, and at every
   * unlock for slots written before the exchange existed.
   */
  publishKeyPair(id: number, slotId: string): void {
    const keyPair = this.slots.travellingKeyPair(slotId);
    if (keyPair === undefined) return;
    prepared(this.db, 'UPDATE accounts SET key_pair = ? WHERE id = ? AND key_pair IS NOT ?').run(keyPair, id, keyPair);
  }

  /**
   * Gives every enabled account whose key pair came from another desk a slot here (this desk's
   * database key sealed to it), so it signs in with the password it has there; returns how many.
   * Disabled accounts lose theirs in OpenVault.reconcileKeySlots.
   */
  adoptTravelledKeyPairs(): number {
    let adopted = 0;
    for (const row of this.enabledKeyPairs()) if (this.slots.adoptTravellingKeyPair(row.slot_id, row.key_pair, this.databaseKey)) adopted += 1;
    return adopted;
  }

  /** Whether adoptTravelledKeyPairs would give a slot; reads only. */
  hasTravelledKeyPairsToAdopt(): boolean {
    return this.enabledKeyPairs().some((row) => this.slots.wouldAdopt(row.slot_id, row.key_pair));
  }

  private enabledKeyPairs(): Array<{ slot_id: string; key_pair: string }> {
    return prepared<[], { slot_id: string; key_pair: string }>(
      this.db,
      'SELECT slot_id, key_pair FROM accounts WHERE disabled_at IS NULL AND key_pair IS NOT NULL',
    ).all();
  }

  setViewMode(id: number, mode: ViewMode): void {
    prepared(this.db, 'UPDATE accounts SET view_mode = ?, updated_at = ? WHERE id = ?').run(mode, this.now().toISOString(), id);
  }

  setLanguage(id: number, language: Language): void {
    prepared(this.db, 'UPDATE accounts SET language = ?, updated_at = ? WHERE id = ?').run(language, this.now().toISOString(), id);
  }

  private assertNotLastSupervisor(account: AccountRecord): void {
    const others = prepared<[number], { n: number }>(this.db, 
        "SELECT count(*) AS n FROM accounts WHERE role = 'supervisor' AND disabled_at IS NULL AND id != ?",
      )
      .get(account.id);
    if (!others || others.n === 0) throw new AppError('last_supervisor');
  }
}
