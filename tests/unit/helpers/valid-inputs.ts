import type { Method, MethodInput } from '../../../src/shared/contract';
import { CLERK, NEW_PASSWORD, SUPERVISOR } from './vault';

/**
 * One well-formed input per contract method, so access checks can be exercised past validation
 * (dispatch validates first, so an invalid input would only ever prove the validator works).
 * The mapped type makes the compiler refuse a new contract method that has no sample here, and
 * access-matrix.test.ts checks at run time that every sample passes its method's schema.
 */
export const VALID_INPUT: { readonly [M in Method]: MethodInput<M> } = {
  'app.status': {},
  'app.progress': {},
  'app.pickFolder': {},
  'app.setDeviceLanguage': { language: 'ar' },
  'setup.create': { userName: 'new.supervisor', password: SUPERVISOR.password, language: 'en' },
  'session.signIn': { userName: SUPERVISOR.userName, password: SUPERVISOR.password },
  'session.unlock': { password: SUPERVISOR.password },
  'session.lock': {},
  'session.signOut': {},
  'session.touch': {},
  'session.setLanguage': { language: 'fr' },
  'session.setViewMode': { mode: 'restricted' },
  'session.changePassword': { currentPassword: SUPERVISOR.password, newPassword: NEW_PASSWORD },
  'recovery.resetPassword': {
    recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000',
    userName: SUPERVISOR.userName,
    newPassword: NEW_PASSWORD,
  },
  'accounts.list': {},
  'accounts.create': { userName: 'someone.new', role: 'clerk', password: CLERK.password, language: 'en' },
  'accounts.setRole': { id: 1, role: 'protection' },
  'accounts.disable': { id: 2 },
  'accounts.resetPassword': { id: 2, password: NEW_PASSWORD },
  'vault.verify': {},
  'vault.exportKey': {},
  'vault.rotateKey': { password: 'a password of some length' },
  'desks.list': {},
  'desks.retire': { number: 2 },
  'desks.enrol': { out: '/media/stick/desk-2.enrolment', passphrase: 'seven long words for the new desk' },
  'desks.join': { enrolment: '/media/stick/desk-2.enrolment', passphrase: 'seven long words for the new desk' },
  'backup.status': {},
  'backup.setOptions': { generations: 3, reminderDays: 7, folder: '/media/backup-stick' },
  'backup.create': { to: '/media/backup-stick' },
  'backup.createInFolder': {},
  'backup.drillNewest': { password: SUPERVISOR.password },
  'backup.drill': { from: '/media/backup-stick/intake-backup-2026-11-30T08-00-00-000Z' },
  'backup.restore': { from: '/media/backup-stick/intake-backup-2026-11-30T08-00-00-000Z', userName: SUPERVISOR.userName, password: SUPERVISOR.password },
  'people.register': { fields: { chosenName: 'Nour' }, consents: ['register'] },
  'people.update': { id: 1, set: { arrivalDate: '2026-11-01' }, clear: [] },
  'people.get': { id: 1 },
  'people.history': { id: 1 },
  'people.reveal': { id: 1, field: 'notes', reason: 'current-task' },
  'people.setConsent': { id: 1, purpose: 'referral', given: true },
  'people.search': { query: 'nour' },
  'people.recent': { offset: 0, limit: 50 },
  'people.duplicates': { chosenName: 'Nour' },
  'people.seed': { count: 1, seed: 1 },
  'people.import': { rows: [{ line: 2, cells: { chosenName: 'Nour' } }], dryRun: true },
  'duplicates.list': { limit: 10 },
  'duplicates.merge': { keptId: 1, mergedId: 2 },
  'duplicates.undoMerge': { mergeId: 1 },
  'duplicates.notSame': { firstId: 1, secondId: 2 },
  'families.link': { personId: 2, withPersonId: 1, relationship: 'partner' },
  'families.remove': { personId: 2 },
  'families.setRelationship': { personId: 2, relationship: 'chosen-family' },
  'families.split': { unitId: 1, personIds: [2] },
  'families.merge': { intoUnitId: 1, fromUnitId: 2 },
  'families.setKeepTogether': { unitId: 1, keepTogether: true },
  'audit.list': { limit: 50 },
  'audit.exportCsv': { limit: 50 },
  'stats.compute': { from: '2026-01-01', to: '2026-11-30' },
  'stats.export': { from: '2026-01-01', to: '2026-11-30', format: 'csv' },
  'settings.get': {},
  'settings.update': { idleMinutes: 10 },
  'specificNeeds.list': {},
  'specificNeeds.add': { field: 'specificNeeds', labels: { en: 'Needs baby formula' } },
  'specificNeeds.change': { code: 'disability', offered: false },
};

export function validInputFor(method: Method): unknown {
  return VALID_INPUT[method];
}
