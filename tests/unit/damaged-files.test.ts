/**
 * Damaged and hostile files in the data folder (issue 14): each side file truncated, overwritten
 * with garbage, or replaced by valid JSON of the wrong shape. The core must still construct and
 * answer `app.status`; what can be rebuilt is rebuilt (and a damaged file is kept aside, noted in
 * the audit log at the next unlock); what cannot (keyslots.json) is reported by name, never
 * mistaken for a device that is not set up, and never overwritten.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { writeJsonAtomic } from '../../src/main/vault/atomic-file';
import { delaySecondsAfter } from '../../src/main/vault/sign-in-throttle';
import type { AuditEntry } from '../../src/shared/audit';
import type { AppStatus } from '../../src/shared/contract';
import type { RpcResult } from '../../src/shared/errors';
import { resources } from '../../src/shared/i18n';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../src/shared/languages';
import { sha256OfFile } from './helpers/files';
import { makeTempDir, removeTempDir, tempDataDir } from './helpers/temp-dir';
import { dispatcherFor, SUPERVISOR } from './helpers/vault';

// Pass-through wrappers, so the test can see which files are opened and synced.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, openSync: vi.fn(actual.openSync), fsyncSync: vi.fn(actual.fsyncSync), renameSync: vi.fn(actual.renameSync) };
});

const KEY_SLOTS = 'keyslots.json';
const DEVICE = 'device.json';
const THROTTLE = 'sign-in-throttle.json';
const PENDING = 'pending-sign-in-failures.json';
const DATABASE = 'intake.db';
const LONGEST_WAIT = delaySecondsAfter(Number.MAX_SAFE_INTEGER);

const KINDS = ['truncated', 'garbage', 'wrong shape'] as const;
type Kind = (typeof KINDS)[number];

/** The damaged bytes for a file whose sound bytes are `sound`. */
function damaged(sound: Buffer, kind: Kind): Buffer {
  switch (kind) {
    case 'truncated':
      return sound.subarray(0, Math.floor(sound.length / 2));
    case 'garbage':
      // Not UTF-8, not JSON; the same length as the original.
      return Buffer.from(Array.from({ length: Math.max(sound.length, 16) }, (_, i) => (i * 167 + 0xc3) % 256).map((b, i) => (i === 0 ? 0xff : b)));
    case 'wrong shape':
      return Buffer.from(JSON.stringify({ format: 99, note: 'valid JSON, but not what the app wrote' }));
  }
}

function damage(dataDir: string, file: string, kind: Kind): Buffer {
  const bytes = damaged(readFileSync(join(dataDir, file)), kind);
  writeFileSync(join(dataDir, file), bytes);
  return bytes;
}

/** A clock the test moves by hand, starting now (the template's files hold real times). */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let current = Date.now();
  return { now: () => current, advance: (ms) => (current += ms) };
}

let template = '';

/** A set-up site, signed out, with one failed sign-in waiting: every side file exists. */
beforeAll(async () => {
  template = makeTempDir('damaged-template');
  const core = new IntakeCore({ dataDir: template });
  await core.setUp({ ...SUPERVISOR, language: 'ar' });
  core.signOut();
  await expect(core.signIn('ghost.user', 'a guess that is not right')).rejects.toThrow();
  core.close();
  for (const file of [KEY_SLOTS, DEVICE, THROTTLE, PENDING, DATABASE]) expect(existsSync(join(template, file)), file).toBe(true);
});

afterAll(() => removeTempDir(template));

function siteCopy(): string {
  const dataDir = tempDataDir('damaged');
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

/** Constructs the core as the app does at start; the test fails if that throws. */
function start(dataDir: string, now?: () => number) {
  let core: IntakeCore | undefined;
  expect(() => {
    core = new IntakeCore({ dataDir, ...(now ? { now } : {}) });
  }).not.toThrow();
  if (!core) throw new Error('unreachable');
  return { core, ...dispatcherFor(core) };
}

function statusOf(result: RpcResult<unknown>): AppStatus {
  expect(result.ok).toBe(true);
  if (!result.ok) throw new Error(`app.status failed with ${result.error.code}`);
  return result.value as AppStatus;
}

function signIn(core: IntakeCore) {
  return dispatcherFor(core).dispatcher.dispatch('session.signIn', SUPERVISOR);
}

function auditEntries(core: IntakeCore, action: AuditEntry['action']): AuditEntry[] {
  return core.vault.audit.list({ action, limit: 1000 });
}

/** The files set aside as `<name>.damaged-<timestamp>`. */
function setAside(dataDir: string, file: string): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith(`${file}.damaged-`));
}

describe.each(KINDS)('a %s side file', (kind) => {
  test('device.json: the sign-in screen loads in the default language, and the file is rewritten', async () => {
    const dataDir = siteCopy();
    damage(dataDir, DEVICE, kind);
    const { core, dispatcher } = start(dataDir);

    const status = statusOf(await dispatcher.dispatch('app.status', {}));
    expect(status).toMatchObject({ state: 'signed-out', deviceLanguage: DEFAULT_LANGUAGE });
    expect(status.damaged).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dataDir, DEVICE), 'utf8'))).toEqual({ language: DEFAULT_LANGUAGE });

    expect(await signIn(core)).toMatchObject({ ok: true });
    core.close();
  });

  test('keyslots.json: reported by name, never taken for "not set up", never overwritten', async () => {
    const dataDir = siteCopy();
    damage(dataDir, KEY_SLOTS, kind);
    const slotsBefore = sha256OfFile(join(dataDir, KEY_SLOTS));
    const databaseBefore = sha256OfFile(join(dataDir, DATABASE));
    const { core, dispatcher } = start(dataDir);

    const status = statusOf(await dispatcher.dispatch('app.status', {}));
    expect(status.state).toBe('signed-out');
    expect(status.damaged).toEqual({ file: KEY_SLOTS });

    const damagedError = { ok: false, error: { code: 'vault_files_damaged', params: { file: KEY_SLOTS } } };
    expect(await dispatcher.dispatch('session.signIn', SUPERVISOR)).toEqual(damagedError);
    expect(
      await dispatcher.dispatch('recovery.resetPassword', { recoveryKey: 'AAAA-AAAA', userName: SUPERVISOR.userName, newPassword: 'x'.repeat(20) }),
    ).toEqual(damagedError);
    // Setting up again would wrap a new key over the old vault: refused.
    const setUp = await dispatcher.dispatch('setup.create', { ...SUPERVISOR, language: 'en' });
    expect(setUp).toMatchObject({ ok: false, error: { code: 'already_set_up' } });

    expect(core.stateName).toBe('signed-out');
    expect(sha256OfFile(join(dataDir, KEY_SLOTS))).toBe(slotsBefore);
    expect(sha256OfFile(join(dataDir, DATABASE))).toBe(databaseBefore);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(KEY_SLOTS))).toEqual([KEY_SLOTS]);
    core.close();
  });

  test('sign-in-throttle.json: everyone waits the longest back-off once, then the file is sound and the damage is audited', async () => {
    const dataDir = siteCopy();
    const bytes = damage(dataDir, THROTTLE, kind);
    const clock = manualClock();
    const { core, dispatcher } = start(dataDir, clock.now);

    expect(statusOf(await dispatcher.dispatch('app.status', {})).damaged).toBeUndefined();
    // A damaged throttle never means "no back-off": the right password waits too.
    expect(await signIn(core)).toEqual({ ok: false, error: { code: 'throttled', params: { seconds: LONGEST_WAIT } } });
    expect(await dispatcher.dispatch('session.signIn', { userName: 'someone.else', password: 'anything at all' })).toMatchObject({
      ok: false,
      error: { code: 'throttled' },
    });
    const kept = setAside(dataDir, THROTTLE);
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dataDir, kept[0] ?? ''))).toEqual(bytes);
    expect(JSON.parse(readFileSync(join(dataDir, THROTTLE), 'utf8'))).toMatchObject({ entries: {} });

    // A restart does not lift the wait either.
    const restarted = start(dataDir, clock.now);
    expect(await signIn(restarted.core)).toMatchObject({ ok: false, error: { code: 'throttled' } });

    clock.advance(LONGEST_WAIT * 1000);
    expect(await signIn(restarted.core)).toMatchObject({ ok: true });
    const notes = auditEntries(restarted.core, 'side-file-damaged');
    expect(notes.map((entry) => entry.details)).toEqual([{ file: THROTTLE }]);
    expect(notes[0]?.userName).toBeUndefined();
    restarted.core.close();
    core.close();
  });

  test('pending-sign-in-failures.json: set aside, rebuilt, and noted in the audit log at the next unlock', async () => {
    const dataDir = siteCopy();
    const bytes = damage(dataDir, PENDING, kind);
    const { core, dispatcher } = start(dataDir);

    expect(statusOf(await dispatcher.dispatch('app.status', {})).damaged).toBeUndefined();
    expect(await signIn(core)).toMatchObject({ ok: true });

    const kept = setAside(dataDir, PENDING);
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dataDir, kept[0] ?? ''))).toEqual(bytes);
    expect(JSON.parse(readFileSync(join(dataDir, PENDING), 'utf8'))).toMatchObject({ failures: [] });
    const notes = auditEntries(core, 'side-file-damaged');
    expect(notes.map((entry) => entry.details)).toEqual([{ file: PENDING }]);
    expect(notes[0]?.userName).toBeUndefined();
    core.close();
  });
});

describe('pending sign-in failures keep what can be read', () => {
  const failure = (minute: number, slotId: string) => ({ at: new Date(Date.UTC(2026, 0, 15, 9, minute)).toISOString(), slotId });
  const first = failure(1, 'a'.repeat(64));
  const second = failure(2, 'recovery');
  const third = failure(3, 'b'.repeat(64));

  test.each([
    ['one entry of the wrong shape', JSON.stringify({ failures: [first, { at: 'yesterday', slotId: 7 }, second] }, null, 2)],
    ['cut off in the third entry', JSON.stringify({ failures: [first, second, third] }, null, 2).slice(0, -60)],
  ])('%s: the sound entries still reach the audit log', async (_case, content) => {
    const dataDir = siteCopy();
    writeFileSync(join(dataDir, PENDING), content);
    const { core } = start(dataDir);
    expect(await signIn(core)).toMatchObject({ ok: true });

    const failed = auditEntries(core, 'sign-in-failed').map((entry) => entry.at);
    expect(failed.sort()).toEqual([first.at, second.at]);
    expect(auditEntries(core, 'side-file-damaged').map((entry) => entry.details)).toEqual([{ file: PENDING }]);
    expect(setAside(dataDir, PENDING)).toHaveLength(1);
    core.close();
  });
});

describe.each(['truncated', 'garbage'] as const)('a %s intake.db', (kind) => {
  test('gives vault_damaged at sign-in, and touches neither the database nor the key slots', async () => {
    const dataDir = siteCopy();
    damage(dataDir, DATABASE, kind);
    const slotsBefore = sha256OfFile(join(dataDir, KEY_SLOTS));
    const databaseBefore = sha256OfFile(join(dataDir, DATABASE));
    const { core, dispatcher } = start(dataDir);

    const status = statusOf(await dispatcher.dispatch('app.status', {}));
    expect(status.state).toBe('signed-out');
    expect(await signIn(core)).toEqual({ ok: false, error: { code: 'vault_damaged' } });
    expect(core.stateName).toBe('signed-out');
    expect(sha256OfFile(join(dataDir, KEY_SLOTS))).toBe(slotsBefore);
    expect(sha256OfFile(join(dataDir, DATABASE))).toBe(databaseBefore);
    core.close();
  });
});

describe('the messages', () => {
  test.each(LANGUAGES)('%s: each damaged-file message names the file and says to restore it from a backup', (language) => {
    const errors = resources[language].translation.errors;
    expect(errors.vault_damaged).toContain(DATABASE);
    expect(errors.vault_files_damaged).toContain('{{file}}');
    expect(errors.vault_files_damaged).toContain('README');
  });
});

describe('writeJsonAtomic', () => {
  test('syncs the folder after the rename, so the new name survives a power cut', () => {
    const dataDir = tempDataDir('atomic');
    const path = join(dataDir, 'side.json');
    const openSync = vi.mocked(fs.openSync);
    const fsyncSync = vi.mocked(fs.fsyncSync);
    const renameSync = vi.mocked(fs.renameSync);
    openSync.mockClear();
    fsyncSync.mockClear();
    renameSync.mockClear();

    writeJsonAtomic(path, { sound: true });

    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ sound: true });
    const folderOpen = openSync.mock.calls.findIndex(([opened, flags]) => opened === dirname(path) && flags === 'r');
    expect(folderOpen, 'the folder is opened read-only').toBeGreaterThanOrEqual(0);
    const folderFd = openSync.mock.results[folderOpen]?.value as number;
    const openedAt = openSync.mock.invocationCallOrder[folderOpen] ?? Infinity;
    // Descriptor numbers are reused, so only a sync after the folder was opened counts.
    const folderSync = fsyncSync.mock.calls.findIndex(([fd], i) => fd === folderFd && (fsyncSync.mock.invocationCallOrder[i] ?? 0) > openedAt);
    expect(folderSync, 'the folder is synced').toBeGreaterThanOrEqual(0);
    expect(openedAt).toBeGreaterThan(renameSync.mock.invocationCallOrder[0] ?? Infinity);
  });
});
