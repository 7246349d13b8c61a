import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ErrorAlert } from '../components/Messages';
import { useCatalogueText } from '../people/catalogue-text';
import { FieldValue, useDateFormat } from '../people/format';
import { mayKnowOf } from '../people/rights';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

/**
 * Who changed which field when. Values appear only when main sends them; restricted and erased
 * entries say so. A field of a tier this role never works with is not even named. Asked of main
 * only when the panel is opened, so the audit log's "Edit history opened" means someone looked.
 */
export function HistoryPanel({ personId, role, version }: { personId: number; role: Role; version: number }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const dates = useDateFormat();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [open, setOpen] = useState(false);

  // Fetched on opening, and again after a change while it is open; closed, it asks for nothing.
  useEffect(() => {
    if (!open) return;
    let live = true;
    request('people.history', { id: personId }).then(
      (list) => {
        if (!live) return;
        setProblem(null);
        setEntries(list);
      },
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [open, personId, version]);

  return (
    <details className="panel history-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>{t('history.title')}</h2>
      </summary>
      <ErrorAlert problem={problem} />
      {open && !entries && !problem && <p className="muted">{t('history.loading')}</p>}
      {entries && entries.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="history-list">
          {entries.map((entry, index) => (
            <li key={index} className="history-entry">
              <p className="history-what">
                <strong>{mayKnowOf(role, entry.field) ? text.fieldLabel(entry.field) : t('history.hiddenField')}</strong>{' '}
                <span className="muted">{t('history.by', { user: entry.changedBy, date: dates.moment(entry.changedAt) })}</span>
              </p>
              {entry.erased ? (
                <p className="muted">{t('history.erased')}</p>
              ) : entry.restricted ? (
                <p className="muted">{t('history.restricted')}</p>
              ) : (
                <dl className="history-values">
                  <div>
                    <dt>{t('history.before')}</dt>
                    <dd>{'oldValue' in entry && entry.oldValue !== undefined ? <FieldValue fieldKey={entry.field} value={entry.oldValue} /> : <span className="muted">{t('history.nothing')}</span>}</dd>
                  </div>
                  <div>
                    <dt>{t('history.after')}</dt>
                    <dd>{'newValue' in entry && entry.newValue !== undefined ? <FieldValue fieldKey={entry.field} value={entry.newValue} /> : <span className="muted">{t('history.nothing')}</span>}</dd>
                  </div>
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
