/**
 * What this desk has sent, kept outside its data folder too (issue 13: a stale copy of a file).
 *
 * A desk's data folder put back from an older copy by hand (or by a sync tool, or a disk image)
 * holds less than it had sent: its next changes would take operation and registration numbers the
 * other desks already hold under other changes, and be dropped there for good. `intake restore`
 * marks what it restores; a copy put back by hand cannot. So every bundle written records the last
 * of this desk's operation numbers it carries in the database and in a small file in the user's
 * state folder, outside the data folder (no personal data: a desk's number and a count). At each
 * unlock, a database that numbered fewer operations than that file says were sent is an older copy,
 * and is held back like a restored desk (migration 19): it changes nothing until it has heard from
 * the site how far the site holds its operations, numbers its next ones past those and gets back
 * those it lost. (Not past what the file says: what a bundle carried may never have reached a desk,
 * and the others apply a desk's operations without a gap.) A database that has sent bundles but
 * finds no such file (moved to another folder or computer, or the file removed) cannot tell, and is
 * held back too. A database from before migration 21 has no record of what it sent: not held back.
 *
 * It catches a folder put back by mistake, not someone who also puts back this file: that needs
 * the database key's holder to be trusted, as the rest of the desk does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { readJsonFile, writeJsonAtomic } from '../vault/atomic-file';
import { APP_FOLDER } from '../data-dir';
import { globalIdText } from './global-id';
import { ownOperationsNumbered } from './operations';

export const STATE_DIR_ENV = 'INTAKE_STATE_DIR';

/** The user's state folder for the app, apart from its data folder (which is under app data). */
export function stateFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const fromEnv = env[STATE_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', `${APP_FOLDER}-state`);
  return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), APP_FOLDER);
}

const recordSchema = z.object({ format: z.literal(1), lastSentSeq: z.number().int().min(0) });

/** The folder as the system names it: the same folder reached by a link, or spelt in another case where case does not count, is one. */
function folderIdentity(dataDir: string, platform: NodeJS.Platform): string {
  let path: string;
  try {
    path = realpathSync.native(dataDir);
  } catch {
    path = resolve(dataDir);
  }
  return platform === 'win32' || platform === 'darwin' ? path.toLowerCase() : path;
}

/** One file per desk and data folder: a copy of a folder elsewhere is another desk's data folder until it sends. */
function recordPath(db: Db, dataDir: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const gid = prepared<[], Buffer | null>(db, 'SELECT desk_gid FROM this_desk WHERE id = 1').pluck(true).get();
  if (!gid) return undefined;
  const name = createHash('sha256').update(`${globalIdText(gid)}\n${folderIdentity(dataDir, platform)}`, 'utf8').digest('hex').slice(0, 32);
  return join(stateFolder(env, platform), 'sent', `${name}.json`);
}

/**
 * The last operation number the file says this folder's desk sent; undefined when there is no
 * readable file. A state folder that cannot be read (permissions, a scanner holding the file) counts
 * as no file: at most the desk is held back until its next exchange, never kept from signing in.
 */
function readRecord(path: string): number | undefined {
  try {
    const read = readJsonFile(path);
    if (read.status !== 'read') return undefined;
    const parsed = recordSchema.safeParse(read.value);
    return parsed.success ? parsed.data.lastSentSeq : undefined;
  } catch {
    return undefined;
  }
}

/** The last of its own operation numbers the database says a bundle of this desk carried (0: none written). */
function sentInDatabase(db: Db): number {
  return prepared<[], number | null>(db, 'SELECT last_seq FROM exchange_sent WHERE id = 1').pluck(true).get() ?? 0;
}

/**
 * Records, before the bundle is written, the last operation number it carries: in the database,
 * then in the file (synced), each only ever growing. A crash between the two leaves the file behind
 * the database, which reads as a folder not older than what it sent.
 */
export function recordSent(db: Db, dataDir: string, lastSeq: number, now: string, env: NodeJS.ProcessEnv = process.env): void {
  prepared(
    db,
    `INSERT INTO exchange_sent (id, last_seq, written_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq), written_at = excluded.written_at`,
  ).run(lastSeq, now);
  const path = recordPath(db, dataDir, env);
  if (!path) return;
  const recorded = readRecord(path) ?? 0;
  if (recorded >= lastSeq) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeJsonAtomic(path, { format: 1, lastSentSeq: lastSeq });
  } catch {
    // A state folder that cannot be written keeps no desk from exchanging: the database has the
    // record, and at the next unlock the desk finds no file and is held back until it has heard.
  }
}

/**
 * Once a desk held back has heard from the site and holds what the site holds of it, what the file
 * says it sent beyond that never reached a desk (a stick lost): the database takes the file's
 * number as accounted for, so the next unlock does not hold the desk back again for it.
 */
export function settleSentRecord(db: Db, dataDir: string, now: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = recordPath(db, dataDir, env);
  const recorded = path ? readRecord(path) : undefined;
  if (recorded === undefined) return;
  prepared(
    db,
    `INSERT INTO exchange_sent (id, last_seq, written_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  ).run(recorded, now);
}

/** Why a database opened is held back: older than what its desk sent, or not known to have sent from here. */
export type BehindWhatWasSent = { cause: 'older-copy'; sent: number; numbered: number } | { cause: 'no-record-here'; sentInDatabase: number };

/**
 * Whether the database opened from `dataDir` may hold less than its desk sent (see the top of this
 * file). Undefined when it sent nothing, or holds all it sent.
 */
export function behindWhatWasSent(db: Db, dataDir: string, env: NodeJS.ProcessEnv = process.env): BehindWhatWasSent | undefined {
  const numbered = ownOperationsNumbered(db);
  const path = recordPath(db, dataDir, env);
  if (!path) return undefined;
  const recorded = readRecord(path);
  const sent = sentInDatabase(db);
  if (recorded !== undefined) return recorded > Math.max(numbered, sent) ? { cause: 'older-copy', sent: recorded, numbered } : undefined;
  return sent > 0 ? { cause: 'no-record-here', sentInDatabase: sent } : undefined;
}
