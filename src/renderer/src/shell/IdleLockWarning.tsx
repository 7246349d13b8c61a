import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdleLock } from '../hooks/useIdleLock';

/** Said again at these seconds left, besides the opening: often enough to be heard, not every second. */
const ANNOUNCED_AT = [10, 30] as const;

/**
 * Locks the screen after the idle time and, a minute before, says so: a modal alert dialog with
 * the seconds left and a "Stay signed in" button, which has the focus. Any key, click or mouse
 * move keeps the session too. Its own component, so the seconds ticking redraw only this.
 */
export function IdleLockWarning({ idleMinutes }: { idleMinutes: number }) {
  const { secondsLeft, stay } = useIdleLock(idleMinutes);
  if (secondsLeft === null) return null;
  return <Countdown secondsLeft={secondsLeft} onStay={stay} />;
}

function Countdown({ secondsLeft, onStay }: { secondsLeft: number; onStay: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  // The last mark passed, so the text changes (and is spoken) once per mark, even if a second is skipped.
  const announced = ANNOUNCED_AT.find((mark) => secondsLeft <= mark);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    stayRef.current?.focus();
    return () => {
      dialog?.close();
      // Back to the field the clerk was in, so typing goes on where it stopped.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      className="dialog idle-warning"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body ${id}-left`}
      onCancel={(event) => {
        // Escape is activity: it keeps the session like the button.
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id={`${id}-title`}>{t('idle.title')}</h2>
      <div className="dialog-body">
        <p id={`${id}-body`}>{t('idle.body')}</p>
        <p id={`${id}-left`} className="idle-seconds">
          {t('idle.secondsLeft', { seconds: secondsLeft })}
        </p>
      </div>
      {/* The opening is announced with the dialog; after that only at 30 and 10 seconds. */}
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announced === undefined ? '' : t('idle.announce', { seconds: announced })}
      </p>
      <div className="actions">
        <button type="button" ref={stayRef} className="button button-primary" onClick={onStay}>
          {t('idle.stay')}
        </button>
      </div>
    </dialog>
  );
}
