import type { Method, MethodOutput, ParsedInput, SiteSettings } from '../../shared/contract';
import { SENSITIVE_SERVICES } from '../../shared/referrals';
import type { IntakeCore } from './intake-core';
import type { AuditDraft } from '../audit/audit-log';
import type { HouseholdRegistered, MergeResult } from '../../shared/people';
import type { StatsRequest } from '../../shared/stats';
import { workListAuditDetails } from '../../shared/work-lists';
import type { Provider } from '../../shared/providers';

type Draft = Omit<AuditDraft, 'accountId' | 'userName'>;

/**
 * What an entry needs to know from before its call ran, read inside the call's transaction just
 * before the handler: the settings a save may change.
 */
export const BEFORE_CALLS = {
  'settings.update': (_input: ParsedInput<'settings.update'>, core: IntakeCore): SiteSettings => core.vault.settings.get(),
  // The referral's record and number, for the entry of a slip (a slip's output is the file alone).
  'referrals.slip': (input: ParsedInput<'referrals.slip'>, core: IntakeCore): { personId: number; number: string } | undefined => {
    try {
      const { personId, number } = core.vault.referrals.stored(input.id);
      return { personId, number };
    } catch {
      // No such referral: the call itself fails, and writes nothing.
      return undefined;
    }
  },
} satisfies { readonly [M in Method]?: (input: ParsedInput<M>, core: IntakeCore) => unknown };

type Before<M extends Method> = M extends keyof typeof BEFORE_CALLS ? ReturnType<(typeof BEFORE_CALLS)[M]> : undefined;
/** The entry a call writes, or none when it changed nothing worth one. */
type Describe<M extends Method> = (input: ParsedInput<M>, output: MethodOutput<M>, before: Before<M>) => Draft | undefined;

/**
 * What each successful call writes to the audit log. Field names and counts, never values.
 * Sign-in, unlock, lock and sign-out are logged by the core itself, where the database is open.
 */
export const AUDITED_CALLS: { readonly [M in Method]?: Describe<M> } = {
  'session.changePassword': () => ({ action: 'password-change' }),
  'desks.enrol': (_input, result) => ({ action: 'desk-enrol', details: { desk: result.desk.number, accounts: result.accounts } }),
  'desks.retire': (input) => ({ action: 'desk-retire', details: { desk: input.number } }),
  'exchange.resolveConflict': (input, result) => ({
    action: 'exchange-conflict-resolve',
    ...(result.personId !== undefined ? { personId: result.personId } : {}),
    details: { entity: result.entity, field: result.field, choose: input.choose },
  }),
  'people.register': (input, person) => ({
    action: 'record-create',
    personId: person.id,
    registrationNumber: person.registrationNumber,
    details: { fields: Object.keys(input.fields), consents: input.consents },
  }),
  // The unit made around the focal point; each person registered and each who joined has an entry
  // of their own, written by the handler (householdMemberRegistered, householdMemberJoined).
  'people.registerHousehold': (input, person) => ({
    action: 'family-change',
    personId: person.id,
    registrationNumber: person.registrationNumber,
    details: {
      change: 'household',
      ...(person.family ? { unit: person.family.id } : {}),
      registered: 1 + input.members.filter((member) => member.kind === 'new').length,
      joined: input.members.filter((member) => member.kind === 'existing').length,
    },
  }),
  'people.update': (input, person) => ({
    action: 'record-change',
    personId: person.id,
    registrationNumber: person.registrationNumber,
    details: { fields: [...Object.keys(input.set), ...input.clear] },
  }),
  // Not the registration screen showing the record it has just made: its creation is logged already.
  'people.get': (_input, person) => ({ action: 'record-open', personId: person.id, registrationNumber: person.registrationNumber }),
  // The record's id and the format (html: the print dialog opened; pdf: a file made), never the name on the slip.
  'people.slip': (input) => ({ action: 'slip-print', personId: input.id, details: { format: input.format } }),
  'people.history': (input) => ({ action: 'record-history-open', personId: input.id }),
  'people.reveal': (input) => ({
    action: 'field-reveal',
    personId: input.id,
    details: { field: input.field, reason: input.reason, ...(input.reasonText ? { reasonText: input.reasonText } : {}) },
  }),
  'people.setConsent': (input, person) => ({
    action: 'consent-change',
    personId: person.id,
    registrationNumber: person.registrationNumber,
    details: { purpose: input.purpose, given: input.given },
  }),
  // The status code alone (and a closing's reason code): never a name.
  'people.setStatus': (input, person) => ({
    action: 'record-status-change',
    personId: person.id,
    registrationNumber: person.registrationNumber,
    details: { status: input.status, ...(input.reason ? { closingReason: input.reason } : {}) },
  }),
  // people.seed and people.import write one entry per committed batch, from their handlers
  // (peopleBatchWritten), inside the batch's transaction.
  // Relationships are values (a partner of the same gender says something of orientation): never logged.
  'families.link': (input) => ({ action: 'family-change', personId: input.personId, details: { change: 'link' } }),
  'families.remove': (input) => ({ action: 'family-change', personId: input.personId, details: { change: 'remove' } }),
  'families.setRelationship': (input) => ({
    action: 'family-change',
    personId: input.personId,
    details: { change: 'relationship' },
  }),
  'families.split': (input) => ({ action: 'family-change', details: { change: 'split', unit: input.unitId, people: input.personIds.length } }),
  'families.merge': (input) => ({ action: 'family-change', details: { change: 'merge', into: input.intoUnitId, from: input.fromUnitId } }),
  'families.setKeepTogether': (input) => ({ action: 'family-change', details: { change: 'keep-together', unit: input.unitId, keepTogether: input.keepTogether } }),
  // Every step of a merge in its entry, as counts: the record kept, the one merged, what moved.
  'duplicates.merge': (_input, result) => mergeEntry('record-merge', result),
  'duplicates.undoMerge': (_input, result) => mergeEntry('record-merge-undo', result),
  'duplicates.notSame': (_input, result) => ({ action: 'duplicate-dismiss', details: { registrationNumbers: result.registrationNumbers } }),
  'accounts.create': (_input, account) => accountCreated(account),
  'accounts.setRole': (_input, account) => ({ action: 'account-change', details: { account: account.userName, change: 'role', role: account.role } }),
  'accounts.disable': (_input, account) => ({ action: 'account-change', details: { account: account.userName, change: 'disable' } }),
  'accounts.resetPassword': (_input, account) => ({ action: 'account-change', details: { account: account.userName, change: 'password-reset' } }),
  // Only the settings a save changed (the screen sends them all); a save that changed none writes nothing.
  'settings.update': (input, _settings, before) => {
    const changed = Object.entries(input).filter(([key, value]) => value !== undefined && value !== before[key as keyof SiteSettings]);
    if (changed.length === 0) return undefined;
    return { action: 'setting-change', details: Object.fromEntries(changed.map(([key, value]) => [key, value as number | boolean | string])) };
  },
  // The site's own words for a category are not personal data, but the log keeps to codes.
  'specificNeeds.add': (input, catalogue) => ({
    action: 'setting-change',
    // Main hands out codes in order, so the new category is the last one.
    details: { specificNeed: catalogue[catalogue.length - 1]?.code ?? '', change: 'add', field: input.field },
  }),
  'specificNeeds.change': (input) => ({
    action: 'setting-change',
    details: {
      specificNeed: input.code,
      ...(input.offered !== undefined ? { offered: input.offered } : {}),
      ...(input.labels ? { change: 'rename' } : {}),
    },
  }),
  'vault.exportKey': () => ({ action: 'key-export' }),
  // Every computation, not only every export (issue 11): what was shown on screen, and under which rules.
  'stats.compute': (input, report) => statsEntry('screen', input, { breakdowns: report.rules.breakdowns }),
  'stats.export': (input) => statsEntry(input.format, input),
  // Never a name or a number of the people on it (workListAuditDetails says what else).
  'workLists.get': (input, result) => ({ action: 'work-list', details: workListAuditDetails(input.list, result.tier, result.rows.length) }),
  'workLists.exportCsv': (input, result) => ({
    action: 'work-list-export',
    details: { ...workListAuditDetails(input.list, result.tier, result.rows), sortBy: input.sort.by, sortDirection: input.sort.direction },
  }),
  // A directory entry by its global id and the fields changed: never a value (a focal point is a person).
  'providers.add': (_input, provider) => ({ action: 'provider-add', details: { provider: provider.globalId } }),
  'providers.retire': (_input, provider) => ({ action: 'provider-retire', details: { provider: provider.globalId } }),
  // providers.update and providers.import write their entries from their handlers (providerChanged,
  // providerImported), inside the call's transaction: a change names the fields it changed.
  'providers.exportCsv': (_input, result) => ({ action: 'provider-export', details: { entries: result.entries } }),
  'providers.leaflet': (input, result) => ({
    action: 'leaflet-print',
    details: {
      language: input.language,
      format: input.format,
      entries: result.entries,
      ...(input.service ? { service: input.service } : {}),
      ...(input.area ? { area: input.area } : {}),
    },
  }),
  // Referrals (issue 16): the referral's number, codes and field keys; never a value, a name or the reason.
  'referrals.create': (input, referral) => ({
    action: 'referral-create',
    personId: referral.personId,
    details: {
      referral: referral.number,
      provider: input.providerId,
      // Supervisors read the log: a sensitive service is counted, never named beside the person.
      services: input.services.filter((service) => !SENSITIVE_SERVICES.includes(service)),
      sensitiveServices: input.services.filter((service) => SENSITIVE_SERVICES.includes(service)).length,
      sharedFields: referral.sharedFields,
      sensitiveConsent: referral.sensitiveConsent,
      urgency: referral.urgency,
    },
  }),
  'referrals.setStatus': (input, referral) => ({
    action: 'referral-status',
    personId: referral.personId,
    details: { referral: referral.number, status: input.status, happenedOn: referral.events[referral.events.length - 1]?.happenedOn ?? '' },
  }),
  'referrals.slip': (input, _file, before) =>
    before && { action: 'referral-slip', personId: before.personId, details: { referral: before.number, kind: input.kind, format: input.format } },
  'referrals.overdue': (_input, rows) => ({ action: 'referral-overdue', details: { rows: rows.length } }),
  'audit.exportCsv': (input, result) => ({
    action: 'audit-export',
    details: { entries: result.entries, ...(input.action ? { action: input.action } : {}), ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) },
  }),
};

const PROVIDER_FIELDS = ['names', 'organisationType', 'services', 'safeFor', 'languages', 'area', 'address', 'hours', 'contact', 'interpreter', 'focalPoint', 'checkedOn', 'note'] as const;

/**
 * The entry of a change to a directory entry: its global id and the fields the change gave another
 * value, by name; none when nothing changed. Both read as a keeper reads them (the caller is one).
 */
export function providerChanged(before: Provider, after: Provider): Draft | undefined {
  const fields = PROVIDER_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  return fields.length === 0 ? undefined : { action: 'provider-change', details: { provider: after.globalId, fields } };
}

/** The entry of a directory import (committed, or a dry run): counts only. */
export function providerImported(result: { rows: number; added: number; updated: number; dryRun: boolean }): Draft {
  return { action: 'provider-import', details: { rows: result.rows, added: result.added, updated: result.updated, dryRun: result.dryRun } };
}

/** A household's registered person: the entry people.register writes for one person. */
export function householdMemberRegistered(person: HouseholdRegistered['registered'][number]): Draft {
  return {
    action: 'record-create',
    personId: person.id,
    registrationNumber: person.registrationNumber,
    details: { fields: person.fields, consents: person.consents },
  };
}

/** A person already registered who joined a household: the entry families.link writes. */
export function householdMemberJoined(person: HouseholdRegistered['joined'][number]): Draft {
  return { action: 'family-change', personId: person.id, registrationNumber: person.registrationNumber, details: { change: 'link' } };
}

/** The entry that creates an account; `intake verify` looks for one per account. */
export function accountCreated(account: { userName: string; role: string }): Draft {
  return { action: 'account-create', details: { account: account.userName, role: account.role } };
}

/**
 * The entry for one committed batch of a seed or an import: the people it registered, as the
 * range of their ids (one transaction on one connection hands out consecutive ids), so that
 * `intake verify` can find the entry that created each of them.
 */
export function peopleBatchWritten(
  action: 'seed' | 'import',
  batch: { count: number; firstPersonId?: number; lastPersonId?: number },
  extra: Record<string, number | boolean> = {},
): Draft {
  const details: Record<string, number | boolean> = { ...extra, count: batch.count };
  if (batch.firstPersonId !== undefined && batch.lastPersonId !== undefined) {
    details.firstPersonId = batch.firstPersonId;
    details.lastPersonId = batch.lastPersonId;
  }
  return { action, details };
}

function mergeEntry(action: 'record-merge' | 'record-merge-undo', result: MergeResult): Draft {
  return {
    action,
    personId: result.kept.id,
    registrationNumber: result.kept.registrationNumber,
    details: { merged: result.merged.registrationNumber, mergeId: result.mergeId, ...result.moved },
  };
}

/**
 * A statistics entry: the format (the screen or a file's), the period and the rules applied. The
 * schema filled in every default, kSensitive following k: the entry holds the rules applied.
 */
function statsEntry(format: string, input: StatsRequest, extra: { breakdowns?: string } = {}): Draft {
  return {
    action: 'export',
    details: {
      format,
      from: input.from,
      to: input.to,
      granularity: input.granularity,
      k: input.k,
      kSensitive: input.kSensitive,
      roundTo5: input.roundTo5,
      minPopulation: input.minPopulation,
      ...extra,
    },
  };
}
