import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import type { Language } from '../../../shared/languages';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { PasswordField, SelectField, UserNameField } from '../components/Fields';
import { LANGUAGE_OPTIONS, useCurrentLanguage } from '../components/LanguageSwitcher';
import { request } from '../session';
import { useRoleOptions } from './roles';

export function CreateAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const currentLanguage = useCurrentLanguage();
  const [userName, setUserName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage);
  const userNameRef = useRef<HTMLInputElement>(null);

  async function create(): Promise<void> {
    const account = await request('accounts.create', { userName, role, password, language });
    setUserName('');
    setPassword('');
    onCreated(account);
    // Ready for the next account without reaching for the mouse.
    userNameRef.current?.focus();
  }

  return (
    <section className="panel" aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t('accounts.createTitle')}</h2>
      <ActionForm onSubmit={create} submitLabel={t('accounts.create')} labelledBy="create-account-title">
        <UserNameField label={t('fields.userName')} value={userName} onChange={setUserName} inputRef={userNameRef} autoFocus />
        <SelectField label={t('fields.role')} value={role} options={roleOptions} onChange={setRole} />
        <PasswordField
          isNew
          autoComplete="off"
          label={t('accounts.initialPassword')}
          hint={`${t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })} ${t('accounts.initialPasswordHint')}`}
          value={password}
          onChange={setPassword}
        />
        <SelectField label={t('fields.language')} value={language} options={LANGUAGE_OPTIONS} onChange={setLanguage} />
      </ActionForm>
    </section>
  );
}
