/**
 * Issue 13: a laptop joins a site as a new desk from the set-up screen (the window channel), not
 * only from the CLI. Main checks the enrolment path the window gives: a full path to a regular file
 * of bounded size; anything else is refused with its own error and nothing is written. Once the
 * folder is a desk, neither the join nor the file picker is open to the window any more.
 */
import { mkdirSync, readdirSync, existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { ENROLMENT_MAX_BYTES } from '../../../src/main/exchange/enrolment-file';
import type { Method, MethodInput } from '../../../src/shared/contract';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, dispatcherFor, setUpVault, SUPERVISOR } from '../helpers/vault';

const PASSPHRASE = 'copper kites over the harbour wall';

async function windowCall<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>) {
  return dispatcherFor(core, 'ui').dispatcher.dispatch(method, input);
}

const contentsOf = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

describe('joining a site from the set-up screen', () => {
  it('refuses a path that is not a full path to an enrolment-sized file, naming the cause, then joins over the window', { timeout: 180_000 }, async () => {
    const { core: site } = await setUpVault(tempDataDir('join-window-site'));
    const stick = tempDataDir('join-window-stick');
    const file = join(stick, 'desk-2.enrolment');
    const enrolled = await dispatcherFor(site, 'ui').dispatcher.dispatch('desks.enrol', { out: file, passphrase: PASSPHRASE });
    expect(enrolled.ok).toBe(true);
    site.close();

    const deskDir = join(tempDataDir('join-window-desk'), 'data');
    const desk = new IntakeCore({ dataDir: deskDir });
    const refusal = async (enrolment: string) => {
      const result = await windowCall(desk, 'desks.join', { enrolment, passphrase: PASSPHRASE });
      expect(contentsOf(deskDir), enrolment).toEqual([]);
      expect(desk.stateName).toBe('not-set-up');
      return result.ok ? 'ok' : result.error;
    };
    // A window has no working folder: a relative path is refused, not resolved against the app's.
    expect(await refusal('desk-2.enrolment')).toEqual({ code: 'enrolment_file_not_absolute', params: { file: 'desk-2.enrolment' } });
    const missing = join(stick, 'desk-3.enrolment');
    expect(await refusal(missing)).toEqual({ code: 'enrolment_file_missing', params: { file: missing } });
    const folder = join(stick, 'a-folder.enrolment');
    mkdirSync(folder);
    expect(await refusal(folder)).toEqual({ code: 'enrolment_file_missing', params: { file: folder } });
    // A huge file (a disk image picked by mistake) is refused before it is read.
    const huge = join(stick, 'huge.enrolment');
    writeFileSync(huge, '');
    truncateSync(huge, ENROLMENT_MAX_BYTES + 1);
    expect(await refusal(huge)).toEqual({ code: 'enrolment_file_too_large', params: { file: huge, limit: ENROLMENT_MAX_BYTES } });

    const joined = await windowCall(desk, 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
    expect(joined).toMatchObject({ ok: true, value: { desk: { number: 2 }, accounts: 1 } });
    expect(desk.stateName).toBe('signed-out');
    expect(desk.status()).toMatchObject({ state: 'signed-out' });
    // Set up now: the window can neither join again nor open the picker meant for the set-up screen.
    expect(await windowCall(desk, 'desks.join', { enrolment: file, passphrase: PASSPHRASE })).toEqual({ ok: false, error: { code: 'already_set_up' } });
    expect(await windowCall(desk, 'app.pickFile', {})).toEqual({ ok: false, error: { code: 'already_set_up' } });
    await desk.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(desk.user?.userName).toBe(SUPERVISOR.userName);
    expect(await windowCall(desk, 'app.pickFile', {})).toEqual({ ok: false, error: { code: 'already_set_up' } });
    desk.close();
  });

  it('takes the enrolment file from the system picker where the host has one, and says so where it has none', async () => {
    const none = new IntakeCore({ dataDir: join(tempDataDir('join-window-no-picker'), 'data') });
    expect(none.status().canPickFile).toBe(false);
    expect(await windowCall(none, 'app.pickFile', {})).toEqual({ ok: false, error: { code: 'folder_picker_unavailable' } });

    const offered: (string | undefined)[] = [];
    const withPicker = new IntakeCore({
      dataDir: join(tempDataDir('join-window-picker'), 'data'),
      chooseFile: (current) => {
        offered.push(current);
        return Promise.resolve(offered.length === 1 ? '/media/stick/desk-2.enrolment' : undefined);
      },
    });
    expect(withPicker.status().canPickFile).toBe(true);
    expect(await windowCall(withPicker, 'app.pickFile', {})).toEqual({ ok: true, value: { file: '/media/stick/desk-2.enrolment' } });
    // Cancelled: nothing picked.
    expect(await windowCall(withPicker, 'app.pickFile', { current: '/media/stick' })).toEqual({ ok: true, value: {} });
    expect(offered).toEqual([undefined, '/media/stick']);
  });

  it('offers a supervisor the system save-file picker for the enrolment file where the host has one, and writes where it was picked', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('enrol-save-picker');
    const { core: plain } = await setUpVault(dataDir);
    expect(plain.status().canPickSaveFile).toBe(false);
    expect(await windowCall(plain, 'desks.list', {})).toMatchObject({ ok: true, value: { canChooseFile: false } });
    expect(await windowCall(plain, 'app.pickSaveFile', {})).toEqual({ ok: false, error: { code: 'folder_picker_unavailable' } });
    await addAccount(plain, CLERK, 'clerk');
    plain.close();

    const stick = tempDataDir('enrol-save-picker-stick');
    const picked = join(stick, 'desk-2.enrolment');
    const offered: (string | undefined)[] = [];
    const core = new IntakeCore({
      dataDir,
      chooseSaveFile: (current) => {
        offered.push(current);
        return Promise.resolve(offered.length === 1 ? picked : undefined);
      },
    });
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(core.status().canPickSaveFile).toBe(true);
    expect(await windowCall(core, 'desks.list', {})).toMatchObject({ ok: true, value: { canChooseFile: true } });
    expect(await windowCall(core, 'app.pickSaveFile', {})).toEqual({ ok: true, value: { file: picked } });
    expect(await windowCall(core, 'desks.enrol', { out: picked, passphrase: PASSPHRASE })).toMatchObject({ ok: true, value: { desk: { number: 2 } } });
    expect(contentsOf(stick)).toEqual(['desk-2.enrolment']);
    // Cancelled: nothing picked.
    expect(await windowCall(core, 'app.pickSaveFile', { current: picked })).toEqual({ ok: true, value: {} });
    expect(offered).toEqual([undefined, picked]);

    // Only a supervisor enrols a desk, so only a supervisor is shown the picker.
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    expect(await windowCall(core, 'app.pickSaveFile', {})).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(offered).toHaveLength(2);
    core.close();
  });
});
