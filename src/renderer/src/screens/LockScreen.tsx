import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { PasswordField } from '../components/Fields';
import { PublicLayout } from '../components/PublicLayout';
import { askingPasswordOnly } from '../problems';
import { request, signOutNow } from '../session';

/** Names the locked account and asks only for its password; anyone else signs it out first. */
export function LockScreen({ user, onUnlocked }: { user: CurrentUser; onUnlocked: () => Promise<void> }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');

  async function unlock(): Promise<void> {
    await askingPasswordOnly(request('session.unlock', { password }));
    setPassword('');
    await onUnlocked();
  }

  return (
    <PublicLayout>
      <h1 id="lock-title">{t('lock.title')}</h1>
      <dl className="account-name">
        <dt>{t('lock.account')}</dt>
        <dd>
          <bdi>{user.userName}</bdi>
        </dd>
      </dl>
      <p>{t('lock.intro')}</p>
      <ActionForm onSubmit={unlock} submitLabel={t('lock.unlock')} labelledBy="lock-title">
        <PasswordField label={t('fields.password')} value={password} onChange={setPassword} autoFocus />
      </ActionForm>
      <div className="switch-user">
        <p>{t('lock.switchUser')}</p>
        <button type="button" className="button button-secondary" onClick={() => void signOutNow()}>
          {t('lock.signOut')}
        </button>
      </div>
    </PublicLayout>
  );
}
