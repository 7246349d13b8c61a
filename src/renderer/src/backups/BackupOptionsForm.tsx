import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_GENERATIONS_MAX, BACKUP_REMINDER_DAYS_MAX, BACKUP_REMINDER_DAYS_MIN, type BackupStatus } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { StatusMessage } from '../components/Messages';
import { TextField } from '../components/Fields';
import { PathField } from '../components/PathField';
import { useFieldErrors } from '../hooks/useFieldErrors';
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

  return (
    <ActionForm onSubmit={save} submitLabel={t('backups.saveOptions')} labelledBy="backups-title" fieldErrors={fieldErrors}>
      <PathField
        label={t('backups.folder')}
        hint={t('backups.folderHint')}
        error={fieldErrors.messageOf('folder')}
        value={folder}
        onChange={(next) => {
          setSaved(false);
          setFolder(next);
        }}
        canPick={status.canChooseFolder}
      />
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
