import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/contract';
import { PublicLayout } from '../components/PublicLayout';
import { signOutNow } from '../session';
import { ChangePasswordForm } from '../shell/ChangePasswordForm';

/**
 * After signing in with a password a supervisor set: the person chooses their own before anything
 * else (main refuses every other call until then, with password_change_due).
 */
export function FirstPasswordScreen({ user, onChanged }: { user: CurrentUser; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <h1 id="first-password-title">{t('firstPassword.title')}</h1>
      <dl className="account-name">
        <dt>{t('lock.account')}</dt>
        <dd>
          <bdi>{user.userName}</bdi>
        </dd>
      </dl>
      <p>{t('firstPassword.intro')}</p>
      <ChangePasswordForm labelledBy="first-password-title" currentLabel={t('firstPassword.given')} onChanged={onChanged} />
      <div className="switch-user">
        <button type="button" className="button button-secondary" onClick={() => void signOutNow()}>
          {t('lock.signOut')}
        </button>
      </div>
    </PublicLayout>
  );
}
