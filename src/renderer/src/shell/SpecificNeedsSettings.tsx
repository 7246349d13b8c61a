import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { siteNeedLabel, type NeedField, type NeedLabels, type SpecificNeedEntry } from '../../../shared/catalogue';
import { LANGUAGE_NAMES } from '../../../shared/i18n';
import { LANGUAGES, type Language } from '../../../shared/languages';
import { ActionForm } from '../components/ActionForm';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { CheckboxField, TextField } from '../components/Fields';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useFieldErrors, type FieldErrorState } from '../hooks/useFieldErrors';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { useCatalogueText } from '../people/catalogue-text';
import { useSpecificNeeds } from '../people/specific-needs';
import { FormProblem, problemOf, type Problem } from '../problems';
import { request } from '../session';
import { HiddenHeader } from '../components/HiddenHeader';

type LabelsDraft = Record<Language, string>;
const COLUMNS = 4;
/** The name boxes' paths in specificNeeds.add and .change: main's refusals of them go beside the box. */
const LABEL_PATHS = LANGUAGES.map((language) => `labels.${language}` as const);
type LabelPath = (typeof LABEL_PATHS)[number];

function draftOf(labels: NeedLabels | undefined): LabelsDraft {
  return { en: labels?.en ?? '', ar: labels?.ar ?? '', fr: labels?.fr ?? '' };
}

/** Empty boxes are left out; a category needs a name in at least one language (main checks it too). */
function labelsOf(draft: LabelsDraft): NeedLabels {
  const labels = Object.fromEntries(LANGUAGES.flatMap((language) => (draft[language].trim() ? [[language, draft[language].trim()]] : [])));
  if (Object.keys(labels).length === 0) throw new FormProblem('settings.needs.nameRequired');
  return labels as NeedLabels;
}

interface LabelFieldsProps {
  draft: LabelsDraft;
  onChange: (draft: LabelsDraft) => void;
  errors: FieldErrorState<LabelPath>;
  autoFocus?: boolean;
}

/** A name box per interface language, each written in its own direction (and main's refusal under it). */
function LabelFields({ draft, onChange, errors, autoFocus }: LabelFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="need-label-fields">
      {LANGUAGES.map((language, index) => (
        <TextField
          key={language}
          lang={language}
          dir={language === 'ar' ? 'rtl' : 'ltr'}
          maxLength={80}
          autoComplete="off"
          autoFocus={autoFocus === true && index === 0}
          label={t('settings.needs.nameIn', { language: LANGUAGE_NAMES[language] })}
          error={errors.messageOf(`labels.${language}`)}
          value={draft[language]}
          onChange={(value) => onChange({ ...draft, [language]: value })}
        />
      ))}
    </div>
  );
}

/**
 * The specific needs the registration form offers: UNHCR's categories, which the site may stop
 * offering, and the site's own. Nothing is ever deleted: records keep what they hold.
 */
export function SpecificNeedsSettings() {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const id = useId();
  const { entries, replace } = useSpecificNeeds();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /**
   * Offers ticked or unticked and not saved yet. Like every other setting on this screen, an offer
   * changes only when saved (issue 15): one model for the whole screen, and a stray click or Space
   * in the table changes nothing for the site's desks.
   */
  const [pending, setPending] = useState<Readonly<Record<string, boolean>>>({});
  // Offers ticked and not saved: leaving the screen asks first, as a form with changes does.
  useLeaveGuard(Object.keys(pending).length > 0);
  const [saving, setSaving] = useState(false);
  const renameButtons = useRef(new Map<string, HTMLButtonElement>());

  function toggle(entry: SpecificNeedEntry, offered: boolean): void {
    setDone(null);
    setPending(({ [entry.code]: _previous, ...others }) => (offered === entry.offered ? others : { ...others, [entry.code]: offered }));
  }

  async function saveOffers(): Promise<void> {
    if (saving) return;
    setProblem(null);
    setDone(null);
    const changes = entries.filter((entry) => pending[entry.code] !== undefined && pending[entry.code] !== entry.offered);
    if (changes.length === 0) {
      setPending({});
      setDone(t('settings.needs.noOfferChange'));
      return;
    }
    setSaving(true);
    const said: string[] = [];
    try {
      for (const entry of changes) {
        const offered = pending[entry.code] === true;
        replace(await request('specificNeeds.change', { code: entry.code, offered }));
        setPending(({ [entry.code]: _saved, ...others }) => others);
        const name = text.choiceLabel('specificNeeds', entry.code);
        said.push(offered ? t('settings.needs.offeredNow', { name }) : t('settings.needs.notOfferedNow', { name }));
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
      if (said.length > 0) setDone(said.join(' '));
    }
  }

  function closeRename(code: string): void {
    setRenaming(null);
    window.requestAnimationFrame(() => renameButtons.current.get(code)?.focus());
  }

  return (
    <section className="panel needs-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.needs.title')}</h2>
      <p className="hint">{t('settings.needs.intro')}</p>
      <div className="table-scroll">
        <table className="accounts-table needs-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('settings.needs.category')}</th>
              <th scope="col">{t('settings.needs.keptAs')}</th>
              <th scope="col">{t('settings.needs.offered')}</th>
              <HiddenHeader label={t('people.columns.actions')} />
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const name = text.choiceLabel('specificNeeds', entry.code);
              return (
                <NeedRow
                  key={entry.code}
                  entry={entry}
                  offered={pending[entry.code] ?? entry.offered}
                  name={name}
                  renaming={renaming === entry.code}
                  onToggle={(offered) => toggle(entry, offered)}
                  onRename={() => setRenaming((current) => (current === entry.code ? null : entry.code))}
                  renameButtonRef={(button) => {
                    if (button) renameButtons.current.set(entry.code, button);
                    else renameButtons.current.delete(entry.code);
                  }}
                  onRenamed={(next) => {
                    replace(next);
                    setDone(t('settings.needs.renamed'));
                    closeRename(entry.code);
                  }}
                  onCancelRename={() => closeRename(entry.code)}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint" id={`${id}-offers-hint`}>
        {t('settings.needs.offersHint')}
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" aria-describedby={`${id}-offers-hint`} aria-disabled={saving} onClick={() => void saveOffers()}>
          {t('settings.needs.saveOffers')}
        </button>
      </div>
      <ErrorAlert problem={problem} />
      <StatusMessage>{done}</StatusMessage>
      <AddNeedForm
        onAdded={(next, name) => {
          replace(next);
          setProblem(null);
          setDone(t('settings.needs.added', { name }));
        }}
      />
    </section>
  );
}

interface NeedRowProps {
  entry: SpecificNeedEntry;
  offered: boolean;
  name: string;
  renaming: boolean;
  onToggle: (offered: boolean) => void;
  onRename: () => void;
  renameButtonRef: (button: HTMLButtonElement | null) => void;
  onRenamed: (entries: SpecificNeedEntry[]) => void;
  onCancelRename: () => void;
}

function NeedRow({ entry, offered, name, renaming, onToggle, onRename, renameButtonRef, onRenamed, onCancelRename }: NeedRowProps) {
  const { t } = useTranslation();
  const panelId = useId();
  return (
    <>
      <tr className={offered ? undefined : 'is-disabled'}>
        <th scope="row">
          <bdi>{name}</bdi> {entry.origin === 'site' && <span className="muted">{t('settings.needs.siteCategory')}</span>}
        </th>
        <td>{entry.field === 'protectionNeeds' ? t('settings.needs.sensitive') : t('settings.needs.personal')}</td>
        <td>
          <input
            type="checkbox"
            aria-label={t('settings.needs.offerName', { name })}
            checked={offered}
            onChange={(event) => onToggle(event.target.checked)}
          />
        </td>
        <td>
          {entry.origin === 'site' && (
            <button
              type="button"
              ref={renameButtonRef}
              className="button button-secondary button-small"
              aria-expanded={renaming}
              aria-controls={renaming ? panelId : undefined}
              onClick={onRename}
            >
              {t('settings.needs.rename')}
              <span className="visually-hidden">: {name}</span>
            </button>
          )}
        </td>
      </tr>
      {renaming && (
        <tr className="row-panel">
          <td colSpan={COLUMNS} id={panelId}>
            <RenameNeedForm entry={entry} onDone={onRenamed} onCancel={onCancelRename} />
          </td>
        </tr>
      )}
    </>
  );
}

function RenameNeedForm({ entry, onDone, onCancel }: { entry: SpecificNeedEntry; onDone: (entries: SpecificNeedEntry[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<LabelsDraft>(() => draftOf(entry.labels));
  const fieldErrors = useFieldErrors(LABEL_PATHS);
  return (
    <div
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <ActionForm
        onSubmit={async () => onDone(await request('specificNeeds.change', { code: entry.code, labels: labelsOf(draft) }))}
        submitLabel={t('settings.needs.saveName')}
        fieldErrors={fieldErrors}
        secondary={
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        }
      >
        <LabelFields draft={draft} onChange={setDraft} errors={fieldErrors} autoFocus />
      </ActionForm>
    </div>
  );
}

function AddNeedForm({ onAdded }: { onAdded: (entries: SpecificNeedEntry[], name: string) => void }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const id = useId();
  const [draft, setDraft] = useState<LabelsDraft>(draftOf(undefined));
  const [sensitive, setSensitive] = useState(false);
  const fieldErrors = useFieldErrors(LABEL_PATHS);

  async function add(): Promise<void> {
    const labels = labelsOf(draft);
    const field: NeedField = sensitive ? 'protectionNeeds' : 'specificNeeds';
    const next = await request('specificNeeds.add', { field, labels });
    const name = siteNeedLabel(labels, language);
    setDraft(draftOf(undefined));
    setSensitive(false);
    onAdded(next, name);
  }

  return (
    <section className="add-need" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('settings.needs.addTitle')}</h3>
      <p className="hint">{t('settings.needs.addHint')}</p>
      <ActionForm
        onSubmit={add}
        submitLabel={t('settings.needs.add')}
        labelledBy={`${id}-title`}
        submitClassName="button button-secondary"
        fieldErrors={fieldErrors}
      >
        <LabelFields draft={draft} onChange={setDraft} errors={fieldErrors} />
        <CheckboxField label={t('settings.needs.sensitiveChoice')} hint={t('settings.needs.sensitiveHint')} checked={sensitive} onChange={setSensitive} />
      </ActionForm>
    </section>
  );
}
