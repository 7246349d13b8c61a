import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REVEAL_REASONS, REVEAL_SECONDS, type RevealReason } from '../../../shared/audit';
import type { FieldKey } from '../../../shared/catalogue';
import { ActionForm } from '../components/ActionForm';
import { TextField } from '../components/Fields';
import { useCatalogueText } from '../people/catalogue-text';
import { request } from '../session';

export interface Revealed {
  value: unknown;
  seconds: number;
}

interface RevealDialogProps {
  personId: number;
  fieldKey: FieldKey;
  onRevealed: (revealed: Revealed) => void;
  onCancel: () => void;
}

/**
 * Asks why before one masked value is shown: a reason from the short list, or the user's own
 * words. Main checks the right again and writes the reveal, with the reason, to the audit log.
 */
export function RevealDialog({ personId, fieldKey, onRevealed, onCancel }: RevealDialogProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState<RevealReason | null>(null);
  const [otherText, setOtherText] = useState('');

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    firstRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  async function reveal(): Promise<void> {
    if (!reason) return;
    const reasonText = reason === 'other' ? otherText.trim() : undefined;
    const result = await request('people.reveal', { id: personId, field: fieldKey, reason, ...(reasonText ? { reasonText } : {}) });
    onRevealed({ value: result.value, seconds: result.seconds });
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog reveal-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{t('reveal.title', { field: text.fieldLabel(fieldKey) })}</h2>
      <p id={`${id}-body`} className="dialog-body">
        {t('reveal.intro', { seconds: REVEAL_SECONDS })}
      </p>
      <ActionForm
        onSubmit={reveal}
        submitLabel={t('reveal.confirm', { seconds: REVEAL_SECONDS })}
        secondary={
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        }
      >
        <fieldset className="reveal-reasons">
          <legend>{t('reveal.reason')}</legend>
          {REVEAL_REASONS.map((item, index) => (
            <label key={item} className="checkbox-field radio-option">
              <input
                ref={index === 0 ? firstRef : undefined}
                type="radio"
                name={`${id}-reason`}
                value={item}
                required
                checked={reason === item}
                onChange={() => setReason(item)}
              />
              <span>{t(`reveal.reasons.${item}`)}</span>
            </label>
          ))}
        </fieldset>
        {reason === 'other' && (
          <TextField
            label={t('reveal.otherText')}
            hint={t('reveal.otherHint')}
            required
            maxLength={300}
            dir="auto"
            autoComplete="off"
            value={otherText}
            onChange={setOtherText}
          />
        )}
      </ActionForm>
    </dialog>
  );
}
