import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryOfProvider, INTERPRETER_ANSWERS, providerName, type InterpreterAnswer, type Provider, type ProviderEntryInput } from '../../../shared/providers';
import { ORGANISATION_TYPES, SAFE_FOR, SERVICES, type OrganisationType } from '../../../shared/referrals';
import { ActionForm } from '../components/ActionForm';
import { DateField } from '../components/DateField';
import { SelectField, TextField } from '../components/Fields';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { CodesPicker } from '../registration/CodePicker';
import { FormProblem } from '../problems';
import { request } from '../session';

interface Draft {
  names: { en: string; ar: string; fr: string };
  organisationType: OrganisationType | '';
  services: string[];
  safeFor: string[];
  languages: string[];
  area: string;
  address: string;
  hours: string;
  contact: string;
  interpreter: InterpreterAnswer;
  focalPoint: string;
  checkedOn: string;
  note: string;
}

const EMPTY: Draft = {
  names: { en: '', ar: '', fr: '' },
  organisationType: '',
  services: [],
  safeFor: [],
  languages: [],
  area: '',
  address: '',
  hours: '',
  contact: '',
  interpreter: 'unknown',
  focalPoint: '',
  checkedOn: '',
  note: '',
};

function draftOf(provider: Provider): Draft {
  return { ...entryOfProvider(provider), checkedOn: provider.checkedOn ?? '' };
}

/** The draft as main takes it; main checks it (a name, a type, a service, known codes) and says what is wrong. */
function entryOf(draft: Draft): ProviderEntryInput {
  return {
    names: draft.names,
    // An empty type is refused by main's schema, with the field named.
    organisationType: draft.organisationType as OrganisationType,
    services: draft.services as ProviderEntryInput['services'],
    safeFor: draft.safeFor as ProviderEntryInput['safeFor'],
    languages: draft.languages,
    area: draft.area,
    address: draft.address,
    hours: draft.hours,
    contact: draft.contact,
    interpreter: draft.interpreter,
    focalPoint: draft.focalPoint,
    checkedOn: draft.checkedOn === '' ? null : draft.checkedOn,
    note: draft.note,
  };
}

/** A group of checkboxes over codes, each named by its `referrals.<list>.<code>` message. */
function CodeChecks({ legend, codes, list, value, onChange }: { legend: string; codes: readonly string[]; list: 'service' | 'safeFor'; value: readonly string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="directory-fieldset">
      <legend>{legend}</legend>
      <div className="choice-grid">
        {codes.map((code) => (
          <label key={code} className="checkbox-field choice-option">
            <input
              type="checkbox"
              checked={value.includes(code)}
              onChange={(event) => onChange(event.target.checked ? [...value, code] : value.filter((item) => item !== code))}
            />
            <span>{list === 'service' ? t(`referrals.service.${code as (typeof SERVICES)[number]}`) : t(`referrals.safeFor.${code as (typeof SAFE_FOR)[number]}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A directory entry, new or changed, for its keepers (supervisors and protection officers): every
 * field of the entry, the focal point and the internal note with a word on who reads them.
 */
export function ProviderForm({ provider, onSaved, onCancel }: { provider?: Provider; onSaved: (saved: Provider) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useCurrentLanguage();
  const [draft, setDraft] = useState<Draft>(() => (provider ? draftOf(provider) : EMPTY));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((current) => ({ ...current, [key]: value }));
  const setName = (which: keyof Draft['names'], value: string): void => setDraft((current) => ({ ...current, names: { ...current.names, [which]: value } }));
  const title = provider ? t('referrals.directory.editTitle', { name: providerName(provider.names, language) }) : t('referrals.directory.addTitle');

  async function save(): Promise<void> {
    // What main would refuse, said here first in words (main checks again).
    if (Object.values(draft.names).every((name) => name.trim() === '')) throw new FormProblem('referrals.directory.nameRequired');
    if (draft.services.length === 0) throw new FormProblem('referrals.directory.serviceRequired');
    const entry = entryOf(draft);
    const saved = provider ? await request('providers.update', { id: provider.id, entry }) : await request('providers.add', entry);
    onSaved(saved);
  }

  return (
    <section className="panel directory-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ActionForm
        onSubmit={save}
        submitLabel={t('referrals.directory.save')}
        labelledBy={`${id}-title`}
        secondary={
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('referrals.directory.cancel')}
          </button>
        }
      >
        <fieldset className="directory-fieldset">
          <legend>{t('referrals.directory.names')}</legend>
          <TextField label={t('referrals.directory.nameEn')} lang="en" dir="ltr" maxLength={200} value={draft.names.en} onChange={(value) => setName('en', value)} />
          <TextField label={t('referrals.directory.nameAr')} lang="ar" dir="rtl" maxLength={200} value={draft.names.ar} onChange={(value) => setName('ar', value)} />
          <TextField label={t('referrals.directory.nameFr')} lang="fr" dir="ltr" maxLength={200} value={draft.names.fr} onChange={(value) => setName('fr', value)} />
        </fieldset>
        <SelectField
          label={t('referrals.directory.organisationType')}
          required
          value={draft.organisationType}
          options={[
            { value: '' as const, label: t('referrals.directory.chooseOrganisationType') },
            ...ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`referrals.organisationType.${type}`) })),
          ]}
          onChange={(value) => set('organisationType', value)}
        />
        <CodeChecks legend={t('referrals.directory.services')} codes={SERVICES} list="service" value={draft.services} onChange={(value) => set('services', value)} />
        <CodeChecks legend={t('referrals.directory.safeForLegend')} codes={SAFE_FOR} list="safeFor" value={draft.safeFor} onChange={(value) => set('safeFor', value)} />
        <div className="field">
          <label htmlFor={`${id}-languages`} id={`${id}-languages-label`}>
            {t('referrals.directory.languages')}
          </label>
          <CodesPicker id={`${id}-languages`} kind="language" disabled={false} invalid={false} describedBy={undefined} value={draft.languages} onChange={(value) => set('languages', value)} />
        </div>
        <TextField label={t('referrals.directory.area')} dir="auto" maxLength={200} value={draft.area} onChange={(value) => set('area', value)} />
        <TextField label={t('referrals.directory.address')} dir="auto" maxLength={500} value={draft.address} onChange={(value) => set('address', value)} />
        <TextField label={t('referrals.directory.hours')} dir="auto" maxLength={500} value={draft.hours} onChange={(value) => set('hours', value)} />
        <TextField label={t('referrals.directory.contact')} dir="auto" maxLength={500} value={draft.contact} onChange={(value) => set('contact', value)} />
        <SelectField
          label={t('referrals.directory.interpreter')}
          value={draft.interpreter}
          options={INTERPRETER_ANSWERS.map((answer) => ({ value: answer, label: t(`referrals.interpreter.${answer}`) }))}
          onChange={(value) => set('interpreter', value)}
        />
        <DateField label={t('referrals.directory.checkedOn')} value={draft.checkedOn} onChange={(value) => set('checkedOn', value)} />
        <p className="hint" id={`${id}-keepers`}>
          {t('referrals.directory.noteHint')}
        </p>
        <TextField label={t('referrals.directory.focalPoint')} dir="auto" maxLength={200} value={draft.focalPoint} onChange={(value) => set('focalPoint', value)} />
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('referrals.directory.note')}</label>
          <textarea id={`${id}-note`} dir="auto" maxLength={2000} rows={3} value={draft.note} onChange={(event) => set('note', event.target.value)} />
        </div>
      </ActionForm>
    </section>
  );
}
