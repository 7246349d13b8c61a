import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepsDirectory, providerName, type Provider } from '../../../shared/providers';
import { PROVIDER_STALE_AFTER_DAYS, SAFE_FOR, SERVICES, type SafeFor, type Service } from '../../../shared/referrals';
import type { Role } from '../../../shared/roles';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SelectField } from '../components/Fields';
import { HiddenHeader } from '../components/HiddenHeader';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useCodeNames } from '../people/code-names';
import { useDateFormat } from '../people/format';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { LeafletActions } from './LeafletActions';
import { ProviderForm } from './ProviderForm';

/** The areas the directory names, for the area filter: each once (case aside), as first written. */
function areasOf(entries: readonly Provider[]): string[] {
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    const area = entry.area.trim();
    if (area !== '' && !byKey.has(area.toLowerCase())) byKey.set(area.toLowerCase(), area);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

type Editing = { kind: 'new' } | { kind: 'edit'; provider: Provider } | null;

/**
 * The service directory (issue 16): entries filtered by service, area and "safe for" mark, stale
 * ones marked in words, the leaflet of services; its keepers (supervisors and protection officers)
 * add, change and retire entries. Other roles read it, without what main keeps for the keepers.
 */
export function DirectoryScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const id = useId();
  const keeper = keepsDirectory(role);
  const [service, setService] = useState<Service | ''>('');
  const [area, setArea] = useState('');
  const [safeFor, setSafeFor] = useState<SafeFor | ''>('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [entries, setEntries] = useState<Provider[] | null>(null);
  const [areas, setAreas] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [retiring, setRetiring] = useState<Provider | null>(null);

  /** Bumped after a change: the list is read again. */
  const [version, setVersion] = useState(0);
  const reload = (): void => setVersion((current) => current + 1);

  useEffect(() => {
    let live = true;
    Promise.all([
      request('providers.list', { includeRetired, ...(service ? { service } : {}), ...(safeFor ? { safeFor } : {}), ...(area ? { area } : {}) }),
      request('providers.list', { includeRetired: true }),
    ]).then(
      ([shown, all]) => {
        if (!live) return;
        setEntries(shown);
        setAreas(areasOf(all));
        setProblem(null);
      },
      (error: unknown) => {
        if (live) setProblem(problemOf(error));
      },
    );
    return () => {
      live = false;
    };
  }, [includeRetired, service, safeFor, area, version]);

  return (
    <section className="directory" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('referrals.directory.title')}</h1>
      <p className="intro">{t('referrals.directory.intro')}</p>
      {!keeper && <p className="hint">{t('referrals.directory.readOnly')}</p>}
      <div className="directory-filters" role="group" aria-label={t('referrals.directory.filters')}>
        <SelectField
          label={t('referrals.directory.service')}
          value={service}
          options={[{ value: '' as const, label: t('referrals.directory.anyService') }, ...SERVICES.map((code) => ({ value: code, label: t(`referrals.service.${code}`) }))]}
          onChange={setService}
        />
        <SelectField
          label={t('referrals.directory.area')}
          value={area}
          options={[{ value: '', label: t('referrals.directory.anyArea') }, ...areas.map((name) => ({ value: name, label: name }))]}
          onChange={setArea}
        />
        <SelectField
          label={t('referrals.directory.safeFor')}
          value={safeFor}
          options={[{ value: '' as const, label: t('referrals.directory.anySafeFor') }, ...SAFE_FOR.map((code) => ({ value: code, label: t(`referrals.safeFor.${code}`) }))]}
          onChange={setSafeFor}
        />
        {keeper && (
          <label className="checkbox-field">
            <input type="checkbox" checked={includeRetired} onChange={(event) => setIncludeRetired(event.target.checked)} />
            <span>{t('referrals.directory.includeRetired')}</span>
          </label>
        )}
      </div>
      {keeper && editing === null && (
        <div className="actions">
          <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'new' })}>
            {t('referrals.directory.add')}
          </button>
        </div>
      )}
      {editing && (
        <ProviderForm
          key={editing.kind === 'edit' ? editing.provider.id : 'new'}
          {...(editing.kind === 'edit' ? { provider: editing.provider } : {})}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setDone(editing.kind === 'new' ? t('referrals.directory.added') : t('referrals.directory.saved'));
            setEditing(null);
            reload();
          }}
        />
      )}
      <ErrorAlert problem={problem} />
      <StatusMessage>{done}</StatusMessage>
      {entries === null && !problem && <p className="muted">{t('referrals.directory.loading')}</p>}
      {entries && (
        <>
          <h2 id={`${id}-list-title`}>
            {t('referrals.directory.title')} <span className="muted count">{t('referrals.directory.count', { number: entries.length })}</span>
          </h2>
          {entries.length === 0 ? (
            <p className="empty-state">{t('referrals.directory.empty')}</p>
          ) : (
            <DirectoryTable
              titleId={`${id}-list-title`}
              entries={entries}
              keeper={keeper}
              onEdit={(provider) => setEditing({ kind: 'edit', provider })}
              onRetire={setRetiring}
            />
          )}
        </>
      )}
      <LeafletActions {...(service ? { service } : {})} {...(area ? { area } : {})} />
      {retiring && (
        <RetireDialog
          provider={retiring}
          onCancel={() => setRetiring(null)}
          onRetired={() => {
            setRetiring(null);
            setDone(t('referrals.directory.retiredDone'));
            reload();
          }}
        />
      )}
    </section>
  );
}

function RetireDialog({ provider, onCancel, onRetired }: { provider: Provider; onCancel: () => void; onRetired: () => void }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  return (
    <ConfirmDialog
      title={t('referrals.directory.retire')}
      confirmLabel={t('referrals.directory.retireYes')}
      danger
      onCancel={onCancel}
      onConfirm={async () => {
        await request('providers.retire', { id: provider.id });
        onRetired();
      }}
    >
      <p>{t('referrals.directory.retireConfirm', { name: providerName(provider.names, language) })}</p>
    </ConfirmDialog>
  );
}

interface TableProps {
  titleId: string;
  entries: readonly Provider[];
  keeper: boolean;
  onEdit: (provider: Provider) => void;
  onRetire: (provider: Provider) => void;
}

function DirectoryTable({ titleId, entries, keeper, onEdit, onRetire }: TableProps) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const dates = useDateFormat();
  const codeNames = useCodeNames();
  const languagesOf = useMemo(() => (codes: readonly string[]) => codes.map((code) => codeNames.nameOf('language', code) ?? code).join(', '), [codeNames]);
  return (
    <div className="table-scroll">
      <table className="accounts-table directory-table" aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">{t('referrals.directory.columns.name')}</th>
            <th scope="col">{t('referrals.directory.columns.services')}</th>
            <th scope="col">{t('referrals.directory.columns.safeFor')}</th>
            <th scope="col">{t('referrals.directory.columns.area')}</th>
            <th scope="col">{t('referrals.directory.columns.contact')}</th>
            <th scope="col">{t('referrals.directory.columns.checkedOn')}</th>
            {keeper && <HiddenHeader label={t('referrals.directory.columns.actions')} />}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const name = providerName(entry.names, language);
            return (
              <tr key={entry.id} className={entry.retiredAt ? 'is-retired' : undefined}>
                <th scope="row">
                  <bdi>{name}</bdi>
                  <span className="directory-subline">{t(`referrals.organisationType.${entry.organisationType}`)}</span>
                  {entry.retiredAt && <span className="directory-badge">{t('referrals.directory.retired', { date: dates.dayOf(entry.retiredAt) })}</span>}
                </th>
                <td>
                  <ul className="directory-codes">
                    {entry.services.map((code) => (
                      <li key={code}>{t(`referrals.service.${code}`)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {entry.safeFor.length === 0 ? (
                    <span className="muted">{t('referrals.directory.noSafeFor')}</span>
                  ) : (
                    <ul className="directory-codes directory-safe-for">
                      {entry.safeFor.map((code) => (
                        <li key={code}>
                          <span aria-hidden="true">✓ </span>
                          {t(`referrals.safeFor.${code}`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <bdi>{entry.area}</bdi>
                </td>
                <td>
                  {entry.contact && <bdi className="directory-line">{entry.contact}</bdi>}
                  {entry.hours && <bdi className="directory-line">{entry.hours}</bdi>}
                  {entry.languages.length > 0 && <span className="directory-line">{languagesOf(entry.languages)}</span>}
                  <span className="directory-line muted">{t(`referrals.interpreter.${entry.interpreter}`)}</span>
                </td>
                <td>
                  {entry.checkedOn && <span className="directory-line">{dates.day(entry.checkedOn)}</span>}
                  {entry.stale && (
                    <span className="directory-badge directory-stale">
                      <span aria-hidden="true">⚠ </span>
                      {entry.checkedOn ? t('referrals.directory.stale', { days: t('counts.days', { count: PROVIDER_STALE_AFTER_DAYS }) }) : t('referrals.directory.neverChecked')}
                    </span>
                  )}
                </td>
                {keeper && (
                  <td>
                    {!entry.retiredAt && (
                      <div className="row-actions">
                        <button type="button" className="button button-secondary" aria-label={t('referrals.directory.editNamed', { name })} onClick={() => onEdit(entry)}>
                          {t('referrals.directory.edit')}
                        </button>
                        <button type="button" className="button button-secondary" aria-label={t('referrals.directory.retireNamed', { name })} onClick={() => onRetire(entry)}>
                          {t('referrals.directory.retire')}
                        </button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
