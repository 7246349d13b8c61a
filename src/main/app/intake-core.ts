import { mkdirSync } from 'node:fs';
import type { AppStatus, CurrentUser, SessionStateName } from '../../shared/contract';
import { IDLE_MINUTES_DEFAULT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Language } from '../../shared/languages';
import { normalisePassword } from '../../shared/passwords';
import { DatabaseNewerError } from '../db/migrations';
import { checkNewPassword } from '../services/password-policy';
import { checkNewUserName } from '../services/user-name-policy';
import type { AccountRecord } from '../services/accounts';
import { readDeviceLanguage, writeDeviceLanguage } from '../vault/device-preferences';
import { KEY_SLOTS_FILE, KeySlotStore, RECOVERY_SLOT_ID } from '../vault/key-slots';
import { OpenVault } from '../vault/open-vault';
import { canonicalRecoveryKey } from '../vault/recovery-key';
import { rotateDatabaseKey, slotFileOutdatedSince, unlockDatabaseKey } from '../vault/key-rotation';
import { SignInThrottle } from '../vault/sign-in-throttle';
import { PendingSignInFailures } from '../vault/pending-sign-in-failures';
import type { AuditDraft } from '../audit/audit-log';
import { auditorOf, createVault } from './vault-setup';
import { writePendingToAudit } from './pending-audit';
import { inAsyncTransaction } from '../db/transaction';
import { setActor } from '../exchange/operation-capture';
import { failureOf } from './failures';
import type { KeyRotationStage, SiteSettings, ViewMode } from '../../shared/contract';
import type { PdfRenderer } from '../pdf/pdf-renderer';
import { chromiumPdf } from '../pdf/chromium-pdf';
import { CallProgress } from './call-progress';
import { clearInterruptedRestore } from '../backup/restore-backup';

type State =
  | { name: 'not-set-up' }
  | { name: 'signed-out' }
  | { name: 'locked'; user: CurrentUser; slotId: string }
  | { name: 'signed-in'; user: CurrentUser; slotId: string; vault: OpenVault };

export interface CoreOptions {
  dataDir: string;
  now?: () => number;
  /** How the statistics report becomes a PDF: Electron's printToPDF in the app, headless Chromium elsewhere. */
  renderPdf?: PdfRenderer;
  /** The system's folder picker: the Electron app's; the web host and the CLI have none. */
  chooseFolder?: FolderPicker;
  /** The system's file picker (to open a file): the Electron app's; the web host and the CLI have none. */
  chooseFile?: FilePicker;
  /** The system's picker of a file to write: the Electron app's; the web host and the CLI have none. */
  chooseSaveFile?: FilePicker;
}

/** Shows the system's folder picker; undefined when the user cancels it. */
export type FolderPicker = (current: string | undefined) => Promise<string | undefined>;

/** Shows the system's picker of a file to open (or to write); undefined when the user cancels it. */
export type FilePicker = (current: string | undefined) => Promise<string | undefined>;

function currentUserOf(account: AccountRecord): CurrentUser {
  return {
    id: account.id,
    userName: account.userName,
    role: account.role,
    language: account.language,
    viewMode: account.viewMode,
    passwordChangeDue: account.passwordChangeDue,
  };
}

/**
 * One site's vault and the session at this desk: not set up, signed out, locked or signed in.
 * Plain Node: the Electron shell, the web host and the CLI each drive it through dispatch.
 */
export class IntakeCore {
  readonly dataDir: string;
  readonly renderPdf: PdfRenderer;
  readonly chooseFolder: FolderPicker | undefined;
  readonly chooseFile: FilePicker | undefined;
  readonly chooseSaveFile: FilePicker | undefined;
  readonly progress = new CallProgress();
  private state: State;
  private readonly throttle: SignInThrottle;
  private readonly pendingFailures: PendingSignInFailures;
  private readonly now: () => number;
  private idleMinutes = IDLE_MINUTES_DEFAULT;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastOpenedPersonId: number | undefined;
  private callsUnderWay = 0;
  private readonly afterCall: (() => void)[] = [];
  private readonly lockListeners = new Set<(reason: 'idle' | 'user') => void>();
  private readonly settingsListeners = new Set<(settings: SiteSettings) => void>();

  constructor(options: CoreOptions) {
    this.dataDir = options.dataDir;
    this.renderPdf = options.renderPdf ?? chromiumPdf;
    this.chooseFolder = options.chooseFolder;
    this.chooseFile = options.chooseFile;
    this.chooseSaveFile = options.chooseSaveFile;
    this.now = options.now ?? Date.now;
    this.pendingFailures = new PendingSignInFailures(this.dataDir, this.now);
    // A damaged throttle file is rebuilt, and the damage waits for the audit log like a failure.
    this.throttle = new SignInThrottle(this.dataDir, this.now, (file) => this.pendingFailures.noteDamaged(file));
    // Reads nothing, so it cannot throw: a damaged slot file is still "set up" (see status()).
    this.state = KeySlotStore.existsIn(this.dataDir) ? { name: 'signed-out' } : { name: 'not-set-up' };
  }

  get stateName(): SessionStateName {
    return this.state.name;
  }

  get user(): CurrentUser | undefined {
    return this.state.name === 'signed-in' || this.state.name === 'locked' ? this.state.user : undefined;
  }

  /** The unlocked vault; throws for any state but signed in. */
  get vault(): OpenVault {
    if (this.state.name !== 'signed-in') throw new AppError(this.state.name === 'locked' ? 'locked' : 'not_signed_in');
    return this.state.vault;
  }

  status(): AppStatus {
    const damaged = this.state.name === 'signed-out' ? this.damagedVaultFile() : undefined;
    return {
      state: this.state.name,
      deviceLanguage: readDeviceLanguage(this.dataDir),
      user: this.user,
      idleMinutes: this.idleMinutes,
      canPickFolder: this.chooseFolder !== undefined,
      canPickFile: this.chooseFile !== undefined,
      canPickSaveFile: this.chooseSaveFile !== undefined,
      ...(damaged ? { damaged } : {}),
    };
  }

  /** A backup was restored into this data folder, which was not set up: it is now, signed out. */
  restored(): void {
    if (this.state.name === 'not-set-up' && KeySlotStore.existsIn(this.dataDir)) this.state = { name: 'signed-out' };
  }

  /** Before sign-in, the file the vault cannot be opened without, when it is missing or damaged. */
  private damagedVaultFile(): { file: string } | undefined {
    try {
      KeySlotStore.open(this.dataDir);
      return undefined;
    } catch (error) {
      if (error instanceof AppError && error.code === 'vault_files_damaged') return { file: KEY_SLOTS_FILE };
      throw error;
    }
  }

  onLock(listener: (reason: 'idle' | 'user') => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  setDeviceLanguage(language: Language): void {
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    writeDeviceLanguage(this.dataDir, language);
  }

  /** Creates the site's vault and its first supervisor, signs them in, and returns the recovery key. */
  async setUp(input: { userName: string; password: string; language: Language }): Promise<string> {
    if (this.state.name !== 'not-set-up') throw new AppError('already_set_up');
    const password = checkNewPassword(input.password, { userName: input.userName });
    // Before any file is made: a refused name leaves the folder as it was.
    checkNewUserName(input.userName, []);
    // A restore killed midway may have left its staging folder, or the database without its key slots.
    clearInterruptedRestore(this.dataDir);
    const { vault, account, recoveryKey } = await createVault(this.dataDir, { ...input, password });
    writeDeviceLanguage(this.dataDir, input.language);
    this.becomeSignedIn(vault, account, 'setup');
    return recoveryKey;
  }

  async signIn(userName: string, password: string): Promise<CurrentUser> {
    if (this.state.name !== 'signed-out') throw new AppError('forbidden');
    const slots = KeySlotStore.open(this.dataDir);
    const slotId = slots.slotIdFor(userName);
    const vault = await this.openVaultAs(slots, slotId, password);
    const account = vault.accounts.bySlotId(slotId);
    if (!account || account.disabled) {
      vault.close();
      this.recordFailure(slotId);
      throw new AppError('wrong_credentials');
    }
    this.throttle.recordSuccess(slotId);
    return this.becomeSignedIn(vault, account, 'sign-in');
  }

  async unlock(password: string): Promise<CurrentUser> {
    if (this.state.name !== 'locked') throw new AppError('forbidden');
    const { slotId } = this.state;
    const slots = KeySlotStore.open(this.dataDir);
    // Disabling an account removes its key slot: no password opens anything for it any more, and
    // the person at the lock screen is told so, not that their password is wrong.
    if (!slots.has(slotId)) {
      this.state = { name: 'signed-out' };
      throw new AppError('account_disabled');
    }
    const vault = await this.openVaultAs(slots, slotId, password);
    const account = vault.accounts.bySlotId(slotId);
    if (!account || account.disabled) {
      vault.close();
      this.state = { name: 'signed-out' };
      throw new AppError('account_disabled');
    }
    this.throttle.recordSuccess(slotId);
    return this.becomeSignedIn(vault, account, 'unlock');
  }

  /** Closes the database and drops the key; the user stays named so the lock screen can ask for their password. */
  lock(reason: 'idle' | 'user' = 'user'): void {
    if (this.state.name !== 'signed-in') return;
    if (this.callsUnderWay > 0) {
      this.afterCall.push(() => this.lock(reason));
      return;
    }
    this.clearIdleTimer();
    const { user, slotId, vault } = this.state;
    this.audit({ action: 'lock', details: { reason } });
    vault.close();
    this.state = { name: 'locked', user, slotId };
    for (const listener of this.lockListeners) listener(reason);
  }

  /**
   * After a database failure: whether another process (`intake rotate-key`) gave the database a new
   * key while this one had it open, which the slot file on disk shows. The vault is then closed
   * without writing (this connection's key no longer opens it) and the user signed out, to sign
   * in again with the same password. The sign-in is audited; this sign-out cannot be.
   */
  closeIfKeyChangedElsewhere(): boolean {
    if (this.state.name !== 'signed-in') return false;
    let onDisk: KeySlotStore;
    try {
      onDisk = KeySlotStore.open(this.dataDir);
    } catch {
      return false;
    }
    if (this.state.vault.keyMatches(onDisk)) return false;
    this.clearIdleTimer();
    this.state.vault.close();
    this.state = { name: 'signed-out' };
    return true;
  }

  signOut(): void {
    this.clearIdleTimer();
    if (this.state.name === 'signed-in') {
      this.audit({ action: 'sign-out' });
      this.state.vault.close();
    }
    if (this.state.name === 'signed-in' || this.state.name === 'locked') this.state = { name: 'signed-out' };
  }

  /** Activity from the user: restarts the idle countdown. */
  touch(): void {
    if (this.state.name !== 'signed-in') return;
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => this.lock('idle'), this.idleMinutes * 60_000);
    this.idleTimer.unref();
  }

  /** Called with the site settings at each unlock and each change, for the shell (screen capture). */
  onSettings(listener: (settings: SiteSettings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  applySettings(settings: SiteSettings): void {
    this.idleMinutes = settings.idleMinutes;
    for (const listener of this.settingsListeners) listener(settings);
    this.touch();
  }

  setLanguage(language: Language): void {
    if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
    this.state.vault.accounts.setLanguage(this.state.user.id, language);
    this.state = { ...this.state, user: { ...this.state.user, language } };
    writeDeviceLanguage(this.dataDir, language);
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
    const { slotId, vault, user } = this.state;
    const wait = this.throttle.secondsToWait(slotId);
    if (wait > 0) throw new AppError('throttled', { seconds: wait });
    const key = await vault.slots.open(slotId, normalisePassword(currentPassword));
    if (!key) {
      this.throttle.recordFailure(slotId);
      throw new AppError('wrong_credentials');
    }
    key.fill(0);
    if (normalisePassword(newPassword) === normalisePassword(currentPassword)) throw new AppError('password_unchanged');
    await vault.accounts.setPassword(user.id, newPassword, false);
    this.throttle.recordSuccess(slotId);
    this.refreshUser();
  }

  /**
   * Re-reads the signed-in account after it was changed, so a demotion takes effect at once and
   * disabling one's own account ends the session.
   */
  refreshUser(): void {
    if (this.state.name !== 'signed-in') return;
    if (this.callsUnderWay > 0) {
      this.afterCall.push(() => this.refreshUser());
      return;
    }
    const account = this.state.vault.accounts.bySlotId(this.state.slotId);
    if (!account || account.disabled) {
      this.signOut();
      return;
    }
    this.state = { ...this.state, user: currentUserOf(account) };
  }

  /** With the recovery key, sets a new password on any account (and re-enables it). */
  async recoverAccount(typedRecoveryKey: string, userName: string, newPassword: string): Promise<void> {
    if (this.state.name !== 'signed-out') throw new AppError('forbidden');
    const wait = this.throttle.secondsToWait(RECOVERY_SLOT_ID);
    if (wait > 0) throw new AppError('throttled', { seconds: wait });
    const current = KeySlotStore.open(this.dataDir);
    const recoveryKey = canonicalRecoveryKey(typedRecoveryKey);
    const unlocked = recoveryKey ? await unlockDatabaseKey(this.dataDir, current, RECOVERY_SLOT_ID, recoveryKey) : null;
    if (!unlocked) {
      this.recordFailure(RECOVERY_SLOT_ID);
      throw new AppError('wrong_recovery_key');
    }
    this.throttle.recordSuccess(RECOVERY_SLOT_ID);
    const { slots } = unlocked;
    const vault = this.openVault(unlocked.key, slots);
    try {
      const account = vault.accounts.bySlotId(slots.slotIdFor(userName));
      if (!account) throw new AppError('not_found');
      await inAsyncTransaction(vault.db, async () => {
        // The recovery key's holder chose this password: it is theirs, not one to replace.
        await vault.accounts.setPassword(account.id, newPassword, false);
        vault.audit.append({ action: 'recovery-reset', details: { account: account.userName } });
      });
    } finally {
      vault.close();
    }
  }

  /** Unlocks the database as one account, for the CLI's one-shot commands and for sign-in. */
  private async openVaultAs(slots: KeySlotStore, slotId: string, password: string): Promise<OpenVault> {
    const wait = this.throttle.secondsToWait(slotId);
    if (wait > 0) throw new AppError('throttled', { seconds: wait });
    const unlocked = await unlockDatabaseKey(this.dataDir, slots, slotId, normalisePassword(password));
    if (!unlocked) {
      this.recordFailure(slotId);
      throw new AppError('wrong_credentials');
    }
    return this.openVault(unlocked.key, unlocked.slots);
  }

  /**
   * A new database key (issue 12), after the supervisor's password again: the database
   * re-encrypted, the recovery slot and every enabled account's slot re-wrapped, other slots
   * dropped; the vault is then opened again under the new key. Not inside the call's transaction
   * (a rekey cannot be); its audit entry is written under the new key once it is done. A rotation
   * that fails is logged too (passed: false, with the error's code) while the vault is still open.
   */
  async rotateKey(password: string, onProgress?: (stage: KeyRotationStage) => Promise<void> | void): Promise<{ accounts: number; seconds: number; stages: KeyRotationStage[] }> {
    if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
    try {
      return await this.rotateKeySignedIn(password, onProgress);
    } catch (error) {
      this.auditFailedRotation(error);
      throw error;
    }
  }

  private async rotateKeySignedIn(
    password: string,
    onProgress?: (stage: KeyRotationStage) => Promise<void> | void,
  ): Promise<{ accounts: number; seconds: number; stages: KeyRotationStage[] }> {
    if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
    const { slotId } = this.state;
    const wait = this.throttle.secondsToWait(slotId);
    if (wait > 0) throw new AppError('throttled', { seconds: wait });
    const secret = normalisePassword(password);
    const oldKey = await KeySlotStore.open(this.dataDir).open(slotId, secret);
    if (!oldKey) {
      this.throttle.recordFailure(slotId);
      throw new AppError('wrong_credentials');
    }
    this.throttle.recordSuccess(slotId);
    // An idle lock asked for meanwhile waits for the rotation to end (as for any call).
    return this.duringCall(async () => {
      if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
      const { vault } = this.state;
      const stages: KeyRotationStage[] = [];
      const result = await rotateDatabaseKey({
        dataDir: this.dataDir,
        db: vault.db,
        oldKey,
        own: { slotId, secret },
        onProgress: async (stage) => {
          stages.push(stage);
          await onProgress?.(stage);
        },
      })
        .catch((error: unknown) => {
          // A refusal changed nothing, nor did a failure before the re-encryption began (writing
          // the pending slot file). Any other failure may have come after the rekey, with this
          // vault still holding the old key: sign out; the next sign-in finishes the rotation.
          if (!(error instanceof AppError) && stages.length > 0) {
            vault.close();
            this.state = { name: 'signed-out' };
          }
          throw error;
        })
        .finally(() => oldKey.fill(0));
      // The open vault holds the old key: open it again under the new one.
      vault.close();
      try {
        this.state = { ...this.state, vault: OpenVault.open(this.dataDir, result.newKey, result.slots, { create: false }) };
      } catch (error) {
        this.state = { name: 'signed-out' };
        throw error;
      }
      const seconds = Math.round(result.milliseconds / 100) / 10;
      this.audit({ action: 'key-rotation', details: { accounts: result.accounts, seconds, passed: true } });
      return { accounts: result.accounts, seconds, stages };
    });
  }

  /**
   * A rotation that failed, in the audit log with its error's code, when the vault is still open
   * (a failure that may have come after the rekey signed out: nothing can be written then). When
   * even that write fails (a program holding the database for longer than the busy timeout,
   * another process that changed the key meanwhile), the rotation's own error is what the caller
   * hears, and the attempt is not logged.
   */
  private auditFailedRotation(error: unknown): void {
    if (this.state.name !== 'signed-in') return;
    const code = error instanceof AppError ? error.code : (failureOf(error)?.code ?? 'internal');
    const { vault } = this.state;
    try {
      // BEGIN IMMEDIATE waits (the busy timeout) for a program still writing, the likeliest cause of
      // a refused rekey; the append's own transaction, deferred, would be refused at once.
      vault.db.transaction(() => this.audit({ action: 'key-rotation', details: { passed: false, error: code } })).immediate();
    } catch {
      // Nothing more to do: the error that stopped the rotation is thrown on.
    }
  }

  /** Backs off, and keeps the failure for the audit log until the database is next unlocked. */
  private recordFailure(slotId: string): void {
    this.throttle.recordFailure(slotId);
    this.pendingFailures.add(slotId, new Date(this.now()));
  }

  /**
   * Appends to the audit log as the signed-in user; a no-op when nothing is unlocked. Called inside
   * the transaction of the change it records (see runAudited), so both are written or neither.
   */
  audit(draft: AuditDraft): void {
    if (this.state.name !== 'signed-in') return;
    const { user, vault } = this.state;
    // A record asked for by the id of a record merged into another is read through the record kept:
    // the entry names the record that was shown.
    const personId = draft.personId !== undefined ? vault.people.keptRecordOf(draft.personId) : undefined;
    // Entries about a record carry its number, so the audit screen can filter by it.
    const registrationNumber =
      personId === undefined || (personId === draft.personId && draft.registrationNumber) ? draft.registrationNumber : vault.people.registrationNumberOf(personId);
    vault.audit.append({ ...auditorOf(user), ...draft, ...(personId !== undefined ? { personId } : {}), ...(registrationNumber ? { registrationNumber } : {}) });
  }

  /**
   * Runs one call: its change and its audit entry in one transaction, so a crash or a failure
   * anywhere leaves both or neither. `deliver` (the CLI writing an exported file) runs inside it
   * too, so nothing is logged as done that was not done. A lock or a sign-out asked for meanwhile
   * (idle timer, the OS locking) waits for the call to end.
   */
  async runAudited<T>(work: () => Promise<T> | T, entryOf: ((value: T) => AuditDraft | undefined) | undefined): Promise<T> {
    if (this.state.name !== 'signed-in') return work();
    const { vault } = this.state;
    return this.duringCall(async () => {
      try {
        return await inAsyncTransaction(vault.db, async () => {
          const value = await work();
          const draft = entryOf?.(value);
          if (draft) this.audit(draft);
          return value;
        });
      } catch (error) {
        // A key slot written for a change that was rolled back must not outlive it.
        if (vault.db.open) vault.reconcileKeySlots();
        throw error;
      }
    });
  }

  /**
   * Runs a long call that yields to the host between its steps (a backup, a drill, a rotation): a
   * lock asked for meanwhile (idle timer, the OS locking, the lid closed) waits for it to end, so
   * the vault is never closed under it and its entry is written.
   */
  async duringCall<T>(work: () => Promise<T>): Promise<T> {
    this.callsUnderWay += 1;
    try {
      return await work();
    } finally {
      this.callsUnderWay -= 1;
      if (this.callsUnderWay === 0) for (const deferred of this.afterCall.splice(0)) deferred();
    }
  }

  /**
   * The signed-in user's own password checked by other means (a backup's key slots, in a drill):
   * held back and counted as a sign-in is, so it is no way round the throttle.
   */
  async throttledPasswordCheck<T>(check: () => Promise<T>): Promise<T> {
    if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
    const { slotId } = this.state;
    const wait = this.throttle.secondsToWait(slotId);
    if (wait > 0) throw new AppError('throttled', { seconds: wait });
    try {
      const value = await check();
      this.throttle.recordSuccess(slotId);
      return value;
    } catch (error) {
      // A backup's key slots refuse it with their own code, naming the backup's date: still a wrong try.
      if (error instanceof AppError && (error.code === 'wrong_credentials' || error.code === 'backup_wrong_credentials')) this.throttle.recordFailure(slotId);
      throw error;
    }
  }

  /**
   * This record is now shown to the user (opened, or just registered and shown in its place). When
   * it is another than the last one shown, the site's "restricted when a record opens" switches the
   * screen to restricted: it applies to openings, not to reloading the record the user is on, and
   * not to a screen already restricted. True when it applied (the screen switched).
   */
  showRecord(personId: number): boolean {
    const isNewOpening = this.lastOpenedPersonId !== personId;
    this.lastOpenedPersonId = personId;
    if (!isNewOpening || !this.vault.settings.get().restrictedOnOpen || this.viewMode === 'restricted') return false;
    this.setViewMode('restricted');
    return true;
  }

  get viewMode(): ViewMode {
    return this.state.name === 'signed-in' ? this.state.user.viewMode : 'restricted';
  }

  setViewMode(mode: ViewMode): void {
    if (this.state.name !== 'signed-in') throw new AppError('not_signed_in');
    this.state.vault.accounts.setViewMode(this.state.user.id, mode);
    this.state = { ...this.state, user: { ...this.state.user, viewMode: mode } };
  }

  private openVault(key: Buffer, slots: KeySlotStore): OpenVault {
    try {
      return OpenVault.open(this.dataDir, key, slots, { create: false });
    } catch (error) {
      key.fill(0);
      if (error instanceof DatabaseNewerError) throw new AppError('vault_newer', { found: error.found, supported: error.supported });
      // The key was right for keyslots.json, but the database was given another since.
      const rotatedAt = slotFileOutdatedSince(this.dataDir, slots);
      if (rotatedAt) throw new AppError('key_slots_outdated', { rotatedAt });
      throw new AppError('vault_damaged');
    }
  }

  private becomeSignedIn(vault: OpenVault, account: AccountRecord, how: 'sign-in' | 'unlock' | 'setup'): CurrentUser {
    const user = currentUserOf(account);
    this.state = { name: 'signed-in', user, slotId: account.slotId, vault };
    // Every change from now on is recorded, for the exchange, as this account's (migration 11).
    setActor(vault.db, user.id);
    this.lastOpenedPersonId = undefined;
    this.applySettings(vault.settings.get());
    writePendingToAudit(vault, this.pendingFailures);
    if (how !== 'setup') this.audit({ action: how });
    this.touch();
    return user;
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** For shutdown: close everything, drop the key. */
  close(): void {
    this.signOut();
  }
}
