import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import { ActionForm } from '../components/ActionForm';
import { PasswordField } from '../components/Fields';
import { askingPasswordOnly, requireSamePasswords } from '../problems';
import { request } from '../session';

/** The current password, then the new one twice: the signed-in person's own change. */
export function ChangePasswordForm({ labelledBy, currentLabel, onChanged }: { labelledBy: string; currentLabel: string; onChanged: () => Promise<void> | void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  async function change(): Promise<void> {
    requireSamePasswords(newPassword, repeated);
    await askingPasswordOnly(request('session.changePassword', { currentPassword, newPassword }));
    setCurrentPassword('');
    setNewPassword('');
    setRepeated('');
    await onChanged();
  }

  return (
    <ActionForm onSubmit={change} submitLabel={t('changePassword.submit')} labelledBy={labelledBy}>
      <PasswordField label={currentLabel} value={currentPassword} onChange={setCurrentPassword} autoFocus />
      <PasswordField
        isNew
        label={t('fields.newPassword')}
        hint={t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        value={newPassword}
        onChange={setNewPassword}
      />
      <PasswordField isNew label={t('fields.repeatNewPassword')} value={repeated} onChange={setRepeated} />
    </ActionForm>
  );
}
