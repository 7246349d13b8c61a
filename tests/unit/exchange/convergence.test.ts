/**
 * Issue 13, the merge's promise, checked by property (fast-check): four desks of one site make
 * random registrations, edits, renamings, consent withdrawals, family links, new relationships,
 * removals from a unit and account changes, and exchange through random subsets of the bundles written so far, in random
 * orders, with repeats. Once every
 * desk has read every bundle, all hold the same data (a canonical dump of every exchanged table),
 * no person registered anywhere is missing anywhere, and a withdrawn consent's fields are gone
 * everywhere, whatever edit crossed it. A desk may also be put back from a copy of its data folder
 * taken earlier (a disk failed and an older copy was put back by hand): it is held back until it has
 * heard from the site, gets back from the others what it had sent, and never gives a registration
 * number twice.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { EXCHANGED_TABLES, travellingColumns } from '../../../src/main/db/migrations';
import type { Db } from '../../../src/main/db/connection';
import { parseBundleFileName } from '../../../src/main/exchange/bundle-file';
import { isHeldBack } from '../../../src/main/exchange/held-back';
import { verifyVault } from '../../../src/main/db/verify';
import { termsFor } from '../../../src/main/people/search-terms';
import { SITE_SETTING_KEYS } from '../../../src/main/services/settings';
import type { PersonFields } from '../../../src/shared/catalogue';
import { IDLE_MINUTES_MAX, IDLE_MINUTES_MIN, type Method, type MethodInput, type MethodOutput } from '../../../src/shared/contract';
import type { RpcResult } from '../../../src/shared/errors';
import { makeTempDir, removeTempDir, tempDataDir } from '../helpers/temp-dir';
import { dispatcherFor, PROTECTION, setUpVault, SUPERVISOR } from '../helpers/vault';

const DESKS = 4;
const PASSPHRASE = 'copper kites over the harbour wall';

async function attempt<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>> {
  return (await dispatcherFor(core, 'cli').dispatcher.dispatch(method, input)) as RpcResult<MethodOutput<M>>;
}
async function call<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await attempt(core, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value;
}

/**
 * A change a desk may refuse only because it is held back: put back from an older copy of its
 * folder, it changes nothing until it has heard from the site (sent-record.ts). Any other refusal fails.
 */
async function change<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M> | undefined> {
  const result = await attempt(core, method, input);
  if (result.ok) return result.value;
  if (result.error.code === 'exchange_first_after_restore') return undefined;
  throw new Error(`${method}: ${result.error.code}`);
}

let template: string[] = [];
const templateRoot = makeTempDir('converge-template');
afterAll(() => removeTempDir(templateRoot));

beforeAll(async () => {
  const oneDir = join(templateRoot, 'desk-1');
  const { core } = await setUpVault(oneDir);
  await call(core, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
  await call(core, 'settings.update', { sitePrefix: 'ATH' });
  const dirs = [oneDir];
  for (let n = 2; n <= DESKS; n += 1) {
    const file = join(templateRoot, `desk-${n}.enrolment`);
    await call(core, 'desks.enrol', { out: file, passphrase: PASSPHRASE });
    const dir = join(templateRoot, `desk-${n}`);
    const joining = new IntakeCore({ dataDir: dir });
    await call(joining, 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
    joining.close();
    dirs.push(dir);
  }
  core.close();
  template = dirs;
}, 300_000);

type Action =
  | { kind: 'register'; desk: number; name: number; orientation: boolean }
  | { kind: 'edit'; desk: number; person: number; day: number }
  | { kind: 'rename'; desk: number; person: number; name: number }
  | { kind: 'orientation'; desk: number; person: number }
  | { kind: 'withdraw'; desk: number; person: number }
  | { kind: 'family'; desk: number; person: number; other: number }
  | { kind: 'relationship'; desk: number; person: number; relationship: 'child-adopted' | 'child-foster' | 'partner' }
  | { kind: 'unlink'; desk: number; person: number }
  | { kind: 'account'; desk: number; role: 'clerk' | 'protection' }
  | { kind: 'setting'; desk: number; idleMinutes: number }
  | { kind: 'exchange'; desk: number; picks: boolean[] }
  | { kind: 'backup'; desk: number }
  | { kind: 'restore'; desk: number }
  | { kind: 'retire'; desk: number; other: number };

const desk = fc.integer({ min: 0, max: DESKS - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), desk, name: fc.nat(50), orientation: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), desk, person: fc.nat(), day: fc.integer({ min: 1, max: 28 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), desk, person: fc.nat(), name: fc.nat(50) }) },
  // A setting no desk had at enrolment: first set at several desks before they hear of each other.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setting' as const), desk, idleMinutes: fc.integer({ min: IDLE_MINUTES_MIN, max: IDLE_MINUTES_MAX }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('orientation' as const), desk, person: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), desk, person: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('family' as const), desk, person: fc.nat(), other: fc.nat() }) },
  // A new relationship ends the membership and starts another: at two desks at once, two current ones.
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('relationship' as const), desk, person: fc.nat(), relationship: fc.constantFrom('child-adopted' as const, 'child-foster' as const, 'partner' as const) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unlink' as const), desk, person: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('account' as const), desk, role: fc.constantFrom('clerk' as const, 'protection' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('exchange' as const), desk, picks: fc.array(fc.boolean(), { minLength: DESKS * 3, maxLength: DESKS * 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backup' as const), desk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), desk }) },
  // A supervisor retires another desk (a lost laptop), which goes on writing bundles. Not desk 1,
  // which enrols the others (the README: a lost desk 1 is restored, not retired).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retire' as const), desk, other: fc.integer({ min: 1, max: DESKS - 1 }) }) },
);

/** Every exchanged table, rows named as operations name them, references as gids, local ids left out. */
function canonicalDump(db: Db): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of EXCHANGED_TABLES) {
    const name = table.rowKey === 'gid' ? 'lower(hex(r.gid))' : 'r.key';
    // When a row last changed is each desk's own (migration 12): every other column must agree.
    const columns = travellingColumns(table).map((column) => {
      const target = table.references[column];
      return target ? `(SELECT lower(hex(x.gid)) FROM ${target} x WHERE x.id = r.${column}) AS ${column}` : `r.${column}`;
    });
    const rows = db
      .prepare(`SELECT ${name} AS row, ${[...columns, ...table.objects.map((o) => `r.${o}`)].join(', ')} FROM ${table.table} r ORDER BY 1`)
      .all() as Array<Record<string, unknown>>;
    dump[table.entity] = rows
      .filter((row) => table.entity !== 'setting' || SITE_SETTING_KEYS.includes(String(row.row)))
      .map((row) => {
        const copy: Record<string, unknown> = { ...row };
        for (const object of table.objects) copy[object] = JSON.parse(String(row[object]));
        // A key slot's file name is each desk's own; every other column must agree.
        if (table.entity === 'account') delete copy.slot_id;
        return copy;
      });
  }
  return dump;
}

class Site {
  readonly dirs: string[];
  readonly shared: string;
  readonly cores: IntakeCore[] = [];
  readonly admins: IntakeCore[] = [];
  /** The registration numbers given, each by the desk that gave it. */
  readonly registered: Array<{ desk: number; number: string }> = [];
  /** The desk a supervisor retired, if one was. */
  retired: number | undefined;
  /** Per desk: a copy of its data folder taken earlier, to put it back from. */
  private readonly backups = new Map<number, string>();
  accounts = 0;

  constructor() {
    const root = tempDataDir('converge-run');
    this.dirs = template.map((dir, index) => {
      const copy = join(root, `desk-${index + 1}`);
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    this.shared = join(root, 'stick');
    mkdirSync(this.shared);
  }

  async open(): Promise<void> {
    for (const [index, dir] of this.dirs.entries()) await this.openDesk(index, dir);
  }

  private async openDesk(index: number, dir: string): Promise<void> {
    const core = new IntakeCore({ dataDir: dir });
    await core.signIn(PROTECTION.userName, PROTECTION.password);
    this.cores[index] = core;
    const admin = new IntakeCore({ dataDir: dir });
    await admin.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    this.admins[index] = admin;
  }

  /** A copy of the desk's data folder as it is now (nothing writes meanwhile: the log is whole). */
  backUp(index: number): void {
    const copy = join(tempDataDir('converge-backup'), 'data');
    cpSync(this.dirs[index] as string, copy, { recursive: true });
    this.backups.set(index, copy);
  }

  /**
   * The desk's disk fails after it last exchanged (so the site holds all it made), and the desk is
   * put back from its backup: it holds less than the site holds of it.
   */
  async restore(index: number): Promise<void> {
    const backup = this.backups.get(index);
    if (!backup) return;
    await this.exchange(index, Array.from({ length: DESKS * 3 }, () => true));
    this.cores[index]?.close();
    this.admins[index]?.close();
    const dir = this.dirs[index] as string;
    rmSync(dir, { recursive: true, force: true });
    cpSync(backup, dir, { recursive: true });
    await this.openDesk(index, dir);
  }

  close(): void {
    for (const core of [...this.cores, ...this.admins]) core.close();
  }

  private async peopleAt(index: number): Promise<number[]> {
    const core = this.cores[index] as IntakeCore;
    const page = await call(core, 'people.recent', { offset: 0, limit: 500 });
    return page.items.map((p) => p.id).sort((a, b) => a - b);
  }

  private async pick(index: number, n: number): Promise<number | undefined> {
    const people = await this.peopleAt(index);
    return people.length === 0 ? undefined : people[n % people.length];
  }

  /** Exchanges through a stick holding only some of the bundles written so far (the picks). */
  async exchange(index: number, picks: readonly boolean[]): Promise<void> {
    const view = join(tempDataDir('converge-view'), 'stick');
    mkdirSync(view);
    readdirSync(this.shared).forEach((name, i) => {
      if (picks[i % picks.length] ?? true) copyFileSync(join(this.shared, name), join(view, name));
    });
    const core = this.cores[index] as IntakeCore;
    const result = await call(core, 'exchange.run', { folder: view });
    // A bundle of a desk enrolled after this one joined waits until the bundle that introduces that
    // desk is read; a retired desk's bundles are refused beyond what a desk had taken from it.
    expect(result.refusals.filter((refusal) => refusal.code !== 'bundle_unknown_desk' && refusal.code !== 'bundle_retired_desk')).toEqual([]);
    // What the desk wrote goes back onto the shared stick; what it carries replaces its older bundles.
    if (result.bundleWritten) {
      const own = parseBundleFileName(result.bundleWritten);
      for (const name of readdirSync(this.shared)) {
        const parsed = parseBundleFileName(name);
        if (parsed && own && parsed.deskId === own.deskId && parsed.lastSeq <= own.lastSeq) rmSync(join(this.shared, name));
      }
      copyFileSync(join(view, result.bundleWritten), join(this.shared, result.bundleWritten));
    }
    rmSync(view, { recursive: true, force: true });
  }

  async run(step: Action): Promise<void> {
    const core = this.cores[step.desk] as IntakeCore;
    switch (step.kind) {
      case 'register': {
        const person = await change(core, 'people.register', {
          fields: { chosenName: `Person ${step.name}`, ...(step.orientation ? { sexualOrientation: { kind: 'listed', value: 'gay' } } : {}) },
          consents: step.orientation ? ['register', 'sogiesc'] : ['register'],
        });
        if (person) this.registered.push({ desk: step.desk, number: person.registrationNumber });
        return;
      }
      case 'edit': {
        const id = await this.pick(step.desk, step.person);
        if (id !== undefined) await attempt(core, 'people.update', { id, set: { arrivalDate: `2026-10-${String(step.day).padStart(2, '0')}` }, clear: [] });
        return;
      }
      case 'rename': {
        const id = await this.pick(step.desk, step.person);
        if (id !== undefined) await attempt(core, 'people.update', { id, set: { chosenName: `Renamed ${step.name}` }, clear: [] });
        return;
      }
      case 'orientation': {
        const id = await this.pick(step.desk, step.person);
        // Refused where the consent is not (or no longer) given at this desk: that is the app's rule.
        if (id !== undefined) await attempt(core, 'people.update', { id, set: { sexualOrientation: { kind: 'listed', value: 'bisexual' } }, clear: [] });
        return;
      }
      case 'withdraw': {
        const id = await this.pick(step.desk, step.person);
        if (id !== undefined) await attempt(core, 'people.setConsent', { id, purpose: 'sogiesc', given: false });
        return;
      }
      case 'family': {
        const [id, other] = [await this.pick(step.desk, step.person), await this.pick(step.desk, step.other)];
        if (id !== undefined && other !== undefined && id !== other) await attempt(core, 'families.link', { personId: id, withPersonId: other, relationship: 'sibling' });
        return;
      }
      case 'relationship': {
        const id = await this.pick(step.desk, step.person);
        // Refused for a person in no family unit at this desk: that is the app's rule.
        if (id !== undefined) await attempt(core, 'families.setRelationship', { personId: id, relationship: step.relationship });
        return;
      }
      case 'unlink': {
        const id = await this.pick(step.desk, step.person);
        if (id !== undefined) await attempt(core, 'families.remove', { personId: id });
        return;
      }
      case 'account': {
        this.accounts += 1;
        await change(this.admins[step.desk] as IntakeCore, 'accounts.create', {
          userName: `desk${step.desk + 1}.account${this.accounts}`,
          password: 'long enough words for a test account',
          role: step.role,
          language: 'en',
        });
        return;
      }
      case 'setting':
        await change(this.admins[step.desk] as IntakeCore, 'settings.update', { idleMinutes: step.idleMinutes });
        return;
      case 'exchange':
        await this.exchange(step.desk, step.picks);
        return;
      case 'backup':
        this.backUp(step.desk);
        return;
      case 'restore':
        await this.restore(step.desk);
        return;
      case 'retire':
        if (this.retired !== undefined || step.other === step.desk) return;
        {
          // Refused at a desk that has not heard of that desk yet (enrolled after it joined), or held back.
          const result = await attempt(this.admins[step.desk] as IntakeCore, 'desks.retire', { number: step.other + 1 });
          if (result.ok) this.retired = step.other;
          else expect(['desk_not_found', 'exchange_first_after_restore']).toContain(result.error.code);
        }
    }
  }
}

describe('desks that have read the same bundles hold the same data', () => {
  let sites: Site[] = [];
  afterAll(() => sites.forEach((site) => site.close()));

  it('whatever the changes, the order, the repeats and the partial sets', { timeout: 900_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 8, maxLength: 30 }), async (actions) => {
        const site = new Site();
        sites.push(site);
        await site.open();
        try {
          for (const step of actions) await site.run(step);
          // Then every desk reads everything, until nothing new comes (two rounds carry all).
          const all = Array.from({ length: DESKS * 3 }, () => true);
          for (let round = 0; round < 3; round += 1) for (let index = 0; index < DESKS; index += 1) await site.exchange(index, all);

          // No registration number was given twice, though a desk was put back from an older copy.
          expect(new Set(site.registered.map((r) => r.number)).size).toBe(site.registered.length);
          // The desks in service hold the same data: what any of them took from a retired desk before
          // it heard of the retirement reaches them all, and nothing it wrote after that.
          const inService = site.cores.filter((_, index) => index !== site.retired);
          const dumps = inService.map((core) => canonicalDump(core.vault.db));
          for (const dump of dumps.slice(1)) expect(dump).toEqual(dumps[0]);
          for (const core of inService) {
            const numbers = new Set((core.vault.db.prepare('SELECT registration_number FROM people').pluck(true).all() as string[]));
            for (const { desk, number } of site.registered) if (desk !== site.retired) expect(numbers.has(number)).toBe(true);
            // No value a withdrawn consent covers, unless the consent was given again: none is here.
            const leftover = core.vault.db
              .prepare(
                `SELECT count(*) FROM people p WHERE json_extract(p.tier2, '$.sexualOrientation') IS NOT NULL
                   AND EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.purpose = 'sogiesc' AND c.withdrawn_at IS NOT NULL)
                   AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.purpose = 'sogiesc' AND c.withdrawn_at IS NULL)`,
              )
              .pluck(true)
              .get();
            expect(leftover).toBe(0);
            expect(core.vault.db.prepare('SELECT count(*) FROM exchange_waiting').pluck(true).get()).toBe(0);
            // No desk is still held back; every other desk's chain held here is sound on every line it took.
            expect(isHeldBack(core.vault.db)).toBe(false);
            for (const other of verifyVault(core.vault.db).otherDesks) {
              expect(other.audit.sound).toBe(true);
              for (const left of other.leftLines) expect(left.audit.sound).toBe(true);
            }
            // Derived data is each desk's own: every record's search terms are those of its fields.
            const people = core.vault.db.prepare('SELECT id, registration_number, tier0, tier1, tier2 FROM people').all() as Array<Record<string, string> & { id: number }>;
            for (const person of people) {
              const fields = { ...JSON.parse(person.tier0 ?? '{}'), ...JSON.parse(person.tier1 ?? '{}'), ...JSON.parse(person.tier2 ?? '{}') } as PersonFields;
              const expected = termsFor(person.registration_number ?? '', fields).map((t) => `${t.tier}:${t.term}`).sort();
              const stored = (core.vault.db.prepare('SELECT tier, term FROM search_terms WHERE person_id = ?').all(person.id) as Array<{ tier: number; term: string }>)
                .map((t) => `${t.tier}:${t.term}`)
                .sort();
              expect(stored).toEqual(expected);
            }
          }
        } finally {
          site.close();
          sites = sites.filter((s) => s !== site);
        }
      }),
      // CI runs a fixed sample; CONVERGENCE_RUNS=N CONVERGENCE_SEED=S explores more (bench-sized runs).
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 6), seed: Number(process.env.CONVERGENCE_SEED ?? 1330), endOnFailure: true },
    );
  });
});
