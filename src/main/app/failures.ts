import { basename } from 'node:path';
import type { RpcError } from '../../shared/errors';

/**
 * Failures a user can meet and act on, from SQLite or the file system, turned into error codes with
 * their own message: another program holding the database, a full disk, a folder that is not
 * there, a permission, a damaged file. Only a file's base name is passed on, never a value.
 */
export function failureOf(error: unknown): RpcError | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  const code = error.code;
  // The one refusal a trigger raises for a user to act on (migration 19): exchange first.
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && error.message === 'exchange_first_after_restore') return { code: 'exchange_first_after_restore' };
  const file = 'path' in error && typeof error.path === 'string' ? { file: basename(error.path) } : undefined;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED')) return { code: 'database_busy' };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { code: 'disk_full' };
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return { code: 'database_read_only' };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { code: 'vault_damaged' };
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return { code: 'disk_error' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'permission_denied', ...(file ? { params: file } : {}) };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: 'folder_missing', ...(file ? { params: file } : {}) };
  if (code === 'EISDIR') return { code: 'path_is_folder', ...(file ? { params: file } : {}) };
  return undefined;
}
