import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_STEPS, type BackupResult, type Progress } from '../../../shared/contract';
import { ErrorAlert } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { isolated } from './backup-text';

/** How often the bar asks main how far the backup is. */
const PROGRESS_POLL_MS = 300;

/**
 * One backup into the chosen folder. Main answers app.progress beside the backup, between its
 * steps (copying, the manifest, reading back, checking, keeping the newest): the bar shows the
 * step under way, as main reports it.
 */
export function BackUpNow({ hasFolder, onDone }: { hasFolder: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress>(null);
  const [result, setResult] = useState<BackupResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      request('app.progress', {}).then(
        (next) => next && setProgress(next),
        () => undefined,
      );
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  async function backUp(): Promise<void> {
    if (running) return;
    setRunning(true);
    setProgress(null);
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

  const done = progress?.done ?? 0;
  return (
    <div className="backup-now">
      {!hasFolder && <p className="muted">{t('backups.needsFolder')}</p>}
      <div className="actions">
        <button type="button" className="button button-primary" aria-disabled={running || !hasFolder} onClick={() => hasFolder && void backUp()}>
          {running ? t('form.working') : t('backups.backUpNow')}
        </button>
      </div>
      {running && (
        <div className="backup-progress">
          <progress aria-label={t('backups.progressLabel')} max={BACKUP_STEPS.length} value={done} />
          <p aria-live="polite">
            {t('backups.stepOf', {
              number: done + 1,
              total: BACKUP_STEPS.length,
              step: t(`backups.steps.${progress?.step ?? BACKUP_STEPS[0]}`),
            })}
          </p>
        </div>
      )}
      <ErrorAlert problem={problem} />
      {result && (
        <div ref={resultRef} tabIndex={-1} role="status" className="message message-success backup-result">
          <p>{t('backups.done', { people: result.people, entries: result.auditEntries, path: isolated(result.path) })}</p>
          {result.removed.length > 0 && <p>{t('backups.removed', { count: result.removed.length })}</p>}
        </div>
      )}
    </div>
  );
}
