/**
 * What another desk's operations may do to the site's desk rows (issue 13): the rows that say which
 * keys sign for the site. A desk's signing key opens nothing else, so whoever holds one (a lost
 * laptop before its retirement reached every desk) must not be able to:
 * - make a desk (only desk 1 enrols desks: a desk made elsewhere would sign with a key of theirs);
 * - change any desk's key, number or enrolment time (a key changed is a desk taken over);
 * - change its own row (un-retire itself);
 * - bring a retired desk back: a retirement is one-way, a later "not retired" is never taken.
 * So of a desk row, only the making operation from desk 1 and a retirement of another desk are
 * merged; every desk applies the same rule to the same operations, so all end the same.
 */
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { Operation } from './operations';

/** Desk 1 makes the site and enrols every other desk. */
export const ENROLLING_DESK = 1;

/** Whether an operation on a desk row is merged (see the top of this file); any other kind of row: yes. */
export function deskOperationTaken(db: Db, op: Operation): boolean {
  if (op.entity !== 'desk') return true;
  if (op.field === '') return op.desk === ENROLLING_DESK;
  if (op.field !== 'retired_at' || op.value === null || op.value === 'null') return false;
  const own = prepared<[number], string>(db, 'SELECT lower(hex(gid)) FROM desks WHERE number = ?').pluck(true).get(op.desk);
  return own !== op.row;
}
