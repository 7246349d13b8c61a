/**
 * Whether a provider row (or one of its columns) another desk sent is one this desk stores: the
 * same rules as the directory's schema (src/shared/providers.ts), on the stored form (migration 15).
 * A desk of another version, or one misused, cannot put an unknown code into the directory; every
 * desk judges the same operation the same.
 */
import { isWellFormedCode } from '../../shared/catalogue/codes';
import { ORGANISATION_TYPES, SAFE_FOR, SERVICES } from '../../shared/referrals';
import { isStoredCodeList as isCodeList } from '../db/stored-json';
import type { ProviderNames } from '../../shared/providers';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const among =
  (codes: readonly string[]) =>
  (code: string): boolean =>
    codes.includes(code);

const TEXT_COLUMNS = ['name_en', 'name_ar', 'name_fr', 'area', 'address', 'hours', 'contact', 'focal_point', 'note'];

/** One column's received value, as stored (created_by, a reference, is checked by the exchange itself). */
export function isProviderColumnValue(column: string, value: unknown): boolean {
  if (TEXT_COLUMNS.includes(column)) return typeof value === 'string';
  switch (column) {
    case 'organisation_type':
      return typeof value === 'string' && among(ORGANISATION_TYPES)(value);
    case 'services':
      return isCodeList(value, among(SERVICES), true);
    case 'safe_for':
      return isCodeList(value, among(SAFE_FOR));
    case 'languages':
      return isCodeList(value, (code) => isWellFormedCode('language', code));
    case 'interpreter':
      return value === null || value === undefined || value === 0 || value === 1;
    case 'checked_on':
      return value === null || value === undefined || (typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value)));
    case 'created_at':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'retired_at':
      return value === null || value === undefined || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    default:
      return true;
  }
}

/** A whole received row: every column of it, and a name in at least one language. */
export function isProviderRow(values: Record<string, unknown>): boolean {
  const named = ['name_en', 'name_ar', 'name_fr'].some((column) => typeof values[column] === 'string' && values[column] !== '');
  return named && Object.entries(values).every(([column, value]) => isProviderColumnValue(column, value));
}

/** The name columns of a directory row. */
export interface ProviderNameColumns {
  name_en: string;
  name_ar: string;
  name_fr: string;
}

/** A directory row's names, by language. */
export function providerNamesOf(row: ProviderNameColumns): ProviderNames {
  return { en: row.name_en, ar: row.name_ar, fr: row.name_fr };
}
