import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { AccountsTable } from './AccountsTable';
import { CreateAccountForm } from './CreateAccountForm';
import { RotateKeyPanel } from './RotateKeyPanel';

export type AccountChange = 'created' | 'roleSaved' | 'passwordSet' | 'disabledDone';

function withAccount(accounts: readonly Account[], changed: Account): Account[] {
  return [...accounts.filter((account) => account.id !== changed.id), changed].sort((a, b) =>
    a.userName.localeCompare(b.userName, undefined, { sensitivity: 'base' }),
  );
}

/** Supervisors only (main refuses everyone else): add accounts, change roles, disable, reset passwords. */
export function AccountsScreen({ currentUserId }: { currentUserId: number }) {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [lastChange, setLastChange] = useState<{ change: AccountChange; userName: string } | null>(null);
  /** After a disable, the database key section asks whether to rotate now (issue 12). */
  const [rotationOffered, setRotationOffered] = useState(false);

  useEffect(() => {
    let live = true;
    request('accounts.list', {}).then(
      (list) => live && setAccounts(list),
      (error: unknown) => live && setLoadProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  function onChanged(account: Account, change: AccountChange): void {
    setAccounts((list) => withAccount(list ?? [], account));
    setLastChange({ change, userName: account.userName });
    if (change === 'disabledDone') setRotationOffered(true);
  }

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">{t('accounts.title')}</h1>
      <CreateAccountForm onCreated={(account) => onChanged(account, 'created')} />
      <StatusMessage>{lastChange
          ? // The account by its user name (not personal data of registered people), isolated for right-to-left text.
            t(`accounts.${lastChange.change}`, { userName: `\u2068${lastChange.userName}\u2069` })
          : null}</StatusMessage>
      <h2 id="accounts-list-title">{t('accounts.listTitle')}</h2>
      <ErrorAlert problem={loadProblem} />
      {accounts === null ? (
        !loadProblem && <p className="muted">{t('accounts.loading')}</p>
      ) : (
        <AccountsTable accounts={accounts} currentUserId={currentUserId} onChanged={onChanged} />
      )}
      <RotateKeyPanel offered={rotationOffered} onOfferDeclined={() => setRotationOffered(false)} />
    </section>
  );
}
