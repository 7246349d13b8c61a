import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldKey } from '../../../shared/catalogue';
import { useCatalogueText } from '../people/catalogue-text';
import { FieldValue } from '../people/format';
import { RevealDialog, type Revealed } from './RevealDialog';

const TICK_MS = 250;

interface Shown {
  value: unknown;
  /** Date.now() at which the value is masked again. */
  until: number;
}

/** Drops the value; the focus, if it was on the value, goes back to the Reveal button. */
function maskAgain(shown: RefObject<HTMLElement | null>, reveal: RefObject<HTMLButtonElement | null>, drop: () => void): void {
  const hadFocus = shown.current?.contains(document.activeElement) ?? false;
  drop();
  if (hadFocus) window.requestAnimationFrame(() => reveal.current?.focus());
}

/**
 * A value the restricted screen masks, for a role that may read it: "Reveal" asks for a reason,
 * then shows this one value for the time main gives, with a countdown, and drops it again. Other
 * fields and the view mode stay as they are.
 */
export function MaskedField({ personId, fieldKey }: { personId: number; fieldKey: FieldKey }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const revealRef = useRef<HTMLButtonElement>(null);
  const shownRef = useRef<HTMLDivElement>(null);
  const label = text.fieldLabel(fieldKey);

  useEffect(() => {
    if (!shown) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      if (at >= shown.until) maskAgain(shownRef, revealRef, () => setShown(null));
      else setNow(at);
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [shown]);

  function revealed({ value, seconds }: Revealed): void {
    const at = Date.now();
    setNow(at);
    setShown({ value, until: at + seconds * 1000 });
    setAsking(false);
    window.requestAnimationFrame(() => shownRef.current?.focus());
  }

  if (shown) {
    const secondsLeft = Math.max(1, Math.ceil((shown.until - now) / 1000));
    return (
      <div className="revealed" ref={shownRef} tabIndex={-1} role="group" aria-label={t('reveal.revealedLabel', { field: label })}>
        <div className="revealed-value">
          <FieldValue fieldKey={fieldKey} value={shown.value} />
        </div>
        <p className="reveal-countdown">
          <span className="countdown">{t('reveal.hiddenIn', { seconds: secondsLeft })}</span>
          <button type="button" className="button button-secondary button-small" onClick={() => maskAgain(shownRef, revealRef, () => setShown(null))}>
            {t('reveal.hideNow')}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="masked">
      <span className="restricted">{t('reveal.masked')}</span>
      <button type="button" ref={revealRef} className="button button-secondary button-small" onClick={() => setAsking(true)}>
        {t('reveal.button')}
        <span className="visually-hidden">: {label}</span>
      </button>
      {asking && <RevealDialog personId={personId} fieldKey={fieldKey} onRevealed={revealed} onCancel={() => setAsking(false)} />}
    </div>
  );
}
