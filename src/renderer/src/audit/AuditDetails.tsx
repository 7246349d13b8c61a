import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit';
import { FIELD_KEYS, RELATIONSHIPS, type FieldKey, type Relationship } from '../../../shared/catalogue';
import { ROLES, type Role } from '../../../shared/roles';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useCatalogueText } from '../people/catalogue-text';
import { RegistrationNumber, useDateFormat } from '../people/format';

type Value = AuditEntry['details'][string];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** What main writes for a failed sign-in whose account is not known; said in the user's language. */
const UNKNOWN_ACCOUNTS: Readonly<Record<string, 'audit.values.unknownUser' | 'audit.values.recoveryKey'>> = {
  'unknown user name': 'audit.values.unknownUser',
  'recovery key': 'audit.values.recoveryKey',
};

/**
 * Keys of an entry's details already named elsewhere in the interface (the settings screens, the
 * statistics rules): the audit screen says them in the same words.
 */
const LABELS_ELSEWHERE: Readonly<Record<string, string>> = {
  sitePrefix: 'settings.sitePrefix',
  siteName: 'settings.siteName',
  specificNeed: 'settings.needs.category',
  offered: 'settings.needs.offered',
  minPopulation: 'stats.rules.minPopulation',
  breakdowns: 'stats.rules.breakdownsHeading',
  backupGenerations: 'backups.generations',
  backupReminderDays: 'backups.reminderDays',
  backupFolder: 'backups.folder',
  clerksMayRefer: 'settings.clerksMayRefer',
  referral: 'referrals.number',
  provider: 'referrals.provider',
  services: 'referrals.services',
  sharedFields: 'referrals.shared',
  sensitiveConsent: 'referrals.sensitiveConsent',
  urgency: 'referrals.urgencyLabel',
  status: 'referrals.statusLabel',
  happenedOn: 'referrals.happenedOn',
};

/**
 * A key or a code main wrote that has no words in the interface yet, made readable rather than
 * shown as code: 'backupCreatedAt' → 'Backup created at', 'keep-together' → 'Keep together'.
 */
function wordsOf(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

const isFieldKey = (value: string): value is FieldKey => (FIELD_KEYS as readonly string[]).includes(value);
const isRelationship = (value: string): value is Relationship => (RELATIONSHIPS as readonly string[]).includes(value);
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * An entry's details in words: field names, reasons, consent purposes, settings and categories by
 * the names the interface gives them elsewhere; a key or code without a name reads as words, never
 * as code. Main writes no person's values into the log, so there are none to show; staff names and
 * the words a user gave as a reason are shown as written.
 */
export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const text = useCatalogueText();
  const dates = useDateFormat();
  const language = useCurrentLanguage();
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  /** A translation when there is one (a message, not a group of them); otherwise null. */
  const known = (key: string): string | null => {
    if (!i18n.exists(key)) return null;
    // Keys are built from what main wrote, so the typed `t` cannot check them: looked up loosely.
    const found = (i18n.t as unknown as (key: string, options: { returnObjects: true }) => unknown)(key, { returnObjects: true });
    return typeof found === 'string' ? found : null;
  };
  const labelOf = (key: string): string => {
    const elsewhere = LABELS_ELSEWHERE[key];
    return known(`audit.details.${key}`) ?? (elsewhere ? known(elsewhere) : null) ?? (isFieldKey(key) ? text.fieldLabel(key) : wordsOf(key));
  };
  /** A category of specific needs by its name: the locale's for UNHCR's, the site's own for the site's. */
  const needLabel = (code: string): string => (code.startsWith('site-') ? text.choiceLabel('specificNeeds', code) : (known(`choices.specificNeeds.${code}`) ?? code));

  const one = (key: string, value: string): ReactNode => {
    switch (key) {
      case 'fields':
      case 'field':
      case 'sharedFields':
        // A directory entry's fields by the entry form's labels; a record's (a referral's shared ones too) by the catalogue's.
        if (entry.action === 'provider-change') return known(`referrals.directory.${value === 'safeFor' ? 'safeForLegend' : value}`) ?? value;
        return isFieldKey(value) ? text.fieldLabel(value) : value;
      case 'service':
      case 'services':
        return known(`referrals.service.${value}`) ?? value;
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
        return known(`audit.changes.${value}`) ?? wordsOf(value);
      case 'specificNeed':
        return needLabel(value);
      case 'list':
        return known(`workLists.lists.${value}`) ?? value;
      case 'sortBy':
        return known(`workLists.columns.${value}`) ?? value;
      case 'sortDirection':
        return known(`workLists.directions.${value}`) ?? value;
      case 'breakdowns':
        return known(`stats.rules.breakdowns.${value}`) ?? value;
      case 'choose':
        return known(`exchange.conflicts.${value}`) ?? value;
      case 'status':
        // A referral's status, or a record's.
        if (entry.action === 'referral-status') return known(`referrals.status.${value}`) ?? value;
        return known(`recordStatus.status.${value}`) ?? wordsOf(value);
      case 'closingReason':
        return known(`recordStatus.reasons.${value}`) ?? wordsOf(value);
      case 'backupFolder':
        return known(`audit.values.${value}`) ?? value;
      case 'urgency':
        return known(`referrals.urgency.${value}`) ?? value;
      case 'kind':
        return entry.action === 'referral-slip' ? (known(`audit.values.referralSlipKinds.${value}`) ?? value) : value;
      case 'referral':
      case 'merged':
      case 'registrationNumbers':
        return <RegistrationNumber value={value} />;
      case 'relationship':
        return isRelationship(value) ? text.relationshipLabel(value) : value;
      case 'role':
        return isRole(value) ? t(`roles.${value}`) : value;
      case 'action':
        return known(`audit.actions.${value}`) ?? value;
      // A slip printed or saved as PDF, in words; a statistics export's format is its file type.
      case 'format':
        return (entry.action === 'slip-print' || entry.action === 'leaflet-print' || entry.action === 'referral-slip' ? known(`audit.values.slipFormats.${value}`) : null) ?? <bdi>{value}</bdi>;
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
          <dt>{labelOf(key)}</dt>
          <dd>{render(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
