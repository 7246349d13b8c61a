import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_GENERATIONS_MAX, BACKUP_REMINDER_DAYS_MAX, BACKUP_REMINDER_DAYS_MIN, type BackupStatus } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { TextField } from '../components/Fields';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

const OPTION_FIELDS = ['folder', 'generations', 'reminderDays'] as const;

interface BackupOptionsFormProps {
  status: BackupStatus;
  onChanged: (status: BackupStatus) => void;
}

/** Where backups go, how many are kept there, and after how many days the app reminds. */
export function BackupOptionsForm({ status, onChanged }: BackupOptionsFormProps) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState(status.folder ?? '');
  const [generations, setGenerations] = useState(String(status.generations));
  const [reminderDays, setReminderDays] = useState(String(status.reminderDays));
  const [saved, setSaved] = useState(false);
  const [pickProblem, setPickProblem] = useState<Problem | null>(null);
  const fieldErrors = useFieldErrors(OPTION_FIELDS);

  async function save(): Promise<void> {
    setSaved(false);
    const next = await request('backup.setOptions', {
      ...(folder.trim() !== '' ? { folder: folder.trim() } : {}),
      generations: Number(generations),
      reminderDays: Number(reminderDays),
    });
    setFolder(next.folder ?? '');
    onChanged(next);
    setSaved(true);
  }

  async function pick(): Promise<void> {
    setPickProblem(null);
    try {
      // Into the box only: saved, and checked by main, with the other settings.
      const picked = await request('app.pickFolder', folder.trim() !== '' ? { current: folder.trim() } : {});
      if (picked.folder !== undefined) {
        setSaved(false);
        setFolder(picked.folder);
      }
    } catch (error) {
      setPickProblem(problemOf(error));
    }
  }

  return (
    <ActionForm onSubmit={save} submitLabel={t('backups.saveOptions')} labelledBy="backups-title" fieldErrors={fieldErrors}>
      <TextField
        required
        dir="ltr"
        autoComplete="off"
        spellCheck={false}
        label={t('backups.folder')}
        hint={t('backups.folderHint')}
        error={fieldErrors.messageOf('folder')}
        value={folder}
        onChange={(next) => {
          setSaved(false);
          setFolder(next);
        }}
      />
      {status.canChooseFolder && (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => void pick()}>
            {t('backups.chooseFolder')}
          </button>
        </div>
      )}
      <ErrorAlert problem={pickProblem} />
      <TextField
        type="number"
        inputMode="numeric"
        min={1}
        max={BACKUP_GENERATIONS_MAX}
        step={1}
        required
        className="narrow"
        label={t('backups.generations')}
        hint={t('backups.generationsHint', { max: BACKUP_GENERATIONS_MAX })}
        error={fieldErrors.messageOf('generations')}
        value={generations}
        onChange={(next) => {
          setSaved(false);
          setGenerations(next);
        }}
      />
      <TextField
        type="number"
        inputMode="numeric"
        min={BACKUP_REMINDER_DAYS_MIN}
        max={BACKUP_REMINDER_DAYS_MAX}
        step={1}
        required
        className="narrow"
        label={t('backups.reminderDays')}
        hint={t('backups.reminderDaysHint', { min: BACKUP_REMINDER_DAYS_MIN, max: BACKUP_REMINDER_DAYS_MAX })}
        error={fieldErrors.messageOf('reminderDays')}
        value={reminderDays}
        onChange={(next) => {
          setSaved(false);
          setReminderDays(next);
        }}
      />
      <StatusMessage>{saved ? t('backups.optionsSaved') : null}</StatusMessage>
    </ActionForm>
  );
}
