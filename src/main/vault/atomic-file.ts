import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Write-then-rename, so a crash mid-write leaves the old file whole. Only for non-personal files. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(value, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncFolderOf(path);
}

/**
 * The rename is an entry in the folder: until the folder itself is synced, a power cut can bring
 * back the old name (or no file at all). POSIX syncs a folder through a read-only descriptor.
 * Windows cannot open a folder as a file (Node fails with EISDIR/EPERM) and has no folder sync to
 * call; NTFS journals the rename as metadata, which is the most that can be had there.
 */
function syncFolderOf(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A side file as read from disk. `damaged` is a file that is there but is not JSON (cut short,
 * overwritten, not text); its text is kept so a caller can save what is still legible. A file that
 * cannot be read at all (permissions, a failing disk) is no damage to repair: that error is thrown
 * as it is, for dispatch to report by its own code.
 */
export type JsonRead = { status: 'missing' } | { status: 'damaged'; text: string } | { status: 'read'; value: unknown };

export function readJsonFile(path: string): JsonRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  try {
    return { status: 'read', value: JSON.parse(text) as unknown };
  } catch {
    return { status: 'damaged', text };
  }
}

/**
 * Moves a damaged file out of the way as `<name>.damaged-<time>` (with `-2`, `-3`… should that
 * name be taken), never deleting it, so it can be looked at later. Returns the name it was given.
 */
export function setAsideDamaged(path: string, at: Date): string {
  const stem = `${path}.damaged-${at.toISOString().replace(/[:.]/g, '-')}`;
  let aside = stem;
  for (let n = 2; existsSync(aside); n += 1) aside = `${stem}-${n}`;
  renameSync(path, aside);
  syncFolderOf(path);
  return basename(aside);
}
