import type { TFunction } from 'i18next';
import { FIELD_KEYS, type FieldKey } from '../../../../shared/catalogue';
import { CallFailed } from '../../bridge';
import type { HouseholdMemberDraft, MemberProblems } from './household-draft';

const isFieldKey = (value: unknown): value is FieldKey => (FIELD_KEYS as readonly unknown[]).includes(value);

/**
 * Main's refusal of one member of a household (household_member_refused, by position and field):
 * the row to mark, what to mark on it, and the error to show with the field named in the interface
 * language. Any other failure goes through as it is.
 */
export function householdRefusal(
  error: unknown,
  household: readonly HouseholdMemberDraft[],
  t: TFunction,
  fieldLabel: (key: FieldKey) => string,
): { error: unknown; rowKey?: string; problems: MemberProblems } {
  if (!(error instanceof CallFailed) || error.error.code !== 'household_member_refused') return { error, problems: { fields: {} } };
  const params = error.error.params ?? {};
  const field = params.field;
  const row = typeof params.member === 'number' ? household[params.member - 1] : undefined;
  const label = isFieldKey(field)
    ? fieldLabel(field)
    : field === 'relationship'
      ? t('household.fieldRelationship')
      : field === 'person'
        ? t('household.fieldPerson')
        : t('household.fieldMember');
  const problems: MemberProblems = isFieldKey(field) ? { fields: { [field]: 'invalid' } } : field === 'relationship' ? { fields: {}, relationship: 'missing' } : { fields: {} };
  return { error: new CallFailed({ ...error.error, params: { ...params, field: label } }), ...(row ? { rowKey: row.key } : {}), problems };
}
