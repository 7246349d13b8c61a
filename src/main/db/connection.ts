import Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;

export const DATABASE_FILE = 'intake.db';

/**
 * Gives a new connection the raw 32-byte key, as stock SQLCipher 4 takes it (cipher sqlcipher,
 * legacy 4, the key in hex). Nothing is read: the first read is what fails on a wrong key.
 */
export function keyConnection(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * KiB of decrypted pages each connection keeps (filled only as pages are read, so a site of a few
 * thousand people uses a few MiB of it): each page read from the file costs a decryption and an
 * HMAC check, where an unencrypted database reads it from the system's cache for the cost of a
 * copy. Searches of eight letters took p95, encrypted against the same data unencrypted, at
 * 100,000 people 1.76–1.86 times as long with 32 MiB and 1.03–1.11 with 128 MiB; at 1,000,000
 * people 1.36–1.59 with 128 MiB and 1.18–1.27 with 256 MiB (`npm run bench:people`).
 */
export const PAGE_CACHE_KIB = 262144;

/**
 * Opens (or creates) the SQLCipher 4 database with a raw 32-byte key, so that the same key opens
 * it in stock SQLCipher 4 tools: PRAGMA cipher_compatibility = 4; PRAGMA key = "x'<64 hex>'".
 * Throws when the key is wrong or the file is not an intake database.
 */
export function openEncrypted(path: string, key: Buffer, options: { mustExist: boolean }): Db {
  if (key.length !== 32) throw new Error('The database key must be 32 bytes.');
  const db = new Database(path, { fileMustExist: options.mustExist });
  try {
    keyConnection(db, key);
    // Reading the schema is what fails when the key is wrong.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    // FULL: a registration confirmed on screen survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    // SQLite's temporary files (large sorts, indexes) are not encrypted: keep them in memory.
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the same file with no key at all, as a thief would; used to prove it cannot be read. */
export function openWithoutKey(path: string): Db {
  return new Database(path, { fileMustExist: true });
}
