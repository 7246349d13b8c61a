import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import { ActionForm } from '../components/ActionForm';
import { CheckboxField, PasswordField } from '../components/Fields';
import { request } from '../session';

interface ResetPasswordFormProps {
  account: Account;
  onDone: (account: Account) => void;
  onCancel: () => void;
}

/** A new password set by a supervisor; it also re-enables a disabled account. */
export function ResetPasswordForm({ account, onDone, onCancel }: ResetPasswordFormProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [changePasswordAtSignIn, setChangePasswordAtSignIn] = useState(true);

  async function reset(): Promise<void> {
    onDone(await request('accounts.resetPassword', { id: account.id, password, changePasswordAtSignIn }));
  }

  return (
    <ActionForm
      onSubmit={reset}
      submitLabel={t('accounts.setPassword')}
      secondary={
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      }
    >
      <PasswordField
        isNew
        autoComplete="off"
        autoFocus
        label={t('accounts.newPasswordFor', { userName: account.userName })}
        hint={`${t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })} ${t('accounts.resetPasswordHint')}`}
        value={password}
        onChange={setPassword}
      />
      <CheckboxField
        label={t('accounts.changeAtSignIn')}
        hint={t('accounts.changeAtSignInHint')}
        checked={changePasswordAtSignIn}
        onChange={setChangePasswordAtSignIn}
      />
    </ActionForm>
  );
}
