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
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** One file per desk and data folder: a copy of a folder elsewhere is another desk's data folder until it sends. */
function recordPath(db: Db, dataDir: string, env: NodeJS.ProcessEnv): string | undefined {
  const gid = prepared<[], Buffer | null>(db, 'SELECT desk_gid FROM this_desk WHERE id = 1').pluck(true).get();
  if (!gid) return undefined;
  const name = createHash('sha256').update(`${globalIdText(gid)}\n${resolve(dataDir)}`, 'utf8').digest('hex').slice(0, 32);
  return join(stateFolder(env), 'sent', `${name}.json`);
}

/** The last operation number the file says this folder's desk sent; undefined when there is no readable file. */
function readRecord(path: string): number | undefined {
  const read = readJsonFile(path);
  if (read.status !== 'read') return undefined;
  const parsed = recordSchema.safeParse(read.value);
  return parsed.success ? parsed.data.lastSentSeq : undefined;
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
  mkdirSync(join(stateFolder(env), 'sent'), { recursive: true, mode: 0o700 });
  writeJsonAtomic(path, { format: 1, lastSentSeq: lastSeq });
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
  if (recorded !== undefined) return recorded > numbered ? { cause: 'older-copy', sent: recorded, numbered } : undefined;
  const sent = sentInDatabase(db);
  return sent > 0 ? { cause: 'no-record-here', sentInDatabase: sent } : undefined;
}
