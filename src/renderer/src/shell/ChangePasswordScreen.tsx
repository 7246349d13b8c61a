import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../components/Messages';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);

  return (
    <section aria-labelledby="change-password-title">
      <h1 id="change-password-title">{t('changePassword.title')}</h1>
      <ChangePasswordForm labelledBy="change-password-title" currentLabel={t('fields.currentPassword')} onChanged={() => setDone(true)} />
      <StatusMessage>{done ? t('changePassword.done') : null}</StatusMessage>
    </section>
  );
}
