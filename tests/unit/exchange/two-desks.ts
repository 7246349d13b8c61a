/** Two desks of one site and the calls the exchange tests make at them (issue 13). */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { IntakeCore } from '../../../src/main/app/intake-core';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';
import { makeTempDir, removeTempDir, tempDataDir } from '../helpers/temp-dir';
import { CLERK, dispatcherFor, setUpVault, SUPERVISOR, type Credentials } from '../helpers/vault';

export const PASSPHRASE = 'copper kites over the harbour wall';

export async function call<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatcherFor(core, 'cli').dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

export async function signedIn(dataDir: string, who: Credentials): Promise<IntakeCore> {
  const core = new IntakeCore({ dataDir });
  await core.signIn(who.userName, who.password);
  return core;
}

/** Desk 1 with a supervisor and a clerk, and desk 2 joined from its enrolment: made once per test file. */
async function makeTwoDesks(): Promise<{ oneDir: string; twoDir: string }> {
  const oneDir = makeTempDir('exchange-one');
  const enrolmentDir = makeTempDir('exchange-enrolment');
  const twoParent = makeTempDir('exchange-two');
  process.once('exit', () => [oneDir, enrolmentDir, twoParent].forEach(removeTempDir));
  const { core: setup } = await setUpVault(oneDir);
  await call(setup, 'accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
  await call(setup, 'settings.update', { sitePrefix: 'ATH' });
  const file = join(enrolmentDir, 'desk-2.enrolment');
  await call(setup, 'desks.enrol', { out: file, passphrase: PASSPHRASE });
  setup.close();
  const twoDir = join(twoParent, 'data');
  const joining = new IntakeCore({ dataDir: twoDir });
  await call(joining, 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
  joining.close();
  return { oneDir, twoDir };
}

let template: Promise<{ oneDir: string; twoDir: string }> | undefined;

/**
 * Desk 1 with a supervisor and a clerk; desk 2 joined from its enrolment; one exchange folder. Each
 * test gets its own copy of the two data folders (closed databases, so a file copy is the whole
 * vault): setting up and joining costs several key derivations, made once per file.
 */
export async function twoDesks() {
  template ??= makeTwoDesks();
  const made = await template;
  const oneDir = tempDataDir('exchange-one');
  cpSync(made.oneDir, oneDir, { recursive: true });
  const twoDir = join(tempDataDir('exchange-two'), 'data');
  cpSync(made.twoDir, twoDir, { recursive: true });
  return { oneDir, twoDir, folder: tempDataDir('exchange-folder') };
}

export async function exchange(dataDir: string, folder: string, who: Credentials = CLERK) {
  const core = await signedIn(dataDir, who);
  try {
    return await call(core, 'exchange.run', { folder });
  } finally {
    core.close();
  }
}

export async function register(dataDir: string, chosenName: string): Promise<MethodOutput<'people.register'>> {
  const core = await signedIn(dataDir, CLERK);
  try {
    return await call(core, 'people.register', { fields: { chosenName }, consents: ['register'] });
  } finally {
    core.close();
  }
}

export async function search(dataDir: string, query: string) {
  const core = await signedIn(dataDir, CLERK);
  try {
    return (await call(core, 'people.search', { query })).map((p) => p.registrationNumber);
  } finally {
    core.close();
  }
}

/** Desk 3, enrolled at desk 1 by its supervisor and joined into a data folder of its own. */
export async function joinDeskThree(oneDir: string): Promise<string> {
  const enrolment = join(tempDataDir('desk-three-enrolment'), 'desk-3.enrolment');
  const one = await signedIn(oneDir, SUPERVISOR);
  try {
    await call(one, 'desks.enrol', { out: enrolment, passphrase: PASSPHRASE });
  } finally {
    one.close();
  }
  const threeDir = join(tempDataDir('desk-three'), 'data');
  const joining = new IntakeCore({ dataDir: threeDir });
  try {
    await call(joining, 'desks.join', { enrolment, passphrase: PASSPHRASE });
  } finally {
    joining.close();
  }
  return threeDir;
}

/** A copy of a desk's data folder taken now, and putting it back over the folder later (by hand, no restore). */
export function copyOfFolder(dataDir: string): { putBack: () => void } {
  const copy = tempDataDir('desk-folder-copy');
  cpSync(dataDir, copy, { recursive: true });
  return {
    putBack: () => {
      rmSync(dataDir, { recursive: true, force: true });
      cpSync(copy, dataDir, { recursive: true });
    },
  };
}

/** The people found by "Haddad" at a desk, as "number name" lines in order (the restore tests name everyone so). */
export async function everyone(dataDir: string): Promise<string[]> {
  const core = await signedIn(dataDir, CLERK);
  try {
    const found = await call(core, 'people.search', { query: 'Haddad' });
    return found.map((person) => `${person.registrationNumber} ${person.chosenName ?? ''}`).sort();
  } finally {
    core.close();
  }
}

/** Desk 2 retired at desk 1 (a lost laptop), and desk 3 joined there afterwards. */
export async function retireDeskTwoAndJoinThree(oneDir: string): Promise<string> {
  const supervisor = await signedIn(oneDir, SUPERVISOR);
  try {
    await call(supervisor, 'desks.retire', { number: 2 });
  } finally {
    supervisor.close();
  }
  return joinDeskThree(oneDir);
}
