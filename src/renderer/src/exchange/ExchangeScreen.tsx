import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { ErrorAlert } from '../components/Messages';
import { PathField } from '../components/PathField';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { request } from '../session';
import { ConflictsTable } from './ConflictsTable';
import { DeskBundles } from './DeskBundles';
import { ExchangeResult } from './ExchangeResult';
import { LastExchanged } from './LastExchanged';
import { useExchangeStatus } from './useExchangeStatus';

const FOLDER_FIELDS = ['folder'] as const;

interface ExchangeScreenProps {
  role: Role;
  /** The host shows the system's folder picker (the Electron app); it is offered to supervisors, who may call it. */
  canPickFolder: boolean;
}

/**
 * The exchange between the site's desks (issue 13): one exchange through a folder typed or picked
 * (kept in this screen's state only, never saved), what it sent and took in, each desk's last
 * bundle, and the conflicts to review.
 */
export function ExchangeScreen({ role, canPickFolder }: ExchangeScreenProps) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [result, setResult] = useState<MethodOutput<'exchange.run'> | null>(null);
  /** Bumped after each exchange, so the conflicts list loads afresh. */
  const [runs, setRuns] = useState(0);
  const fieldErrors = useFieldErrors(FOLDER_FIELDS);
  const { status, problem, reload } = useExchangeStatus();

  async function exchange(): Promise<void> {
    setResult(null);
    const next = await request('exchange.run', { folder: folder.trim() });
    setResult(next);
    setRuns((count) => count + 1);
    reload();
  }

  return (
    <section aria-labelledby="exchange-title" className="exchange">
      <h1 id="exchange-title">{t('exchange.title')}</h1>
      <p>{t('exchange.intro')}</p>
      <LastExchanged status={status} />
      <ErrorAlert problem={problem} />
      <ActionForm onSubmit={exchange} submitLabel={t('exchange.run')} labelledBy="exchange-title" fieldErrors={fieldErrors}>
        <PathField
          label={t('exchange.folder')}
          hint={t('exchange.folderHint')}
          error={fieldErrors.messageOf('folder')}
          value={folder}
          onChange={setFolder}
          canPick={canPickFolder && role === 'supervisor'}
        />
      </ActionForm>
      <ExchangeResult result={result} />
      {status && <DeskBundles desks={status.desks} />}
      <ConflictsTable key={runs} role={role} onSettled={reload} />
    </section>
  );
}
