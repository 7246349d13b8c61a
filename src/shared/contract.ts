/**
 * The one contract between the renderer (or the CLI) and main. Each method declares its input
 * schema (checked in main before any service runs), its output shape, and who may call it.
 * Main binds every method to a handler; the preload and the web host only carry calls across.
 */
import { z } from 'zod';
import { LANGUAGES } from './languages';
import { ROLES, type Role } from './roles';
import { PASSWORD_MAX_LENGTH } from './passwords';
import {
  addSpecificNeedSchema,
  changeSpecificNeedSchema,
  CONSENT_PURPOSES,
  FIELD_KEYS,
  RELATIONSHIPS,
  specificNeedEntrySchema,
} from './catalogue';
import { auditEntrySchema, auditFilterSchema, REVEAL_REASONS } from './audit';
import { statsExportRequestSchema, statsFileSchema, statsReportSchema, statsRequestSchema } from './stats';
import {
  duplicatePairSchema,
  duplicateQuerySchema,
  familyLinkSchema,
  mergeResultSchema,
  familyUnitSchema,
  historyEntrySchema,
  personSummarySchema,
  personViewSchema,
  registerInputSchema,
  registerHouseholdInputSchema,
  updateInputSchema,
  importRowsSchema,
} from './people';
import { workListResultSchema, workListSchema, workListSortSchema } from './work-lists';
import { slipRequestSchema } from './slip';
import { PROVIDER_KEEPERS, leafletRequestSchema, providerEntrySchema, providerFilterSchema, providerSchema } from './providers';
import {
  overdueReferralSchema,
  referralInputSchema,
  referralOptionSchema,
  referralSlipRequestSchema,
  referralViewSchema,
} from './referral-schemas';
import { REFERRAL_STATUSES, SERVICES } from './referrals';
import { recordListFilterSchema, recordStatusChangeSchema } from './record-status';
import { keptDraftContentSchema, keptDraftSubjectSchema, keptDraftSummarySchema } from './kept-drafts';
import { DECISION_SUBJECTS } from './exchange-conflicts';

export const SESSION_STATES = ['not-set-up', 'signed-out', 'locked', 'signed-in'] as const;
export type SessionStateName = (typeof SESSION_STATES)[number];

/** Where a call comes from: the app's window (Electron IPC or the web host) or the admin CLI. */
export const CHANNELS = ['ui', 'cli'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who may call a method: the session states it is allowed in and, once signed in, the roles. */
export interface Access {
  readonly states: readonly SessionStateName[];
  /** The roles allowed once someone is signed in or locked; an empty list lets nobody in. */
  readonly roles: readonly Role[];
  /** Defaults to every channel; the raw key, for one, never goes to a window. */
  readonly channels?: readonly Channel[];
  /**
   * Runs at once, beside a long call under way, instead of after it: only for methods that read
   * what the core holds in memory (the progress of that call), never the database.
   */
  readonly unqueued?: boolean;
  /**
   * Allowed to an account whose password a supervisor set, before it chooses its own; every other
   * method is refused with password_change_due (src/main/app/dispatch.ts).
   */
  readonly whilePasswordChangeDue?: boolean;
}

const everyRole = ROLES;
const anyState: Access = { states: SESSION_STATES, roles: everyRole, whilePasswordChangeDue: true };
const beforeSetup: Access = { states: ['not-set-up'], roles: everyRole };
const signedOut: Access = { states: ['signed-out'], roles: everyRole };
const lockedOnly: Access = { states: ['locked'], roles: everyRole };
const signedIn = (...roles: Role[]): Access => ({ states: ['signed-in'], roles });
const cliOnly = (access: Access): Access => ({ ...access, channels: ['cli'] });
/** Allowed before a person replaces the password a supervisor gave them: their own session only. */
const ownSession: Access = { ...signedIn(...everyRole), whilePasswordChangeDue: true };
/** The desk roles: they register people, change records and hand out registration slips. */
const deskRoles = signedIn('clerk', 'protection');
/** The keepers of the service directory (PROVIDER_KEEPERS). */
const directoryKeepers = signedIn(...PROVIDER_KEEPERS);

const language = z.enum(LANGUAGES);
const role = z.enum(ROLES);
const userName = z.string().trim().min(1).max(100);
// The policy (length, common passwords) is checked in main with its own error codes;
// the schema only bounds the size so nothing huge reaches the KDF.
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH * 4);
const accountId = z.number().int().positive();
const personId = z.number().int().positive();
const unitId = z.number().int().positive();
const providerId = z.number().int().positive();
const none = z.object({}).strict();

/** What a key rotation reports, in order: the database re-encrypted, the key slots re-wrapped, done. */
export const KEY_ROTATION_STAGES = ['re-encrypting', 're-wrapping', 'done'] as const;
export type KeyRotationStage = (typeof KEY_ROTATION_STAGES)[number];

export const VIEW_MODES = ['normal', 'restricted'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];
const viewMode = z.enum(VIEW_MODES);

const currentUser = z.object({
  id: accountId,
  userName: z.string(),
  role,
  language,
  /** The restricted screen masks every tier-1 and tier-2 value; remembered per user. */
  viewMode,
  /** A supervisor set the password: the person chooses their own before anything else. */
  passwordChangeDue: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUser>;

const account = z.object({
  id: accountId,
  userName: z.string(),
  role,
  language,
  disabled: z.boolean(),
  createdAt: z.string(),
  /** The password was set by a supervisor and not yet changed by the person. */
  passwordChangeDue: z.boolean(),
});
export type Account = z.infer<typeof account>;

export const IDLE_MINUTES_MIN = 1;
export const IDLE_MINUTES_MAX = 30;
export const IDLE_MINUTES_DEFAULT = 5;
/** Registration numbers start with the site's prefix: 2 to 8 capitals or digits, the first a letter. */
export const SITE_PREFIX_PATTERN = '[A-Z][A-Z0-9]{1,7}';
export const SITE_PREFIX_DEFAULT = 'REG';
export const SITE_NAME_MAX = 120;

const siteSettings = z.object({
  idleMinutes: z.number().int().min(IDLE_MINUTES_MIN).max(IDLE_MINUTES_MAX),
  /** Opening a record switches the user to the restricted screen. */
  restrictedOnOpen: z.boolean(),
  /** Ask the OS to keep the window out of screenshots and screen sharing (Electron). */
  contentProtection: z.boolean(),
  /** For numbers given from now on; each prefix has its own sequence, so no number is ever reused. */
  sitePrefix: z.string().regex(new RegExp(`^${SITE_PREFIX_PATTERN}$`)),
  /** The site's name as statistics exports print it; empty when a supervisor gives none. */
  siteName: z.string().trim().max(SITE_NAME_MAX).regex(/^[^\p{Cc}\p{Cf}]*$/u),
  /** Clerks may refer people to providers of the directory; protection officers always may (issue 16). */
  clerksMayRefer: z.boolean(),
});
export type SiteSettings = z.infer<typeof siteSettings>;

const status = z.object({
  state: z.enum(SESSION_STATES),
  /** The language of the sign-in and setup screens on this device. */
  deviceLanguage: language,
  /** Present when signed in or locked: who, so the lock screen can name the account. */
  user: currentUser.optional(),
  idleMinutes: z.number().int(),
  /**
   * Present when the site is set up but a file it cannot be opened without (keyslots.json) is
   * missing or damaged: the sign-in screen names the file and says how to restore it.
   */
  damaged: z.object({ file: z.string() }).optional(),
  /** The host can show the system's folder picker (the Electron app); the web host cannot. */
  canPickFolder: z.boolean(),
  /** The host can show the system's file picker (the Electron app): the enrolment file on the set-up screen. */
  canPickFile: z.boolean(),
  /** The host can show the system's save-file picker (the Electron app): where a supervisor writes an enrolment file. */
  canPickSaveFile: z.boolean(),
});
export type AppStatus = z.infer<typeof status>;

const backupPath = z.string().trim().min(1).max(4096);
const backupPlace = z.object({ at: z.string(), path: z.string() });
const chainCheck = z.union([
  z.object({ sound: z.literal(true), entries: z.number().int() }),
  z.object({ sound: z.literal(false), entries: z.number().int(), brokenAt: z.number().int(), reason: z.enum(['edited', 'missing-or-reordered']) }),
]);
const conflictSchema = z.object({
  id: z.number().int(),
  entity: z.string(),
  field: z.string(),
  registrationNumber: z.string().optional(),
  personId: z.number().int().optional(),
  keptValue: z.unknown().optional(),
  otherValue: z.unknown().optional(),
  hidden: z.boolean(),
  /** Set when a person must decide (issue 13): the record says so until the decision, which travels. */
  awaitsDecision: z.enum(DECISION_SUBJECTS).optional(),
  keptDesk: z.number().int(),
  otherDesk: z.number().int(),
  foundAt: z.string(),
  resolvedAt: z.string().nullable(),
});
const deskSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  publicKey: z.string(),
  enrolledAt: z.string(),
  retiredAt: z.string().nullable(),
  thisDesk: z.boolean(),
});
/** A one-time passphrase for an enrolment file: it alone (through scrypt) protects the site exchange key in it. */
export const ENROLMENT_PASSPHRASE_MIN = 16;
const enrolmentPassphrase = z.string().min(ENROLMENT_PASSPHRASE_MIN).max(1024);
export const BACKUP_GENERATIONS_MAX = 100;
export const BACKUP_REMINDER_DAYS_MIN = 1;
export const BACKUP_REMINDER_DAYS_MAX = 90;
export const BACKUP_REMINDER_DAYS_DEFAULT = 7;
/** The app asks for a restore drill when none has passed for this long (issue 12: monthly). */
export const BACKUP_DRILL_DAYS = 30;
const backupStatus = z.object({
  /** How many backups are kept in a backup folder. */
  generations: z.number().int(),
  /** The folder a supervisor chose for the app's backups (the CLI names its own with --to). */
  folder: z.string().optional(),
  /** Remind when the last verified backup is older than this many days. */
  reminderDays: z.number().int(),
  lastVerified: backupPlace.optional(),
  lastDrill: backupPlace.optional(),
  /** No verified backup, or the last one is older than reminderDays. */
  backupDue: z.boolean(),
  /** A verified backup exists and no drill has passed in BACKUP_DRILL_DAYS days. */
  drillDue: z.boolean(),
  /** As app.status's canPickFolder: the Settings panel reads it here. */
  canChooseFolder: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatus>;
const backupResult = z.object({
  path: z.string(),
  name: z.string(),
  createdAt: z.string(),
  people: z.number().int(),
  auditEntries: z.number().int(),
  /** False when the audit log was not sound: the backup was made all the same, holding it as it was. */
  auditLogSound: z.boolean(),
  bytes: z.number().int(),
  removed: z.array(z.string()),
});
export type BackupResult = z.infer<typeof backupResult>;
const restoreReport = z.object({
  from: z.string(),
  to: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  people: z.number().int(),
  auditEntries: z.number().int(),
  auditLogSound: z.boolean(),
});
export type RestoreReport = z.infer<typeof restoreReport>;
/** The steps of a long call, in order, as its progress reports them. */
export const BACKUP_STEPS = ['copying', 'hashing', 're-reading', 'checking', 'finishing'] as const;
export type BackupStep = (typeof BACKUP_STEPS)[number];
const stepCounts = { done: z.number().int(), total: z.number().int() };
const progress = z
  .discriminatedUnion('task', [
    /** done: the steps finished, of total (BACKUP_STEPS.length). */
    z.object({ task: z.literal('backup'), step: z.enum(BACKUP_STEPS), ...stepCounts }),
    z.object({ task: z.literal('key-rotation'), step: z.enum(KEY_ROTATION_STAGES), ...stepCounts }),
  ])
  .nullable();
export type Progress = z.infer<typeof progress>;

/**
 * A password a supervisor sets is asked to be replaced at the account's next sign-in, unless they
 * say otherwise (an account for a script, or a password agreed in person).
 */
const changePasswordAtSignIn = z.boolean().default(true);

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access) => ({
  input,
  output,
  access,
});

export const contract = {
  'app.status': method(none, status, anyState),
  'app.setDeviceLanguage': method(z.object({ language }).strict(), z.null(), anyState),

  'setup.create': method(
    z.object({ userName, password, language }).strict(),
    z.object({ recoveryKey: z.string() }),
    beforeSetup,
  ),

  'session.signIn': method(z.object({ userName, password }).strict(), currentUser, signedOut),
  'session.unlock': method(z.object({ password }).strict(), currentUser, lockedOnly),
  'session.lock': method(none, z.null(), ownSession),
  'session.signOut': method(none, z.null(), { states: ['signed-in', 'locked'], roles: everyRole, whilePasswordChangeDue: true }),
  'session.touch': method(none, z.null(), ownSession),
  'session.setLanguage': method(z.object({ language }).strict(), z.null(), ownSession),
  'session.setViewMode': method(z.object({ mode: viewMode }).strict(), z.null(), signedIn(...everyRole)),
  'session.changePassword': method(
    z.object({ currentPassword: password, newPassword: password }).strict(),
    z.null(),
    ownSession,
  ),

  'recovery.resetPassword': method(
    z.object({ recoveryKey: z.string().min(1).max(200), userName, newPassword: password }).strict(),
    z.null(),
    signedOut,
  ),

  'accounts.list': method(none, z.array(account), signedIn('supervisor')),
  'accounts.create': method(
    z.object({ userName, role, password, language, changePasswordAtSignIn }).strict(),
    account,
    signedIn('supervisor'),
  ),
  'accounts.setRole': method(z.object({ id: accountId, role }).strict(), account, signedIn('supervisor')),
  'accounts.disable': method(z.object({ id: accountId }).strict(), account, signedIn('supervisor')),
  /** Sets a new password and re-enables a disabled account. */
  'accounts.resetPassword': method(
    z.object({ id: accountId, password, changePasswordAtSignIn }).strict(),
    account,
    signedIn('supervisor'),
  ),

  'vault.verify': method(
    none,
    z.object({
      integrity: z.array(z.string()),
      schemaVersion: z.number().int(),
      expectedSchemaVersion: z.number().int(),
      audit: chainCheck,
      /** The audit chains received from the site's other desks (issue 13), each walked the same way. */
      otherDesks: z.array(
        z.object({
          desk: z.number().int(),
          audit: chainCheck,
          /** Lines the desk's chain left when it was put back (a backup, a copy of its folder) and wrote on from an earlier entry. */
          leftLines: z.array(z.object({ wentOnAfter: z.number().int(), audit: chainCheck, byRestore: z.boolean() })),
        }),
      ),
      /** The log's end against its head (kept apart, under a MAC): entries cut from the end are counted. */
      auditHead: z.union([
        z.object({ status: z.literal('sound'), entries: z.number().int() }),
        z.object({ status: z.enum(['cut', 'differs']), recorded: z.number().int(), found: z.number().int() }),
        z.object({ status: z.enum(['forged', 'missing', 'unsealed']) }),
      ]),
      coverage: z.union([
        z.object({ complete: z.literal(true), people: z.number().int(), accounts: z.number().int(), consents: z.number().int() }),
        z.object({
          complete: z.literal(false),
          firstMissing: z.union([
            z.object({ kind: z.literal('person'), registrationNumber: z.string() }),
            z.object({ kind: z.literal('account'), accountId: z.number().int() }),
            z.object({ kind: z.literal('consent'), registrationNumber: z.string(), purpose: z.string(), change: z.enum(['given', 'withdrawn']) }),
          ]),
        }),
      ]),
    }),
    signedIn(...everyRole),
  ),
  // A new database key (issue 12): the supervisor's password again, as for changing one's own.
  'vault.rotateKey': method(
    z.object({ password }).strict(),
    z.object({
      accounts: z.number().int(),
      seconds: z.number(),
      stages: z.array(z.enum(KEY_ROTATION_STAGES)),
    }),
    signedIn('supervisor'),
  ),
  'vault.exportKey': method(none, z.object({ databaseKeyHex: z.string() }), {
    ...signedIn('supervisor'),
    channels: ['cli'],
  }),

  // People: registering and changing records is desk work; everyone signed in may find and read,
  // through redaction in main.
  'people.register': method(registerInputSchema, personViewSchema, deskRoles),
  /** A household in one go (issue 15): the focal point and its members with the unit, one transaction; the focal point's record back. */
  'people.registerHousehold': method(registerHouseholdInputSchema, personViewSchema, deskRoles),
  'people.update': method(updateInputSchema, personViewSchema, deskRoles),
  /** The registration slip (issue 15): tier 0 only, in the person's language; HTML to print, or PDF. */
  'people.slip': method(slipRequestSchema, statsFileSchema, deskRoles),
  'people.get': method(z.object({ id: personId }).strict(), personViewSchema, signedIn(...everyRole)),
  /** One masked or restricted field, for a reason, logged; the UI shows it for REVEAL_SECONDS. */
  'people.reveal': method(
    z
      .object({
        id: personId,
        field: z.enum(FIELD_KEYS),
        reason: z.enum(REVEAL_REASONS),
        reasonText: z.string().trim().min(1).max(300).optional(),
      })
      .strict(),
    z.object({ field: z.enum(FIELD_KEYS), value: z.unknown(), seconds: z.number().int() }),
    signedIn(...everyRole),
  ),
  'people.history': method(z.object({ id: personId }).strict(), z.array(historyEntrySchema), signedIn(...everyRole)),
  'people.setConsent': method(
    z.object({ id: personId, purpose: z.enum(CONSENT_PURPOSES), given: z.boolean() }).strict(),
    personViewSchema,
    signedIn('clerk', 'protection'),
  ),
  /**
   * A record's status (issue 15): tier 0, set by the desk roles, read by everyone. A new row of the
   * record's status history; nothing is deleted.
   */
  'people.setStatus': method(recordStatusChangeSchema.extend({ id: personId }).strict(), personViewSchema, deskRoles),
  // Lists show the active records unless `show` asks for every record or those not active.
  'people.search': method(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional(), show: recordListFilterSchema.optional() }).strict(),
    z.array(personSummarySchema),
    signedIn(...everyRole),
  ),
  'people.recent': method(
    z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500), show: recordListFilterSchema.optional() }).strict(),
    z.object({ total: z.number().int(), items: z.array(personSummarySchema) }),
    signedIn(...everyRole),
  ),
  'people.duplicates': method(duplicateQuerySchema, z.array(personSummarySchema), signedIn('clerk', 'protection')),
  'people.seed': method(
    z.object({ count: z.number().int().min(1).max(2_000_000), seed: z.number().int().min(0).max(2 ** 32 - 1) }).strict(),
    z.object({ people: z.number().int(), households: z.number().int() }),
    { ...signedIn('clerk', 'protection'), channels: ['cli'] },
  ),

  // The duplicates review is protection officers' work: a merge moves consents and history of every tier.
  'duplicates.list': method(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.array(duplicatePairSchema),
    signedIn('protection'),
  ),
  'duplicates.merge': method(z.object({ keptId: personId, mergedId: personId }).strict(), mergeResultSchema, signedIn('protection')),
  // By the merge's id (the screen), or by the merged record's number (the CLI): main finds its live merge.
  'duplicates.undoMerge': method(
    z.union([z.object({ mergeId: personId }).strict(), z.object({ mergedNumber: z.string().trim().min(1).max(40) }).strict()]),
    mergeResultSchema,
    signedIn('protection'),
  ),
  'duplicates.notSame': method(
    z.object({ firstId: personId, secondId: personId }).strict(),
    z.object({ registrationNumbers: z.array(z.string()) }),
    signedIn('protection'),
  ),

  /** Nothing is imported while a row is a likely duplicate, unless allowDuplicates (after seeing them). */
  'people.import': method(
    z.object({ rows: importRowsSchema, dryRun: z.boolean(), allowDuplicates: z.boolean().default(false) }).strict(),
    z.object({
      imported: z.number().int(),
      rejected: z.array(z.object({ line: z.number().int(), column: z.string().optional(), reason: z.string() })),
      duplicates: z.array(z.object({ line: z.number().int(), registrationNumbers: z.array(z.string()), lines: z.array(z.number().int()) })),
    }),
    { ...signedIn('clerk', 'protection'), channels: ['cli'] },
  ),

  'families.link': method(
    familyLinkSchema.extend({ personId }).strict(),
    familyUnitSchema,
    signedIn('clerk', 'protection'),
  ),
  'families.remove': method(z.object({ personId }).strict(), z.null(), signedIn('clerk', 'protection')),
  'families.setRelationship': method(
    z.object({ personId, relationship: z.enum(RELATIONSHIPS), relationshipText: z.string().trim().min(1).max(200).optional() }).strict(),
    familyUnitSchema,
    signedIn('clerk', 'protection'),
  ),
  'families.split': method(
    z.object({ unitId, personIds: z.array(personId).min(1).max(50) }).strict(),
    familyUnitSchema,
    signedIn('clerk', 'protection'),
  ),
  'families.merge': method(z.object({ intoUnitId: unitId, fromUnitId: unitId }).strict(), familyUnitSchema, signedIn('clerk', 'protection')),
  'families.setKeepTogether': method(
    z.object({ unitId, keepTogether: z.boolean() }).strict(),
    familyUnitSchema,
    signedIn('clerk', 'protection'),
  ),

  /**
   * Work lists (issue 15): desk roles, within the tiers they read in the view mode in use; a list
   * chosen by a tier-1 or tier-2 value is refused to a reader of lower tiers. The CSV holds the
   * same columns, in the order on screen, UTF-8 with a byte-order mark.
   */
  'workLists.get': method(z.object({ list: workListSchema, show: recordListFilterSchema.optional() }).strict(), workListResultSchema, signedIn('clerk', 'protection')),
  'workLists.exportCsv': method(
    z.object({ list: workListSchema, sort: workListSortSchema, show: recordListFilterSchema.optional() }).strict(),
    z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string(), rows: z.number().int(), tier: workListResultSchema.shape.tier }),
    signedIn('clerk', 'protection'),
  ),

  /**
   * The service directory (issue 16): every signed-in role reads it (without the focal point and
   * the internal note unless it keeps it); supervisors and protection officers keep it. Entries
   * are retired, never deleted. The CSV (src/main/referrals/provider-csv.ts) holds every column,
   * the note and the focal point included: keepers only.
   */
  'providers.list': method(providerFilterSchema, z.array(providerSchema), signedIn(...everyRole)),
  'providers.get': method(z.object({ id: providerId }).strict(), providerSchema, signedIn(...everyRole)),
  'providers.add': method(providerEntrySchema, providerSchema, directoryKeepers),
  'providers.update': method(z.object({ id: providerId, entry: providerEntrySchema }).strict(), providerSchema, directoryKeepers),
  'providers.retire': method(z.object({ id: providerId }).strict(), providerSchema, directoryKeepers),
  /** All or nothing: any problem (by line and column) and nothing is written; a row with an `id` updates that entry. */
  'providers.import': method(
    z.object({ rows: importRowsSchema, dryRun: z.boolean() }).strict(),
    z.object({
      added: z.number().int(),
      updated: z.number().int(),
      rejected: z.array(z.object({ line: z.number().int(), column: z.string().optional(), reason: z.string() })),
    }),
    cliOnly(directoryKeepers),
  ),
  'providers.exportCsv': method(none, z.object({ csv: z.string(), entries: z.number().int() }), directoryKeepers),
  /** A leaflet of services in one language (HTML to print, or PDF): names, services, addresses, hours; nothing of any person. */
  'providers.leaflet': method(leafletRequestSchema, statsFileSchema.extend({ entries: z.number().int() }), signedIn(...everyRole)),
  /**
   * Referrals (issue 16): protection officers, and clerks where the site allows it (checked in main,
   * which says which). Shared fields are chosen one by one, starting empty; main refuses a field
   * the caller may not read in the view mode in use, and a tier-2 field without the explicit tick.
   */
  'referrals.options': method(
    z.object({ services: z.array(z.enum(SERVICES)).max(SERVICES.length) }).strict(),
    z.array(referralOptionSchema),
    signedIn('clerk', 'protection'),
  ),
  'referrals.create': method(referralInputSchema, referralViewSchema, signedIn('clerk', 'protection')),
  /** A record's referrals; mayRefer false (and no referrals) for a clerk where the site does not allow it. */
  'referrals.list': method(
    z.object({ personId }).strict(),
    z.object({ mayRefer: z.boolean(), referrals: z.array(referralViewSchema) }),
    signedIn('clerk', 'protection'),
  ),
  'referrals.setStatus': method(
    z.object({ id: z.number().int().positive(), status: z.enum(REFERRAL_STATUSES), happenedOn: z.iso.date().optional() }).strict(),
    referralViewSchema,
    signedIn('clerk', 'protection'),
  ),
  'referrals.overdue': method(none, z.array(overdueReferralSchema), signedIn('clerk', 'protection')),
  /** The provider's slip (the chosen fields only, read at print time) or the person's (the provider's address and hours). */
  'referrals.slip': method(referralSlipRequestSchema, statsFileSchema, signedIn('clerk', 'protection')),

  'audit.list': method(auditFilterSchema, z.array(auditEntrySchema), signedIn('supervisor')),
  /** The filtered log as CSV text (UTF-8 with BOM), staff names and record numbers only. */
  'audit.exportCsv': method(auditFilterSchema, z.object({ csv: z.string(), entries: z.number().int() }), signedIn('supervisor')),

  /** Anonymised tables for a period, after disclosure control; supervisors only. */
  'stats.compute': method(statsRequestSchema, statsReportSchema, signedIn('supervisor')),
  'stats.export': method(statsExportRequestSchema, statsFileSchema, signedIn('supervisor')),

  /** The progress of the long call under way (a backup, a key rotation), answered beside it; null when none. */
  'app.progress': method(none, progress, { ...signedIn('supervisor'), unqueued: true }),

  // The desks of a site (issue 13): each with its global id, its number (in the registration
  // numbers it gives) and the public key that checks what it sends.
  'desks.list': method(
    none,
    // canChooseFile: as app.status's canPickSaveFile, read here by the panel that enrols a desk.
    z.object({ siteId: z.string(), desks: z.array(deskSchema), canChooseFile: z.boolean() }),
    signedIn('supervisor'),
  ),
  /**
   * Enrols a new desk: the enrolment file, encrypted under a one-time passphrase the supervisor
   * gives the new desk apart from the file. It carries the site exchange key and the accounts' slot
   * key pairs: hand it over on a stick, then delete it. The file's path is the supervisor's input
   * (typed in the window), checked by main: absolute, in a folder that is there, never over a file.
   */
  'desks.enrol': method(
    z.object({ out: backupPath, passphrase: enrolmentPassphrase }).strict(),
    z.object({ file: z.string(), desk: z.object({ id: z.string(), number: z.number().int() }), accounts: z.number().int(), notCarried: z.number().int() }),
    signedIn('supervisor'),
  ),
  /**
   * Retires a desk (a lost, stolen or replaced laptop): recorded here with the time; its bundles will
   * be refused beyond what the site had from it. This desk cannot retire itself.
   */
  'desks.retire': method(z.object({ number: z.number().int().min(1).max(9999) }).strict(), deskSchema, signedIn('supervisor')),
  /**
   * Before set-up, from the set-up screen or the CLI: makes this data folder a desk of the
   * enrolment's site; the accounts sign in with their own passwords. The file's path is the
   * caller's input (typed or picked), checked by main: absolute, a regular file that is there, of
   * bounded size.
   */
  'desks.join': method(
    z.object({ enrolment: backupPath, passphrase: enrolmentPassphrase }).strict(),
    z.object({ siteId: z.string(), desk: z.object({ id: z.string(), number: z.number().int() }), accounts: z.number().int() }),
    beforeSetup,
  ),

  /**
   * One exchange through a folder (a stick, a shared or synced folder): applies every new bundle of
   * the site's other desks found there, then writes this desk's. Any signed-in account may carry
   * the stick. The folder is the caller's input, checked by main: absolute, a folder that is there.
   */
  'exchange.run': method(
    z.object({ folder: backupPath }).strict(),
    z.object({
      written: z.number().int(),
      applied: z.number().int(),
      refused: z.number().int(),
      conflicts: z.number().int(),
      waiting: z.number().int(),
      gaps: z.number().int(),
      bundleWritten: z.string().nullable(),
      refusals: z.array(z.object({ file: z.string(), code: z.string(), desk: z.number().int().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
      /** Pairs of a record that came now and one of another desk that look like one person (null: too many came to count). */
      lookAlikes: z.number().int().nullable(),
      /** Minutes this laptop's clock is behind every other desk whose bundle was read (two or more); null when it is not. */
      clockBehind: z.number().int().nullable(),
      /** Desks whose bundle was written later than this laptop's time now, by how many minutes. */
      clockAhead: z.array(z.object({ desk: z.number().int(), minutes: z.number().int() })),
    }),
    signedIn(...everyRole),
  ),

  /** When this desk last exchanged, what it has of each desk, open conflicts (for roles who review them). */
  'exchange.status': method(
    none,
    z.object({
      lastExchangeAt: z.string().nullable(),
      desks: z.array(z.object({ number: z.number().int(), thisDesk: z.boolean(), lastBundleAt: z.string().nullable(), appliedSeq: z.number().int(), acknowledgedSeq: z.number().int() })),
      openConflicts: z.number().int(),
      awaitingDecision: z.number().int(),
      waiting: z.number().int(),
    }),
    signedIn(...everyRole),
  ),
  /**
   * Fields two desks changed concurrently, already settled by the merge rule. A person's field is
   * listed to roles who work with its tier, with values only if they may read them; anything else
   * to supervisors.
   */
  'exchange.conflicts': method(z.object({ open: z.boolean() }).strict(), z.array(conflictSchema), signedIn('protection', 'supervisor')),
  /** Keeps the value the rule kept, or writes the other one as a new change that every desk takes. */
  'exchange.resolveConflict': method(
    z.object({ id: z.number().int().min(1), choose: z.enum(['kept', 'other']) }).strict(),
    z.object({ entity: z.string(), field: z.string(), personId: z.number().int().optional(), registrationNumber: z.string().optional() }),
    signedIn('protection', 'supervisor'),
  ),

  // Backups: made, verified where written, and drilled by a supervisor. A restore has no vault open:
  // it runs before set-up, into this data folder, from the set-up screen or the admin CLI, as a
  // supervisor of the backup. The window's backups go into the folder saved in Site settings: a
  // supervisor's input (typed, or filled in by the system's picker), checked by main when saved and
  // when used; a backup call from a window names no folder, and pruning removes only this site's.
  'backup.status': method(none, backupStatus, signedIn('supervisor')),
  'backup.setOptions': method(
    z
      .object({
        generations: z.number().int().min(1).max(BACKUP_GENERATIONS_MAX).optional(),
        reminderDays: z.number().int().min(BACKUP_REMINDER_DAYS_MIN).max(BACKUP_REMINDER_DAYS_MAX).optional(),
        folder: backupPath.optional(),
      })
      .strict(),
    backupStatus,
    signedIn('supervisor'),
  ),
  /**
   * The system's folder picker (Electron): the folder for backups, or the backup to restore before
   * set-up. It only returns the path; what is done with it is checked by the call that uses it.
   */
  'app.pickFolder': method(z.object({ current: backupPath.optional() }).strict(), z.object({ folder: z.string().optional() }), {
    states: ['not-set-up', 'signed-in'],
    roles: ['supervisor'],
  }),
  /**
   * The system's file picker (Electron), before set-up: the enrolment file of a desk joining the
   * site. It only returns the path; desks.join checks the file.
   */
  'app.pickFile': method(z.object({ current: backupPath.optional() }).strict(), z.object({ file: z.string().optional() }), { states: ['not-set-up'], roles: everyRole }),
  /**
   * The system's save-file picker (Electron): where a supervisor writes a new desk's enrolment
   * file. It only returns the path; desks.enrol checks it and never writes over a file.
   */
  'app.pickSaveFile': method(z.object({ current: backupPath.optional() }).strict(), z.object({ file: z.string().optional() }), signedIn('supervisor')),
  'backup.create': method(z.object({ to: backupPath }).strict(), backupResult, cliOnly(signedIn('supervisor'))),
  /** A backup into the folder chosen in Site settings, with progress (app.progress). */
  'backup.createInFolder': method(none, backupResult, signedIn('supervisor')),
  /** The password unlocks a backup made under an earlier database key (before a rotation). */
  'backup.drill': method(z.object({ from: backupPath, password: password.optional() }).strict(), restoreReport, cliOnly(signedIn('supervisor'))),
  /** A drill of the newest backup in the chosen folder, unlocked with the supervisor's password. */
  'backup.drillNewest': method(z.object({ password }).strict(), restoreReport, signedIn('supervisor')),
  /** Before set-up, into this data folder: from the set-up screen or the CLI (its own new folder). */
  'backup.restore': method(
    z.object({ from: backupPath, userName, password, drill: z.boolean().default(false) }).strict(),
    restoreReport,
    beforeSetup,
  ),

  'settings.get': method(none, siteSettings, signedIn('supervisor')),
  'settings.update': method(siteSettings.partial().strict(), siteSettings, signedIn('supervisor')),

  // Drafts kept for their author (issue 15): a registration or an edit in progress, in the encrypted
  // database of this laptop only, read and written by main for the signed-in account alone. From a
  // window only; not audited (the author's own unsaved work; saving the record is audited).
  'drafts.list': method(none, z.array(keptDraftSummarySchema), { ...signedIn('clerk', 'protection'), channels: ['ui'] }),
  'drafts.get': method(
    z.object({ subject: keptDraftSubjectSchema }).strict(),
    z.object({ content: keptDraftContentSchema, savedAt: z.string() }).nullable(),
    { ...signedIn('clerk', 'protection'), channels: ['ui'] },
  ),
  'drafts.save': method(
    z.object({ subject: keptDraftSubjectSchema, content: keptDraftContentSchema }).strict(),
    z.object({ savedAt: z.string() }),
    { ...signedIn('clerk', 'protection'), channels: ['ui'] },
  ),
  'drafts.discard': method(z.object({ subject: keptDraftSubjectSchema }).strict(), z.null(), { ...signedIn('clerk', 'protection'), channels: ['ui'] }),

  /** The site's catalogue of specific needs: every form and record reads it, a supervisor keeps it. */
  'specificNeeds.list': method(none, z.array(specificNeedEntrySchema), signedIn(...everyRole)),
  'specificNeeds.add': method(addSpecificNeedSchema, z.array(specificNeedEntrySchema), signedIn('supervisor')),
  'specificNeeds.change': method(changeSpecificNeedSchema, z.array(specificNeedEntrySchema), signedIn('supervisor')),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What the preload (Electron) or the HTTP client (web host) gives the renderer. */
export interface IntakeBridge {
  call<M extends Method>(method: M, input: MethodInput<M>): Promise<import('./errors').RpcResult<MethodOutput<M>>>;
}
