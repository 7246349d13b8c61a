import { accessSync, constants, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { failureOf } from '../app/failures';

/**
 * Checks, before anything is unlocked or computed, that a file can be written where the user asked:
 * the folder exists and this account may write in it.
 */
export function assertWritableTarget(path: string): void {
  const folder = dirname(resolve(path));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new AppError('folder_missing', { file: path });
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new AppError('permission_denied', { file: path });
  }
}

/** Writes the file, or throws the cause by name (disk full, permission…) and leaves no partial file. */
export function writeOutputFile(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes, { mode: 0o600 });
  } catch (error) {
    if (existsSync(path) && statSync(path).isFile()) rmSync(path, { force: true });
    throw new AppError(failureOf(error)?.code ?? 'disk_error', { file: path });
  }
}
