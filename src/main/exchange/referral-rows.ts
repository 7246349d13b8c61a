/**
 * What this desk takes of the referral rows another desk sends (issue 16): codes it knows, and a
 * referral's shared fields as catalogue keys only (never values). Directory entries are checked by
 * the directory's own rule. A desk of another
 * version, or a desk misused, cannot make a referral share something that is not a field.
 */
import { FIELD_KEYS } from '../../shared/catalogue';
import { REFERRAL_STATUSES, SERVICES, URGENCIES } from '../../shared/referrals';

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON array (as text) of distinct codes from the list. */
function isCodeList(value: unknown, codes: readonly string[]): boolean {
  const list = parsed(value);
  return Array.isArray(list) && list.every((item) => typeof item === 'string' && codes.includes(item)) && new Set(list).size === list.length;
}

const isOneOf = (value: unknown, codes: readonly string[]): boolean => typeof value === 'string' && codes.includes(value);

/** The columns whose values are codes, per entity, and the check each takes. */
const CHECKS: Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>> = {
  referral: {
    services: (value) => isCodeList(value, SERVICES),
    shared_fields: (value) => isCodeList(value, FIELD_KEYS),
    urgency: (value) => isOneOf(value, URGENCIES),
  },
  referral_event: {
    status: (value) => isOneOf(value, REFERRAL_STATUSES),
    happened_on: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
  },
};

/** Whether one received value of a column is one this desk records; columns without a check are taken. */
export function takesReferralValue(entity: string, column: string, value: unknown): boolean {
  const check = CHECKS[entity]?.[column];
  return check === undefined || check(value);
}

/** Whether a received row, as made, is one this desk records: every checked column's value. */
export function takesReferralRow(entity: string, values: Record<string, unknown>): boolean {
  const checks = CHECKS[entity];
  if (!checks) return true;
  return Object.entries(checks).every(([column, check]) => check(values[column]));
}
