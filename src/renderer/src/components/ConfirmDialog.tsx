import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from './ActionForm';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The way out that changes nothing; "Cancel" unless the question needs plainer words. */
  cancelLabel?: string;
  danger?: boolean;
  /** A third answer, between confirming and cancelling (leave and keep the draft). */
  otherAction?: { label: string; onClick: () => void };
  /** Runs on confirming; throw to show the problem in the dialog. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}

/**
 * A modal question. Cancel has the focus, so a stray Enter changes nothing; Escape cancels; the
 * focus goes back where it was when the dialog closes.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger, otherAction, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`} className="dialog-body">
        {children}
      </div>
      <ActionForm
        onSubmit={onConfirm}
        submitLabel={confirmLabel}
        submitClassName={danger ? 'button button-danger' : 'button button-primary'}
        secondary={
          <>
            {otherAction && (
              <button type="button" className="button button-secondary" onClick={otherAction.onClick}>
                {otherAction.label}
              </button>
            )}
            <button type="button" ref={cancelRef} className="button button-secondary" onClick={onCancel}>
              {cancelLabel ?? t('form.cancel')}
            </button>
          </>
        }
      />
    </dialog>
  );
}
