import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import { ActionForm } from '../components/ActionForm';
import { PasswordField } from '../components/Fields';
import { StatusMessage } from '../components/Messages';
import { askingPasswordOnly, requireSamePasswords } from '../problems';
import { request } from '../session';

export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [done, setDone] = useState(false);

  async function change(): Promise<void> {
    setDone(false);
    requireSamePasswords(newPassword, repeated);
    await askingPasswordOnly(request('session.changePassword', { currentPassword, newPassword }));
    setCurrentPassword('');
    setNewPassword('');
    setRepeated('');
    setDone(true);
  }

  return (
    <section aria-labelledby="change-password-title">
      <h1 id="change-password-title">{t('changePassword.title')}</h1>
      <ActionForm onSubmit={change} submitLabel={t('changePassword.submit')} labelledBy="change-password-title">
        <PasswordField label={t('fields.currentPassword')} value={currentPassword} onChange={setCurrentPassword} autoFocus />
        <PasswordField
          isNew
          label={t('fields.newPassword')}
          hint={t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          value={newPassword}
          onChange={setNewPassword}
        />
        <PasswordField isNew label={t('fields.repeatNewPassword')} value={repeated} onChange={setRepeated} />
      </ActionForm>
      <StatusMessage>{done ? t('changePassword.done') : null}</StatusMessage>
    </section>
  );
}
