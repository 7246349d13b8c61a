import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import type { Language } from '../../../shared/languages';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { CheckboxField, PasswordField, SelectField, UserNameField } from '../components/Fields';
import { LANGUAGE_OPTIONS, useCurrentLanguage } from '../components/LanguageSwitcher';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { request } from '../session';
import { useRoleOptions } from './roles';

/** Typed fields of the call: main's refusals of them go beside their box (the choices cannot be wrong). */
const ACCOUNT_FIELDS = ['userName', 'password'] as const;

export function CreateAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const currentLanguage = useCurrentLanguage();
  const [userName, setUserName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage);
  const [changePasswordAtSignIn, setChangePasswordAtSignIn] = useState(true);
  const userNameRef = useRef<HTMLInputElement>(null);
  const fieldErrors = useFieldErrors(ACCOUNT_FIELDS);

  async function create(): Promise<void> {
    const account = await request('accounts.create', { userName, role, password, language, changePasswordAtSignIn });
    setUserName('');
    setPassword('');
    setChangePasswordAtSignIn(true);
    onCreated(account);
    // Ready for the next account without reaching for the mouse.
    userNameRef.current?.focus();
  }

  return (
    <section className="panel" aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t('accounts.createTitle')}</h2>
      <ActionForm onSubmit={create} submitLabel={t('accounts.create')} labelledBy="create-account-title" fieldErrors={fieldErrors}>
        <UserNameField
          label={t('fields.userName')}
          error={fieldErrors.messageOf('userName')}
          value={userName}
          onChange={setUserName}
          inputRef={userNameRef}
          autoFocus
        />
        <SelectField label={t('fields.role')} value={role} options={roleOptions} onChange={setRole} />
        <PasswordField
          isNew
          autoComplete="off"
          label={t('accounts.initialPassword')}
          hint={`${t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })} ${t('accounts.initialPasswordHint')}`}
          error={fieldErrors.messageOf('password')}
          value={password}
          onChange={setPassword}
        />
        <CheckboxField
          label={t('accounts.changeAtSignIn')}
          hint={t('accounts.changeAtSignInHint')}
          checked={changePasswordAtSignIn}
          onChange={setChangePasswordAtSignIn}
        />
        <SelectField label={t('fields.language')} value={language} options={LANGUAGE_OPTIONS} onChange={setLanguage} />
      </ActionForm>
    </section>
  );
}
