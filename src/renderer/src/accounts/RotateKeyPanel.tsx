import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_ROTATION_STAGES, type MethodOutput } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { PasswordField } from '../components/Fields';
import { StepProgress } from '../components/StepProgress';
import { useCallProgress } from '../hooks/useCallProgress';
import { askingPasswordOnly } from '../problems';
import { request } from '../session';

type Rotation = MethodOutput<'vault.rotateKey'>;

interface RotateKeyPanelProps {
  /** Set when an account was just disabled: the panel asks "Rotate the database key now?". */
  offered: boolean;
  onOfferDeclined: () => void;
}

/**
 * Supervisors: a new database key (issue 12), after their password again. Main re-encrypts the
 * database and re-wraps every remaining key slot; this shows the wait, the stages done and what
 * the rotation does not reach (backups made before).
 */
export function RotateKeyPanel({ offered, onOfferDeclined }: RotateKeyPanelProps) {
  const { t } = useTranslation();
  const [formOpen, setFormOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Rotation | null>(null);
  const progress = useCallProgress('key-rotation', busy);
  const offerRef = useRef<HTMLParagraphElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (offered) offerRef.current?.focus();
  }, [offered]);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  function open(): void {
    setResult(null);
    setFormOpen(true);
  }

  function cancel(): void {
    setPassword('');
    setFormOpen(false);
  }

  async function rotate(): Promise<void> {
    setBusy(true);
    try {
      const rotation = await askingPasswordOnly(request('vault.rotateKey', { password }));
      setFormOpen(false);
      onOfferDeclined();
      setResult(rotation);
    } finally {
      // Never kept: typed again for each try.
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="key-rotation-title" className="key-rotation">
      <h2 id="key-rotation-title">{t('keyRotation.title')}</h2>
      <p>{t('keyRotation.intro')}</p>
      <p id="key-rotation-backups">{t('keyRotation.backupsNote')}</p>
      {offered && !formOpen && (
        <div className="key-rotation-offer">
          <p id="key-rotation-offer" ref={offerRef} tabIndex={-1}>
            <strong>{t('keyRotation.offer')}</strong>
          </p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={open}>
              {t('keyRotation.offerYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={onOfferDeclined}>
              {t('keyRotation.offerNo')}
            </button>
          </div>
        </div>
      )}
      {!offered && !formOpen && (
        <button type="button" className="button button-secondary" onClick={open} aria-describedby="key-rotation-backups">
          {t('keyRotation.open')}
        </button>
      )}
      {formOpen && (
        <ActionForm
          onSubmit={rotate}
          submitLabel={t('keyRotation.submit')}
          labelledBy="key-rotation-title"
          secondary={
            <button type="button" className="button button-secondary" onClick={cancel} aria-disabled={busy}>
              {t('form.cancel')}
            </button>
          }
        >
          <PasswordField label={t('keyRotation.password')} value={password} onChange={setPassword} autoFocus />
        </ActionForm>
      )}
      {/* Its own live region: outside the one below, so a step is announced once. */}
      {busy && progress && (
        <StepProgress
          label={t('keyRotation.progressLabel')}
          done={progress.done}
          total={KEY_ROTATION_STAGES.length}
          step={t(`keyRotation.running.${progress.step}`)}
        />
      )}
      <div aria-live="polite" className="key-rotation-status">
        {busy && <p className="message">{t('keyRotation.busy')}</p>}
        {result && !offered && (
          <div ref={resultRef} tabIndex={-1} className="message message-success">
            <p>{t('keyRotation.done', { seconds: result.seconds, accounts: result.accounts })}</p>
            <ul>
              {result.stages.map((stage) => (
                <li key={stage}>{t(`keyRotation.stages.${stage}`)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
