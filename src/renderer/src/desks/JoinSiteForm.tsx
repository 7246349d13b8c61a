import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLMENT_PASSPHRASE_MIN } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { TextField } from '../components/Fields';
import { PathField } from '../components/PathField';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { request } from '../session';

const JOIN_FIELDS = ['enrolment', 'passphrase'] as const;

interface JoinSiteFormProps {
  /** The host can show the system's file picker (the Electron app). */
  canPickFile: boolean;
  /** Back to setting up a new site. */
  onCancel: () => void;
  /** This laptop is a desk of the site now: on to the sign-in screen. */
  onDone: () => Promise<void>;
}

/**
 * The set-up screen's third way in (issue 13): a laptop becomes a new desk of a site, from the
 * enrolment file a supervisor wrote at desk 1 and the one-time passphrase told apart from it. Main
 * checks the file (desks.join); the site's accounts come with it, each with its own password.
 */
export function JoinSiteForm({ canPickFile, onCancel, onDone }: JoinSiteFormProps) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [joined, setJoined] = useState<number | null>(null);
  const fieldErrors = useFieldErrors(JOIN_FIELDS);

  async function join(): Promise<void> {
    try {
      const result = await request('desks.join', { enrolment: enrolment.trim(), passphrase });
      setJoined(result.desk.number);
    } finally {
      setPassphrase('');
    }
  }

  if (joined !== null) {
    return (
      <section aria-labelledby="join-title">
        <h1 id="join-title">{t('join.title')}</h1>
        <p role="status" className="message message-success">
          {t('join.done', { number: joined })}
        </p>
        <button type="button" className="button button-primary" autoFocus onClick={() => void onDone()}>
          {t('join.continue')}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="join-title">
      <h1 id="join-title">{t('join.title')}</h1>
      <p className="lead">{t('join.intro')}</p>
      <ActionForm
        onSubmit={join}
        submitLabel={t('join.submit')}
        labelledBy="join-title"
        fieldErrors={fieldErrors}
        secondary={
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('join.back')}
          </button>
        }
      >
        <PathField
          autoFocus
          label={t('join.file')}
          hint={t('join.fileHint')}
          error={fieldErrors.messageOf('enrolment')}
          value={enrolment}
          onChange={setEnrolment}
          canPick={canPickFile}
          picks="file"
        />
        <TextField
          type="password"
          required
          autoComplete="off"
          spellCheck={false}
          minLength={ENROLMENT_PASSPHRASE_MIN}
          label={t('join.passphrase')}
          hint={t('join.passphraseHint')}
          error={fieldErrors.messageOf('passphrase')}
          value={passphrase}
          onChange={setPassphrase}
        />
      </ActionForm>
    </section>
  );
}
