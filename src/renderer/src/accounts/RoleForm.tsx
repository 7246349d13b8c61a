import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { SelectField } from '../components/Fields';
import { request } from '../session';
import { useRoleOptions } from './roles';

export function RoleForm({ account, onSaved }: { account: Account; onSaved: (account: Account) => void }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const [role, setRole] = useState<Role>(account.role);

  async function save(): Promise<void> {
    onSaved(await request('accounts.setRole', { id: account.id, role }));
  }

  return (
    <ActionForm onSubmit={save} submitLabel={t('accounts.saveRole')} className="inline-form" submitClassName="button button-secondary button-small">
      <SelectField
        hiddenLabel
        label={t('accounts.roleFor', { userName: account.userName })}
        value={role}
        options={roleOptions}
        onChange={setRole}
      />
    </ActionForm>
  );
}
