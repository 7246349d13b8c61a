import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import type { AccountChange } from './AccountsScreen';
import { DisableAccountForm } from './DisableAccountForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { RoleForm } from './RoleForm';

const COLUMNS = 5;

interface AccountRowProps {
  account: Account;
  /** One's own account is changed under "Change password", not here, so nobody locks themselves out. */
  isSelf: boolean;
  onChanged: (account: Account, change: AccountChange) => void;
}

export function AccountRow({ account, isSelf, onChanged }: AccountRowProps) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const [panel, setPanel] = useState<'none' | 'password' | 'disable'>('none');
  const panelId = `account-${account.id}-panel`;
  const toggle = (next: 'password' | 'disable'): void => setPanel((open) => (open === next ? 'none' : next));
  const done = (changed: Account, change: AccountChange): void => {
    setPanel('none');
    onChanged(changed, change);
  };

  return (
    <>
      <tr className={account.disabled ? 'is-disabled' : undefined}>
        <th scope="row">
          <bdi>{account.userName}</bdi> {isSelf && <span className="muted">{t('accounts.you')}</span>}
        </th>
        <td>{isSelf ? t(`roles.${account.role}`) : <RoleForm account={account} onSaved={(changed) => onChanged(changed, 'roleSaved')} />}</td>
        <td>
          <span className={account.disabled ? 'state state-disabled' : 'state state-active'}>
            {account.disabled ? t('accounts.disabled') : t('accounts.active')}
          </span>
          {!account.disabled && account.passwordChangeDue && <span className="muted"> {t('accounts.changeDue')}</span>}
        </td>
        <td>
          <time dateTime={account.createdAt}>{new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(account.createdAt))}</time>
        </td>
        <td>
          {!isSelf && (
            <div className="row-actions">
              <button
                type="button"
                className="button button-secondary button-small"
                aria-expanded={panel === 'password'}
                aria-controls={panel === 'password' ? panelId : undefined}
                onClick={() => toggle('password')}
              >
                {t('accounts.resetPassword')}
              </button>
              {!account.disabled && (
                <button
                  type="button"
                  className="button button-danger-quiet button-small"
                  aria-expanded={panel === 'disable'}
                  aria-controls={panel === 'disable' ? panelId : undefined}
                  onClick={() => toggle('disable')}
                >
                  {t('accounts.disable')}
                </button>
              )}
            </div>
          )}
        </td>
      </tr>
      {panel !== 'none' && (
        <tr className="row-panel">
          <td colSpan={COLUMNS} id={panelId}>
            {panel === 'password' ? (
              <ResetPasswordForm account={account} onDone={(changed) => done(changed, 'passwordSet')} onCancel={() => setPanel('none')} />
            ) : (
              <DisableAccountForm account={account} onDone={(changed) => done(changed, 'disabledDone')} onCancel={() => setPanel('none')} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
