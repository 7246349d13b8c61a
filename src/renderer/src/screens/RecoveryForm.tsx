import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import { ActionForm } from '../components/ActionForm';
import { PasswordField, TextField, UserNameField } from '../components/Fields';
import { requireSamePasswords } from '../problems';
import { request } from '../session';

/** Forgotten passwords: the printed recovery key sets a new password on one account. */
export function RecoveryForm({ onReset, onBack }: { onReset: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [userName, setUserName] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  async function reset(): Promise<void> {
    requireSamePasswords(newPassword, repeated);
    await request('recovery.resetPassword', { recoveryKey, userName, newPassword });
    onReset();
  }

  return (
    <>
      <h1 id="recovery-title">{t('recovery.title')}</h1>
      <p className="lead">{t('recovery.intro')}</p>
      <ActionForm
        onSubmit={reset}
        submitLabel={t('recovery.submit')}
        labelledBy="recovery-title"
        secondary={
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('recovery.back')}
          </button>
        }
      >
        <TextField
          label={t('recovery.recoveryKey')}
          hint={t('recovery.recoveryKeyHint')}
          value={recoveryKey}
          onChange={setRecoveryKey}
          className="monospace"
          dir="ltr"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={200}
          required
          autoFocus
        />
        <UserNameField label={t('recovery.userName')} value={userName} onChange={setUserName} />
        <PasswordField
          isNew
          label={t('fields.newPassword')}
          hint={t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          value={newPassword}
          onChange={setNewPassword}
        />
        <PasswordField isNew label={t('fields.repeatNewPassword')} value={repeated} onChange={setRepeated} />
      </ActionForm>
    </>
  );
}
