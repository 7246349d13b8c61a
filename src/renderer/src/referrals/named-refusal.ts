import { useTranslation } from 'react-i18next';
import { FIELD_KEYS, type FieldKey } from '../../../shared/catalogue';
import { SERVICES } from '../../../shared/referrals';
import { CallFailed } from '../bridge';
import { useCatalogueText } from '../people/catalogue-text';
import { useDateFormat } from '../people/format';

type Lookup = (key: string) => string;

/**
 * Main names a refused field or service by its code, a day as YYYY-MM-DD (errors name their cause):
 * the message says them as the screen does. Anything else passes through unchanged.
 */
export function useNamedRefusal(): (error: unknown) => unknown {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  const text = useCatalogueText();
  const dates = useDateFormat();
  return (error) => {
    if (!(error instanceof CallFailed) || !error.error.params) return error;
    const { field, service, date } = error.error.params;
    const params = {
      ...error.error.params,
      ...(typeof field === 'string' && (FIELD_KEYS as readonly string[]).includes(field) ? { field: text.fieldLabel(field as FieldKey) } : {}),
      ...(typeof service === 'string' && (SERVICES as readonly string[]).includes(service) ? { service: lookup(`referrals.service.${service}`) } : {}),
      ...(typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date: dates.day(date) } : {}),
    };
    return new CallFailed({ ...error.error, params });
  };
}
