import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/roles';

export function useRoleOptions(): { value: Role; label: string }[] {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
