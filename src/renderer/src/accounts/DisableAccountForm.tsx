import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { request } from '../session';

interface DisableAccountFormProps {
  account: Account;
  onDone: (account: Account) => void;
  onCancel: () => void;
}

/** Asks before disabling; Cancel has the focus, so a stray Enter changes nothing. */
export function DisableAccountForm({ account, onDone, onCancel }: DisableAccountFormProps) {
  const { t } = useTranslation();
  const questionId = `disable-${account.id}-question`;

  async function disable(): Promise<void> {
    onDone(await request('accounts.disable', { id: account.id }));
  }

  return (
    <ActionForm
      onSubmit={disable}
      submitLabel={t('accounts.confirmDisable')}
      submitClassName="button button-danger"
      labelledBy={questionId}
      secondary={
        <button type="button" className="button button-secondary" onClick={onCancel} autoFocus>
          {t('form.cancel')}
        </button>
      }
    >
      <p id={questionId}>{t('accounts.disableConfirm', { userName: account.userName })}</p>
    </ActionForm>
  );
}
