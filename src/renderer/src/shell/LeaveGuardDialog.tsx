import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { LeaveGuardHost } from '../hooks/useLeaveGuard';

/** The question before a form's changes are thrown away. "Keep editing" has the focus: Enter or Escape change nothing. */
export function LeaveGuardDialog({ host }: { host: LeaveGuardHost }) {
  const { t } = useTranslation();
  if (!host.pending) return null;
  return (
    <ConfirmDialog
      title={t('leave.title')}
      confirmLabel={t('leave.discard')}
      cancelLabel={t('leave.keepEditing')}
      danger
      onConfirm={() => {
        host.discard();
        return Promise.resolve();
      }}
      onCancel={host.keepEditing}
    >
      <p>{t('leave.body')}</p>
    </ConfirmDialog>
  );
}
