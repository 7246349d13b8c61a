import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { IntakeCore } from '../app/intake-core';
import { assertWritableTarget, writeOutputFile } from '../cli/output-file';
import { KeySlotStore } from '../vault/key-slots';
import { enrolDesk, joinSite } from './desk-enrolment';
import { ENROLMENT_MAX_BYTES, openEnrolment, sealEnrolment } from './enrolment-file';
import { runExchange } from './exchange-run';
import { listDesks } from './this-desk';
import { FolderTransport } from './transport';

/**
 * `desks.enrol`: the new desk recorded here and its enrolment file written, in the call's
 * transaction (a file that cannot be written leaves no desk recorded). An existing file is never
 * overwritten: it may be another desk's enrolment not yet used.
 */
export async function enrol(core: IntakeCore, out: string, passphrase: string) {
  if (!isAbsolute(out)) throw new AppError('enrolment_file_not_absolute', { file: out });
  const file = resolve(out);
  assertWritableTarget(file);
  if (existsSync(file)) throw new AppError('enrolment_file_exists', { file });
  // Read from disk: the CLI beside the app may have changed the slots since this vault opened.
  const enrolled = enrolDesk(core.vault.db, KeySlotStore.open(core.dataDir), new Date());
  writeOutputFile(file, await sealEnrolment(enrolled.enrolment, passphrase));
  return { file, desk: enrolled.desk, accounts: enrolled.accounts, notCarried: enrolled.notCarried };
}

/** `desks.join`, before set-up: this data folder becomes a desk of the enrolment's site, signed out. */
export async function join(core: IntakeCore, enrolmentPath: string, passphrase: string) {
  const file = basename(enrolmentPath);
  const enrolment = await openEnrolment(readEnrolmentFile(enrolmentPath), passphrase, file);
  const result = joinSite(core.dataDir, enrolment, file);
  core.restored();
  return result;
}

/**
 * The enrolment file named by the caller (typed or picked in the set-up screen, or given to the
 * CLI): a full path to a regular file of at most ENROLMENT_MAX_BYTES, checked on the open file so
 * what is read is what was checked.
 */
function readEnrolmentFile(path: string): Buffer {
  if (!isAbsolute(path)) throw new AppError('enrolment_file_not_absolute', { file: path });
  const file = resolve(path);
  let fd: number;
  try {
    // Not a folder, a device or a pipe (opening a pipe for reading would wait for a writer).
    if (!statSync(file).isFile()) throw new AppError('enrolment_file_missing', { file });
    // Non-blocking: a file swapped for a pipe after the check is not waited on.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('enrolment_file_missing', { file });
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new AppError('enrolment_file_missing', { file });
    if (stat.size > ENROLMENT_MAX_BYTES) throw new AppError('enrolment_file_too_large', { file, limit: ENROLMENT_MAX_BYTES });
    // Never more than the limit, whatever the size said (some system files say less than they hold).
    const buffer = Buffer.alloc(ENROLMENT_MAX_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > ENROLMENT_MAX_BYTES) throw new AppError('enrolment_file_too_large', { file, limit: ENROLMENT_MAX_BYTES });
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * `exchange.run`: through the folder given (absolute, as typed or picked), one bundle transaction
 * at a time, each with its audit entry; a lock asked for meanwhile waits for the exchange to end.
 */
export async function exchangeThroughFolder(core: IntakeCore, folder: string) {
  if (!isAbsolute(folder)) throw new AppError('exchange_folder_not_absolute', { folder });
  const db = core.vault.db;
  const me = listDesks(db).find((desk) => desk.thisDesk);
  if (!me) throw new Error('This database has no desk identity: it was not set up.');
  const transport = new FolderTransport(resolve(folder), me.id);
  const summary = await core.duringCall(() => runExchange(db, transport, { now: () => new Date(), dataDir: core.dataDir, audit: (draft) => core.audit(draft) }));
  // Accounts made, given a new password or disabled at other desks: their slots here follow.
  core.vault.syncAccountKeyPairs();
  return summary;
}
