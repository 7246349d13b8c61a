import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Ctrl+Enter (Cmd+Enter) saves from anywhere in a person form, as the hint beside the buttons says. */
export function submitOnCtrlEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  event.currentTarget.closest('form')?.requestSubmit();
}

/** What a person form has beside its submit button: cancel, and the save shortcut. */
export function PersonFormActions({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('form.cancel')}
      </button>
      <span className="hint">
        {t('registration.saveShortcut')} <kbd>Ctrl+Enter</kbd>
      </span>
    </>
  );
}
