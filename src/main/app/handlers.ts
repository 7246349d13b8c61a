import type { Method, MethodOutput, ParsedInput } from '../../shared/contract';
import { toAccount } from '../services/accounts';
import type { IntakeCore } from './intake-core';
import { verifyVault } from '../db/verify';
import type { Actor } from '../people/people-service';
import { redactUnit } from '../people/redaction';
import { seedPeople } from '../seed/seeder';
import { importPeople } from '../people/importer';
import { auditCsv } from '../audit/audit-csv';
import { produceStatistics } from '../stats';
import { exportStatisticsFile } from './statistics-export';
import { registrationSlip } from './registration-slip';
import { REVEAL_SECONDS, type AuditEntry } from '../../shared/audit';
import { AppError } from '../../shared/errors';
import * as backups from '../backup/backup-calls';
import * as desks from '../exchange/desk-calls';
import { exchangeStatus, listConflicts, resolveConflict } from '../exchange/conflicts';
import { stepReporter } from './call-progress';
import { listDesks, retireDesk, siteId } from '../exchange/this-desk';
import { KEY_ROTATION_STAGES } from '../../shared/contract';
import type { FamilyUnit } from '../../shared/people';
import { KeptDrafts } from '../people/kept-drafts';
import { referralSlip } from './referral-slip';
import { WorkLists } from '../people/work-lists';
import { ProviderDirectory } from '../referrals/provider-directory';
import { importProviders } from '../referrals/provider-import';
import { providersCsv } from '../referrals/provider-csv';
import { servicesLeaflet } from './services-leaflet';
import { householdMemberJoined, householdMemberRegistered, peopleBatchWritten, providerChanged, providerImported } from './audit-events';

function actorOf(core: IntakeCore): Actor {
  const user = core.user;
  if (!user) throw new AppError('not_signed_in');
  return { id: user.id, role: user.role };
}

type Handler<M extends Method> = (input: ParsedInput<M>, core: IntakeCore) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { readonly [M in Method]: Handler<M> };

/** One handler per contract method; the compiler refuses a method without one. */
export const handlers: Handlers = {
  'app.status': (_input, core) => core.status(),
  'app.progress': (_input, core) => core.progress.current,
  'app.pickFolder': ({ current }, core) => backups.pickFolder(core, current),
  'app.pickFile': ({ current }, core) => backups.pickFile(core, current),
  'app.pickSaveFile': ({ current }, core) => backups.pickSaveFile(core, current),
  'app.setDeviceLanguage': ({ language }, core) => {
    core.setDeviceLanguage(language);
    return null;
  },

  'setup.create': async (input, core) => ({ recoveryKey: await core.setUp(input) }),

  'session.signIn': ({ userName, password }, core) => core.signIn(userName, password),
  'session.unlock': ({ password }, core) => core.unlock(password),
  'session.lock': (_input, core) => {
    core.lock('user');
    return null;
  },
  'session.signOut': (_input, core) => {
    core.signOut();
    return null;
  },
  'session.touch': (_input, core) => {
    core.touch();
    return null;
  },
  'session.setLanguage': ({ language }, core) => {
    core.setLanguage(language);
    return null;
  },
  'session.setViewMode': ({ mode }, core) => {
    core.setViewMode(mode);
    return null;
  },
  'session.changePassword': async ({ currentPassword, newPassword }, core) => {
    await core.changePassword(currentPassword, newPassword);
    return null;
  },

  'recovery.resetPassword': async ({ recoveryKey, userName, newPassword }, core) => {
    await core.recoverAccount(recoveryKey, userName, newPassword);
    return null;
  },

  'accounts.list': (_input, core) => core.vault.accounts.list().map(toAccount),
  'accounts.create': async (input, core) => toAccount(await core.vault.accounts.create(input)),
  'accounts.setRole': ({ id, role }, core) => {
    const account = toAccount(core.vault.accounts.setRole(id, role));
    core.refreshUser();
    return account;
  },
  'accounts.disable': ({ id }, core) => {
    const account = toAccount(core.vault.accounts.disable(id));
    core.refreshUser();
    return account;
  },
  'accounts.resetPassword': async ({ id, password, changePasswordAtSignIn }, core) => {
    const account = toAccount(await core.vault.accounts.setPassword(id, password, changePasswordAtSignIn));
    core.refreshUser();
    return account;
  },

  'vault.verify': (_input, core) => verifyVault(core.vault.db, core.vault.derivedKey('auditHead')),
  'vault.exportKey': (_input, core) => ({ databaseKeyHex: core.vault.databaseKeyHex }),
  // Audited by the core once the new key is in place ('key-rotation'): a rekey cannot run inside the call's transaction.
  'vault.rotateKey': ({ password }, core) =>
    core.rotateKey(password, stepReporter(core.progress, 'key-rotation', KEY_ROTATION_STAGES)).finally(() => core.progress.clear()),

  'people.register': (input, core) => {
    const person = core.vault.people.register(actorOf(core), input, core.viewMode);
    // Only a family panel sends a family link: a registration without one is the register screen's.
    const fromRegisterScreen = input.family === undefined;
    // Saved: the register screen's kept draft goes in the same transaction, so a lock or a crash
    // before the window learns of it never brings a registered person back as a draft (a member
    // registered from a family panel keeps none).
    if (fromRegisterScreen) new KeptDrafts(core.vault.db).discard(actorOf(core).id, { kind: 'registration' });
    // The register screen shows the record at once, in place of an opening; a family panel does not
    // (the focal point's record stays on screen), so its member is no opening.
    const shownAsOpenedRecord = fromRegisterScreen;
    // Shown, and the site's "restricted when a record opens" applied: the answer is as the restricted screen shows it.
    if (shownAsOpenedRecord && core.showRecord(person.id)) return core.vault.people.view(actorOf(core), person.id, core.viewMode);
    return person;
  },
  'people.registerHousehold': (input, core) => {
    const actor = actorOf(core);
    const household = core.vault.people.registerHousehold(actor, input);
    // Each person registered is audited as a registration is, and each person already registered
    // who joined as a link is; the unit's own entry is the call's (audit-events).
    for (const person of household.registered) core.audit(householdMemberRegistered(person));
    for (const person of household.joined) core.audit(householdMemberJoined(person));
    // Only the register screen registers a household: its kept draft goes in the same transaction.
    new KeptDrafts(core.vault.db).discard(actor.id, { kind: 'registration' });
    const focalPointId = household.registered[0]?.id;
    if (focalPointId === undefined) throw new AppError('internal');
    // Shown at once as the registration of one person is (see people.register).
    core.showRecord(focalPointId);
    return core.vault.people.view(actor, focalPointId, core.viewMode);
  },
  'people.update': (input, core) => {
    const person = core.vault.people.update(actorOf(core), input, core.viewMode);
    new KeptDrafts(core.vault.db).discard(actorOf(core).id, { kind: 'edit', personId: input.id });
    return person;
  },
  'people.get': ({ id }, core) => {
    core.showRecord(id);
    return core.vault.people.view(actorOf(core), id, core.viewMode);
  },
  'people.reveal': ({ id, field }, core) => ({ field, value: core.vault.people.reveal(actorOf(core), id, field), seconds: REVEAL_SECONDS }),
  'people.slip': (input, core) => registrationSlip(core, input),
  'people.history': ({ id }, core) => core.vault.people.history(actorOf(core), id, core.viewMode),
  'people.setConsent': ({ id, purpose, given }, core) => core.vault.people.setConsent(actorOf(core), id, purpose, given, core.viewMode),
  'people.setStatus': ({ id, ...change }, core) => core.vault.people.setStatus(actorOf(core), id, change, core.viewMode),
  'people.search': ({ query, limit, show }, core) => core.vault.people.search(actorOf(core), query, core.viewMode, limit, show),
  'people.recent': ({ offset, limit, show }, core) => core.vault.people.recent(offset, limit, show),
  'people.duplicates': (input, core) => core.vault.people.duplicates(actorOf(core), input, core.viewMode),
  'duplicates.list': ({ limit }, core) => core.vault.people.duplicatePairs(actorOf(core), core.viewMode, limit),
  'duplicates.merge': ({ keptId, mergedId }, core) => core.vault.people.merges.merge(actorOf(core).id, keptId, mergedId),
  'duplicates.undoMerge': (input, core) => {
    const { merges } = core.vault.people;
    return merges.undo(actorOf(core).id, 'mergeId' in input ? input.mergeId : merges.liveMergeOf(input.mergedNumber));
  },
  'duplicates.notSame': ({ firstId, secondId }, core) => ({ registrationNumbers: core.vault.people.merges.markNotSame(actorOf(core).id, firstId, secondId) }),
  'people.import': ({ rows, dryRun, allowDuplicates }, core) =>
    importPeople(core.vault.db, core.vault.people, actorOf(core), rows, { dryRun, allowDuplicates }, (batch, isDryRun) =>
      core.audit(peopleBatchWritten('import', batch, { rows: rows.length, dryRun: isDryRun, allowDuplicates })),
    ),
  'people.seed': ({ count, seed }, core) =>
    seedPeople(core.vault.db, actorOf(core), { count, seed, today: new Date() }, (batch) => core.audit(peopleBatchWritten('seed', batch))),

  // Units go out as the caller's view mode may show them: the restricted screen names no relationship but the focal point.
  'families.link': ({ personId, ...link }, core) => {
    core.vault.people.families.link(link, personId);
    return requireUnit(core, personId);
  },
  'families.remove': ({ personId }, core) => {
    core.vault.people.families.remove(personId);
    return null;
  },
  'families.setRelationship': ({ personId, relationship, relationshipText }, core) =>
    redactUnit(core.vault.people.families.setRelationship(personId, relationship, relationshipText), actorOf(core).role, core.viewMode),
  'families.split': ({ unitId, personIds }, core) => redactUnit(core.vault.people.families.split(unitId, personIds), actorOf(core).role, core.viewMode),
  'families.merge': ({ intoUnitId, fromUnitId }, core) => redactUnit(core.vault.people.families.merge(intoUnitId, fromUnitId), actorOf(core).role, core.viewMode),
  'families.setKeepTogether': ({ unitId, keepTogether }, core) =>
    redactUnit(core.vault.people.families.setKeepTogether(unitId, keepTogether), actorOf(core).role, core.viewMode),

  'workLists.get': ({ list, show }, core) => new WorkLists(core.vault.db).list(actorOf(core), list, core.viewMode, show),
  'workLists.exportCsv': ({ list, sort, show }, core) => {
    const actor = actorOf(core);
    const { csv, rows, tier } = new WorkLists(core.vault.db).exportCsv(actor, list, core.viewMode, sort, core.user?.language ?? 'en', show);
    // The file's name says nothing of the list: it may be left in a downloads folder, and the
    // name of a tier-2 list (a specific need) would tell what the people in it have lived through.
    return {
      fileName: `work-list-${new Date().toISOString().slice(0, 10)}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      dataBase64: Buffer.from(csv, 'utf8').toString('base64'),
      rows,
      tier,
    };
  },

  'providers.list': (filter, core) => new ProviderDirectory(core.vault.db).list(actorOf(core), filter),
  'providers.get': ({ id }, core) => new ProviderDirectory(core.vault.db).get(actorOf(core), id),
  'providers.add': (entry, core) => new ProviderDirectory(core.vault.db).add(actorOf(core), entry),
  // The change and its entry (the fields it changed, read before and after) in one transaction.
  'providers.update': ({ id, entry }, core) =>
    core.vault.db.transaction(() => {
      const directory = new ProviderDirectory(core.vault.db);
      const before = directory.get(actorOf(core), id);
      const after = directory.update(actorOf(core), id, entry);
      const changed = providerChanged(before, after);
      if (changed) core.audit(changed);
      return after;
    })(),
  'providers.retire': ({ id }, core) => new ProviderDirectory(core.vault.db).retire(actorOf(core), id),
  'providers.import': ({ rows, dryRun }, core) =>
    importProviders(core.vault.db, new ProviderDirectory(core.vault.db), actorOf(core), rows, { dryRun }, (result) => core.audit(providerImported(result))),
  'providers.exportCsv': (_input, core) => {
    const providers = new ProviderDirectory(core.vault.db).list(actorOf(core), { includeRetired: true });
    return { csv: providersCsv(providers), entries: providers.length };
  },
  'providers.leaflet': (input, core) => servicesLeaflet(core, input),
  'referrals.options': ({ services }, core) => core.vault.referrals.options(actorOf(core), services),
  'referrals.create': (input, core) => {
    const { referral, consentGiven } = core.vault.referrals.create(actorOf(core), input, core.viewMode);
    // The "referral" consent given by this referral's form: its own entry, as a consent given on the record is.
    if (consentGiven) core.audit({ action: 'consent-change', personId: referral.personId, details: { purpose: 'referral', given: true } });
    return referral;
  },
  'referrals.list': ({ personId }, core) => {
    const actor = actorOf(core);
    const { referrals } = core.vault;
    if (!referrals.mayRefer(actor)) return { mayRefer: false, referrals: [] };
    return { mayRefer: true, referrals: referrals.list(actor, personId, core.viewMode) };
  },
  'referrals.setStatus': ({ id, status, happenedOn }, core) => core.vault.referrals.setStatus(actorOf(core), id, status, happenedOn, core.viewMode),
  'referrals.overdue': (_input, core) => core.vault.referrals.overdue(actorOf(core)),
  'referrals.slip': async (input, core) => (await referralSlip(core, input)).file,

  'audit.list': (filter, core) => core.vault.audit.list(filter),
  'audit.exportCsv': (filter, core) => {
    // The whole filtered log, page by page; the filter's limit is for the screen.
    const entries: AuditEntry[] = [];
    let beforeId = filter.beforeId;
    for (;;) {
      const page = core.vault.audit.list({ ...filter, limit: 1000, ...(beforeId ? { beforeId } : {}) });
      entries.push(...page);
      if (page.length < 1000) break;
      beforeId = page[page.length - 1]?.id;
    }
    return { csv: auditCsv(entries), entries: entries.length };
  },

  'stats.compute': (input, core) => produceStatistics(core.vault.db, input, new Date()),
  'stats.export': (input, core) => exportStatisticsFile(core, input),

  // By the signed-in account's id only: a draft is never read, replaced or removed for another account.
  'drafts.list': (_input, core) => new KeptDrafts(core.vault.db).list(actorOf(core).id),
  'drafts.get': ({ subject }, core) => new KeptDrafts(core.vault.db).get(actorOf(core).id, subject),
  'drafts.save': ({ subject, content }, core) => new KeptDrafts(core.vault.db).save(actorOf(core).id, subject, content),
  'drafts.discard': ({ subject }, core) => {
    new KeptDrafts(core.vault.db).discard(actorOf(core).id, subject);
    return null;
  },
  'specificNeeds.list': (_input, core) => core.vault.specificNeeds.list(),
  'specificNeeds.add': ({ field, labels }, core) => core.vault.specificNeeds.add(field, labels),
  'specificNeeds.change': ({ code, ...change }, core) => core.vault.specificNeeds.change(code, change),
  'desks.list': (_input, core) => ({ siteId: siteId(core.vault.db), desks: listDesks(core.vault.db), canChooseFile: core.chooseSaveFile !== undefined }),
  'desks.enrol': ({ out, passphrase }, core) => desks.enrol(core, out, passphrase),
  'desks.join': ({ enrolment, passphrase }, core) => desks.join(core, enrolment, passphrase),
  'desks.retire': ({ number }, core) => retireDesk(core.vault.db, number, new Date()),
  'exchange.run': ({ folder }, core) => desks.exchangeThroughFolder(core, folder),
  'exchange.status': (_input, core) => exchangeStatus(core.vault.db, actorOf(core).role),
  'exchange.conflicts': ({ open }, core) => listConflicts(core.vault.db, actorOf(core).role, core.viewMode, { open }),
  'exchange.resolveConflict': ({ id, choose }, core) => resolveConflict(core.vault.db, actorOf(core), core.viewMode, id, choose, new Date()),
  'backup.status': (_input, core) => backups.status(core),
  'backup.setOptions': (input, core) => backups.setOptions(core, input),
  'backup.create': ({ to }, core) => backups.create(core, to),
  'backup.createInFolder': (_input, core) => backups.createInFolder(core),
  'backup.drill': ({ from, password }, core) => backups.drill(core, from, password),
  'backup.drillNewest': ({ password }, core) => backups.drillNewest(core, password),
  'backup.restore': (input, core) => backups.restore(core, input),
  'settings.get': (_input, core) => core.vault.settings.get(),
  'settings.update': (input, core) => {
    const settings = core.vault.settings.update(input);
    core.applySettings(settings);
    return settings;
  },
};

function requireUnit(core: IntakeCore, personId: number): FamilyUnit {
  const unit = core.vault.people.families.unitOf(personId);
  if (!unit) throw new AppError('not_found');
  return redactUnit(unit, actorOf(core).role, core.viewMode);
}
