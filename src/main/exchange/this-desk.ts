import { generateKeyPairSync } from 'node:crypto';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { AppError } from '../../shared/errors';
import { globalIdText, newGlobalId } from './global-id';

/** A desk of the site as this database knows it. */
export interface DeskRecord {
  /** The desk's global id, in text form. */
  id: string;
  number: number;
  /** Ed25519 public key, SubjectPublicKeyInfo DER in base64. */
  publicKey: string;
  enrolledAt: string;
  retiredAt: string | null;
  thisDesk: boolean;
}

interface DeskRow {
  gid: Buffer;
  number: number;
  public_key: string;
  enrolled_at: string;
  retired_at: string | null;
  this_desk: number;
}

/**
 * Gives the database its desk identity once the site exists: a global id, number 1 and an Ed25519
 * key pair whose private half stays in the encrypted database. Runs at set-up and when a database
 * made before desks existed is opened; a desk that joins a site gets its identity from enrolment.
 */
export function ensureThisDesk(db: Db, now: Date = new Date()): void {
  // Read first: an open (intake verify beside the app) takes no write lock once the desk exists.
  if (prepared<[], number>(db, 'SELECT count(*) FROM this_desk').pluck(true).get() === 1) return;
  // Under the write lock: two processes opening the same old database make one desk, not two.
  db.transaction(() => {
    const hasSite = prepared<[], number>(db, 'SELECT count(*) FROM site').pluck(true).get() === 1;
    const hasDesk = prepared<[], number>(db, 'SELECT count(*) FROM this_desk').pluck(true).get() === 1;
    if (!hasSite || hasDesk) return;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const gid = newGlobalId(now.getTime());
    const number = (prepared<[], number | null>(db, 'SELECT max(number) FROM desks').pluck(true).get() ?? 0) + 1;
    prepared(db, 'INSERT INTO desks (gid, number, public_key, enrolled_at) VALUES (?, ?, ?, ?)').run(
      gid,
      number,
      publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      now.toISOString(),
    );
    prepared(db, 'INSERT INTO this_desk (id, desk_gid, private_key) VALUES (1, ?, ?)').run(
      gid,
      privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    );
  }).immediate();
}

/** This desk's number; 1 until the site has a desk (a database not yet set up). */
export function thisDeskNumber(db: Db): number {
  return (
    prepared<[], number>(db, 'SELECT d.number FROM this_desk t JOIN desks d ON d.gid = t.desk_gid').pluck(true).get() ?? 1
  );
}

/**
 * The prefix of the registration numbers this desk gives: the site's prefix at desk 1 (numbers
 * given before desks existed keep their form), the site's prefix and the desk number elsewhere.
 * A site prefix has no hyphen, so "ATH-2-000001" can never equal a number of another desk.
 */
export function deskRegistrationPrefix(sitePrefix: string, deskNumber: number): string {
  return deskNumber === 1 ? sitePrefix : `${sitePrefix}-${deskNumber}`;
}

/**
 * Retires a desk of the site (a lost, stolen or replaced laptop), recording when. Retiring twice
 * keeps the first time. A desk cannot retire itself: that is for a supervisor at another desk.
 */
export function retireDesk(db: Db, number: number, now: Date): DeskRecord {
  const desk = listDesks(db).find((d) => d.number === number);
  if (!desk) throw new AppError('desk_not_found', { desk: number });
  if (desk.thisDesk) throw new AppError('desk_retire_own', { desk: number });
  prepared(db, 'UPDATE desks SET retired_at = coalesce(retired_at, ?) WHERE number = ?').run(now.toISOString(), number);
  return listDesks(db).find((d) => d.number === number) ?? desk;
}

/** The site's desks, this one marked, by number. */
export function listDesks(db: Db): DeskRecord[] {
  return prepared<[], DeskRow>(
    db,
    `SELECT d.gid, d.number, d.public_key, d.enrolled_at, d.retired_at,
            EXISTS (SELECT 1 FROM this_desk t WHERE t.desk_gid = d.gid) AS this_desk
       FROM desks d ORDER BY d.number`,
  )
    .all()
    .map((row) => ({
      id: globalIdText(row.gid),
      number: row.number,
      publicKey: row.public_key,
      enrolledAt: row.enrolled_at,
      retiredAt: row.retired_at,
      thisDesk: row.this_desk === 1,
    }));
}

/** The site's global id in text form (a database is given one at set-up or by migration 10). */
export function siteId(db: Db): string {
  const gid = prepared<[], Buffer | null>(db, 'SELECT gid FROM site WHERE id = 1').pluck(true).get();
  if (!gid) throw new Error('The database has no site id: it was not set up.');
  return globalIdText(gid);
}

/** The site exchange key (32 bytes) that encrypts the bundles the site's desks exchange. */
export function siteExchangeKey(db: Db): Buffer {
  const key = prepared<[], Buffer | null>(db, 'SELECT exchange_key FROM site WHERE id = 1').pluck(true).get();
  if (!key || key.length !== 32) throw new Error('The database has no site exchange key: it was not set up.');
  return key;
}
