import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../../shared/audit';
import type { MethodInput } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { SelectField, TextField } from '../components/Fields';
import { DateField } from '../components/DateField';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { RegistrationNumber } from '../people/format';
import { FormProblem, problemOf, type Problem } from '../problems';
import { request } from '../session';
import { AuditDetails } from './AuditDetails';

/** Entries per page; "Load older entries" asks for the next page before the oldest shown. */
const PAGE_SIZE = 100;
/** The most entries one export may hold (the contract's limit). */
const EXPORT_LIMIT = 1000;

interface Filters {
  userName: string;
  action: AuditAction | '';
  registrationNumber: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { userName: '', action: '', registrationNumber: '', from: '', to: '' };

type FilterInput = MethodInput<'audit.list'>;

/** Only the filters that are filled in. */
function inputOf(filters: Filters): FilterInput {
  return {
    ...(filters.userName.trim() ? { userName: filters.userName.trim() } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.registrationNumber.trim() ? { registrationNumber: filters.registrationNumber.trim() } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/** The text as a file the browser saves: a temporary link to a Blob, clicked once. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Page {
  entries: AuditEntry[];
  /** A full page came back: there may be older entries. */
  more: boolean;
}

/**
 * The audit log for supervisors: who did what, when, to which record, newest first. Filters by
 * user, action, registration number and dates; exports what the filters select as CSV.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<Page | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });

  useEffect(() => {
    let live = true;
    request('audit.list', { ...inputOf(applied), limit: PAGE_SIZE }).then(
      (entries) => {
        if (!live) return;
        setLoadProblem(null);
        setPage({ entries, more: entries.length === PAGE_SIZE });
      },
      (error: unknown) => live && setLoadProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [applied]);

  async function show(): Promise<void> {
    if (draft.from && draft.to && draft.from > draft.to) throw new FormProblem('audit.datesReversed');
    setExported(null);
    setPage(null);
    setApplied({ ...draft });
  }

  async function loadMore(): Promise<void> {
    const oldest = page?.entries.at(-1);
    if (!page || !oldest || loadingMore) return;
    setLoadingMore(true);
    try {
      const older = await request('audit.list', { ...inputOf(applied), beforeId: oldest.id, limit: PAGE_SIZE });
      setPage({ entries: [...page.entries, ...older], more: older.length === PAGE_SIZE });
      setLoadProblem(null);
    } catch (error) {
      setLoadProblem(problemOf(error));
    } finally {
      setLoadingMore(false);
    }
  }

  async function exportCsv(): Promise<void> {
    setExported(null);
    const result = await request('audit.exportCsv', { ...inputOf(applied), limit: EXPORT_LIMIT });
    download(result.csv, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
    setExported(
      result.entries >= EXPORT_LIMIT ? t('audit.exportLimited', { number: result.entries }) : t('audit.exported', { number: result.entries }),
    );
  }

  const change = (next: Partial<Filters>): void => setDraft((current) => ({ ...current, ...next }));
  const actionOptions = [
    { value: '' as const, label: t('audit.allActions') },
    ...AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) })),
  ];

  return (
    <section aria-labelledby="audit-title" className="audit-screen">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>

      <section className="panel" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t('audit.filtersTitle')}</h2>
        <ActionForm onSubmit={show} submitLabel={t('audit.apply')} labelledBy="audit-filters-title" className="stack-form audit-filters">
          <div className="audit-filter-fields">
            <TextField
              label={t('audit.userName')}
              dir="auto"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={100}
              value={draft.userName}
              onChange={(userName) => change({ userName })}
            />
            <SelectField label={t('audit.action')} value={draft.action} options={actionOptions} onChange={(action) => change({ action })} />
            <TextField
              label={t('audit.registrationNumber')}
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              value={draft.registrationNumber}
              onChange={(registrationNumber) => change({ registrationNumber })}
            />
            <DateField label={t('audit.from')} value={draft.from} onChange={(from) => change({ from })} />
            <DateField label={t('audit.to')} value={draft.to} onChange={(to) => change({ to })} />
          </div>
        </ActionForm>
      </section>

      <div className="screen-header">
        <h2 id="audit-entries-title">{t('audit.entriesTitle')}</h2>
        <ActionForm onSubmit={exportCsv} submitLabel={t('audit.export')} submitClassName="button button-secondary" className="inline-form" />
      </div>
      <p className="hint audit-export-hint">{t('audit.exportHint')}</p>
      <StatusMessage>{exported}</StatusMessage>
      <ErrorAlert problem={loadProblem} />
      <p role="status" className="muted">
        {page && (page.entries.length === 0 ? t('audit.none') : t('audit.count', { number: page.entries.length }))}
      </p>
      {!page && !loadProblem && <p className="muted">{t('audit.loading')}</p>}
      {page && page.entries.length > 0 && (
        <div className="table-scroll">
          <table className="accounts-table audit-table" aria-labelledby="audit-entries-title">
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.time')}</th>
                <th scope="col">{t('audit.columns.user')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.record')}</th>
                <th scope="col">{t('audit.columns.details')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id} data-audit-id={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{time.format(new Date(entry.at))}</time>
                  </td>
                  <td>{entry.userName ? <bdi>{entry.userName}</bdi> : <span className="muted">{t('audit.noUser')}</span>}</td>
                  <td>{t(`audit.actions.${entry.action}`)}</td>
                  <td>{entry.registrationNumber ? <RegistrationNumber value={entry.registrationNumber} /> : <span className="muted">{t('audit.noRecord')}</span>}</td>
                  <td>
                    <AuditDetails entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.entries.length > 0 && (
        <div className="actions audit-more">
          {page.more ? (
            <button type="button" className="button button-secondary" aria-disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore ? t('form.working') : t('audit.loadMore')}
            </button>
          ) : (
            <p className="muted">{t('audit.end')}</p>
          )}
        </div>
      )}
    </section>
  );
}
