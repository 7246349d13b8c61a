import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setFormHelpShown, useFormHelpShown } from './form-help';

/** Ctrl+Enter (Cmd+Enter) saves from anywhere in a person form, as the hint beside the buttons says. */
export function submitOnCtrlEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  event.currentTarget.closest('form')?.requestSubmit();
}

/**
 * What a person form has beside its submit button: cancel, the help toggle (the keyboard's way to
 * every field's help, whose info buttons are out of the Tab order), and the save shortcut.
 */
export function PersonFormActions({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const helpShown = useFormHelpShown();
  return (
    <>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('form.cancel')}
      </button>
      <button type="button" className="button button-secondary button-small" aria-pressed={helpShown} onClick={() => setFormHelpShown(!helpShown)}>
        {t('person.helpUnderFields')}
      </button>
      <span className="hint">
        {t('registration.saveShortcut')} <kbd>Ctrl+Enter</kbd>
      </span>
    </>
  );
}
