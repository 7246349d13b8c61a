import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit';
import { FIELD_KEYS, RELATIONSHIPS, type FieldKey, type Relationship } from '../../../shared/catalogue';
import { ROLES, type Role } from '../../../shared/roles';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useCatalogueText } from '../people/catalogue-text';
import { useDateFormat } from '../people/format';

type Lookup = (key: string) => string;
type Value = AuditEntry['details'][string];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** What main writes for a failed sign-in whose account is not known; said in the user's language. */
const UNKNOWN_ACCOUNTS: Readonly<Record<string, 'audit.values.unknownUser' | 'audit.values.recoveryKey'>> = {
  'unknown user name': 'audit.values.unknownUser',
  'recovery key': 'audit.values.recoveryKey',
};

const isFieldKey = (value: string): value is FieldKey => (FIELD_KEYS as readonly string[]).includes(value);
const isRelationship = (value: string): value is Relationship => (RELATIONSHIPS as readonly string[]).includes(value);
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * An entry's details in words: field names, reasons, consent purposes and settings by their
 * translated names. Main writes no person's values into the log, so there are none to show; staff
 * names and the words a user gave as a reason are shown as written.
 */
export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const text = useCatalogueText();
  const dates = useDateFormat();
  const language = useCurrentLanguage();
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  const lookup = t as unknown as Lookup;
  /** A translation when there is one; otherwise null, and the raw value is shown. */
  const known = (key: string): string | null => (i18n.exists(key) ? lookup(key) : null);

  const one = (key: string, value: string): ReactNode => {
    switch (key) {
      case 'fields':
      case 'field':
        return isFieldKey(value) ? text.fieldLabel(value) : value;
      case 'reason':
        return known(entry.action === 'lock' ? `audit.lockReasons.${value}` : `reveal.reasons.${value}`) ?? value;
      case 'reasonText':
        return (
          <q>
            <bdi dir="auto">{value}</bdi>
          </q>
        );
      case 'consents':
      case 'purpose':
        return known(`consent.purposes.${value}.label`) ?? value;
      case 'change':
        return known(`audit.changes.${value}`) ?? value;
      case 'relationship':
        return isRelationship(value) ? text.relationshipLabel(value) : value;
      case 'role':
        return isRole(value) ? t(`roles.${value}`) : value;
      case 'action':
        return known(`audit.actions.${value}`) ?? value;
      case 'account': {
        const unknown = UNKNOWN_ACCOUNTS[value];
        return unknown ? t(unknown) : <bdi>{value}</bdi>;
      }
      default:
        return ISO_DAY.test(value) ? dates.day(value) : <bdi>{value}</bdi>;
    }
  };

  const render = (key: string, value: Value): ReactNode => {
    if (typeof value === 'boolean') {
      if (key === 'given') return value ? t('audit.values.given') : t('audit.values.withdrawn');
      return value ? t('person.yes') : t('person.no');
    }
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) {
      if (value.length === 0) return t('audit.values.none');
      const items = value.map((item) => one(key, item));
      if (items.every((item): item is string => typeof item === 'string')) return list.format(items);
      return items.map((item, index) => (
        <span key={index}>
          {index > 0 && ', '}
          {item}
        </span>
      ));
    }
    return one(key, value);
  };

  const items = Object.entries(entry.details);
  if (items.length === 0) return <span className="muted">{t('audit.noDetails')}</span>;
  return (
    <dl className="audit-details">
      {items.map(([key, value]) => (
        <div key={key}>
          <dt>{known(`audit.details.${key}`) ?? <bdi>{key}</bdi>}</dt>
          <dd>{render(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
