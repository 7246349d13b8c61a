import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_STEPS, type BackupResult } from '../../../shared/contract';
import { ErrorAlert } from '../components/Messages';
import { StepProgress } from '../components/StepProgress';
import { useCallProgress } from '../hooks/useCallProgress';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { isolated } from './backup-text';

/**
 * One backup into the chosen folder. Main answers app.progress beside the backup, between its
 * steps (copying, the manifest, reading back, checking, keeping the newest): the bar shows the
 * step under way, as main reports it.
 */
export function BackUpNow({ hasFolder, onDone }: { hasFolder: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<BackupResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const progress = useCallProgress('backup', running);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  async function backUp(): Promise<void> {
    if (running) return;
    setRunning(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await request('backup.createInFolder', {}));
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="backup-now">
      {!hasFolder && <p className="muted">{t('backups.needsFolder')}</p>}
      <div className="actions">
        <button type="button" className="button button-primary" aria-disabled={running || !hasFolder} onClick={() => hasFolder && void backUp()}>
          {running ? t('form.working') : t('backups.backUpNow')}
        </button>
      </div>
      {running && (
        <StepProgress
          label={t('backups.progressLabel')}
          done={progress?.done ?? 0}
          total={BACKUP_STEPS.length}
          step={t(`backups.steps.${progress?.step ?? BACKUP_STEPS[0]}`)}
        />
      )}
      <ErrorAlert problem={problem} />
      {result && (
        <div ref={resultRef} tabIndex={-1} role="status" className="message message-success backup-result">
          <p>{t('backups.done', { people: t('counts.people', { count: result.people }), entries: t('counts.auditEntries', { count: result.auditEntries }), path: isolated(result.path) })}</p>
          {result.removed.length > 0 && <p>{t('backups.removed', { count: result.removed.length })}</p>}
        </div>
      )}
      {result && !result.auditLogSound && (
        <p role="alert" className="message message-warning">
          {t('backups.auditLogUnsound')}
        </p>
      )}
    </div>
  );
}
