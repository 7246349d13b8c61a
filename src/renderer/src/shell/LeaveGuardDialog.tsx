import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { LeaveGuardHost } from '../hooks/useLeaveGuard';

/**
 * The question before a form's changes are thrown away. "Keep editing" has the focus: Enter or
 * Escape change nothing. Leaving through the shell a form whose draft is kept may also keep it.
 */
export function LeaveGuardDialog({ host }: { host: LeaveGuardHost }) {
  const { t } = useTranslation();
  if (!host.pending) return null;
  return (
    <ConfirmDialog
      title={t('leave.title')}
      confirmLabel={t('leave.discard')}
      cancelLabel={t('leave.keepEditing')}
      danger
      otherAction={host.mayKeep ? { label: t('leave.keepAsDraft'), onClick: host.keepAndLeave } : undefined}
      onConfirm={() => {
        host.discard();
        return Promise.resolve();
      }}
      onCancel={host.keepEditing}
    >
      <p>{t(host.mayKeep ? 'leave.bodyMayKeep' : 'leave.body')}</p>
    </ConfirmDialog>
  );
}
