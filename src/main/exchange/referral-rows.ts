/**
 * What this desk takes of the referral rows another desk sends (issue 16): codes it knows, and a
 * referral's shared fields as catalogue keys only (never values). Directory entries are checked by
 * the directory's own rule. A desk of another
 * version, or a desk misused, cannot make a referral share something that is not a field.
 */
import { FIELD_KEYS, fieldSpec, type FieldKey } from '../../shared/catalogue';
import { REFERRAL_STATUSES, SERVICES, URGENCIES } from '../../shared/referrals';
import { REFERRAL_REASON_MAX } from '../../shared/referral-schemas';
import { isStoredCodeList, parsedStored as parsed } from '../db/stored-json';

const isCodeList = (value: unknown, codes: readonly string[], atLeastOne = false): boolean => isStoredCodeList(value, (code) => codes.includes(code), atLeastOne);

const isOneOf = (value: unknown, codes: readonly string[]): boolean => typeof value === 'string' && codes.includes(value);

/** The columns whose values are codes, per entity, and the check each takes. */
const isDay = (value: unknown): boolean => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const isMoment = (value: unknown): boolean => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

const CHECKS: Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>> = {
  referral: {
    services: (value) => isCodeList(value, SERVICES, true),
    shared_fields: (value) => isCodeList(value, FIELD_KEYS),
    urgency: (value) => isOneOf(value, URGENCIES),
    follow_up_on: (value) => value === null || value === undefined || isDay(value),
    created_at: isMoment,
    sensitive_consent_at: (value) => value === null || value === undefined || isMoment(value),
    reason: (value) => value === undefined || (typeof value === 'string' && value.length <= REFERRAL_REASON_MAX),
  },
  referral_event: {
    status: (value) => isOneOf(value, REFERRAL_STATUSES),
    happened_on: isDay,
    recorded_at: isMoment,
  },
};

/** A referral that shares a tier-2 field stands on the person's explicit consent for it. */
function sensitiveSharedWithConsent(values: Record<string, unknown>): boolean {
  const keys = parsed(values.shared_fields);
  const sensitive = Array.isArray(keys) && keys.some((key) => typeof key === 'string' && (FIELD_KEYS as readonly string[]).includes(key) && fieldSpec(key as FieldKey).tier === 2);
  return !sensitive || (values.sensitive_consent_at !== null && values.sensitive_consent_at !== undefined);
}

/** Whether one received value of a column is one this desk records; columns without a check are taken. */
export function takesReferralValue(entity: string, column: string, value: unknown): boolean {
  const check = CHECKS[entity]?.[column];
  return check === undefined || check(value);
}

/** Whether a received row, as made, is one this desk records: every checked column's value. */
export function takesReferralRow(entity: string, values: Record<string, unknown>): boolean {
  const checks = CHECKS[entity];
  if (!checks) return true;
  if (entity === 'referral' && !sensitiveSharedWithConsent(values)) return false;
  return Object.entries(checks).every(([column, check]) => check(values[column]));
}
