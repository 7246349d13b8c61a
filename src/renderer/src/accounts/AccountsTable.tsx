import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import type { AccountChange } from './AccountsScreen';
import { AccountRow } from './AccountRow';

interface AccountsTableProps {
  accounts: readonly Account[];
  currentUserId: number;
  onChanged: (account: Account, change: AccountChange) => void;
}

export function AccountsTable({ accounts, currentUserId, onChanged }: AccountsTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="accounts-table" aria-labelledby="accounts-list-title">
        <thead>
          <tr>
            <th scope="col">{t('accounts.columns.userName')}</th>
            <th scope="col">{t('accounts.columns.role')}</th>
            <th scope="col">{t('accounts.columns.status')}</th>
            <th scope="col">{t('accounts.columns.created')}</th>
            <th scope="col">{t('accounts.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} isSelf={account.id === currentUserId} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
