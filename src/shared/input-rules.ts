import type { ErrorParams, InvalidField } from './errors';

/** Translates a key of the locale files with its parameters (i18next's t, or the CLI's English). */
export type Translate = (key: string, params?: ErrorParams) => string;

/** Every rule with words of its own under `inputRules` in each locale file. */
export const INPUT_RULE_KEYS = [
  'too_small_number',
  'too_small_string',
  'too_small_array',
  'too_big_number',
  'too_big_string',
  'too_big_array',
  'invalid_format_date',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'unrecognized_keys',
  'k_sensitive_below_k',
  'period_reversed',
  'period_too_long',
  'not_listed',
  'code_and_own_words',
  'control_characters',
  'sensitive_service',
  'other',
] as const;
type InputRuleKey = (typeof INPUT_RULE_KEYS)[number];

function isRuleKey(key: string): key is InputRuleKey {
  return (INPUT_RULE_KEYS as readonly string[]).includes(key);
}

function ruleKeyOf(field: InvalidField): InputRuleKey {
  const params = field.params ?? {};
  if (field.rule === 'too_small' || field.rule === 'too_big') {
    const key = `${field.rule}_${String(params.origin)}`;
    if (isRuleKey(key)) return key;
  }
  if (field.rule === 'invalid_format' && params.format === 'date') return 'invalid_format_date';
  return isRuleKey(field.rule) ? field.rule : 'other';
}

/** What a failed rule asks for, in the reader's language: "the period is at most 10 years". */
export function inputRuleText(field: InvalidField, t: Translate): string {
  return t(`inputRules.${ruleKeyOf(field)}`, field.params);
}
