import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Dispatcher } from '../../../src/main/app/dispatch';
import type { IntakeCore } from '../../../src/main/app/intake-core';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';
import type { RpcError } from '../../../src/shared/errors';
import { PROTECTION, setUpVault, type TestVault } from '../helpers/vault';

/** Values that must never be found in plain text in a backup: a name, a document number, a user name. */
export const MARKERS = {
  chosenName: 'Qirwazahnoor Backupmarker',
  documentNumber: 'XQZ77412319BK',
  nameOnDocument: 'QIRWAZAH NOOR MARKERDOC',
  userName: 'marker.protectionuser',
} as const;

export type Call = <M extends Method>(method: M, input: MethodInput<M>) => Promise<{ ok: true; value: MethodOutput<M> } | { ok: false; error: RpcError }>;

export function caller(core: IntakeCore): Call {
  const dispatcher = new Dispatcher(core, 'cli', () => undefined);
  return async (method, input) => (await dispatcher.dispatch(method, input)) as never;
}

/** A vault with a supervisor signed in, a protection officer, and `people` records (one of them the marker). */
export async function vaultWithPeople(dataDir: string, people: number): Promise<TestVault & { protectionId: number }> {
  const vault = await setUpVault(dataDir);
  const created = await caller(vault.core)('accounts.create', { changePasswordAtSignIn: false, userName: MARKERS.userName, password: PROTECTION.password, role: 'protection', language: 'en' });
  if (!created.ok) throw new Error(created.error.code);
  const protection = created.value;
  const actor = { id: protection.id, role: 'protection' as const };
  // Registered through the service, each with the entry that creates it, so `intake verify` is sound.
  const register = (input: Parameters<typeof vault.core.vault.people.register>[1]): void => {
    const person = vault.core.vault.people.register(actor, input);
    vault.core.audit({ action: 'record-create', personId: person.id, details: { fields: Object.keys(input.fields), consents: input.consents } });
  };
  register({
    fields: {
      chosenName: MARKERS.chosenName,
      documents: [{ id: 'd1', type: 'passport', number: MARKERS.documentNumber, nameOnDocument: MARKERS.nameOnDocument }],
    },
    consents: ['register'],
  });
  for (let i = 1; i < people; i++) register({ fields: { chosenName: `Person ${i}` }, consents: ['register'] });
  return { ...vault, protectionId: protection.id };
}

export function entriesOf(folder: string): string[] {
  return readdirSync(folder).sort();
}

export function backupFolders(to: string): string[] {
  return readdirSync(to)
    .filter((name) => name.startsWith('intake-backup-'))
    .sort()
    .map((name) => join(to, name));
}
