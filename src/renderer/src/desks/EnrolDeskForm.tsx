import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLMENT_PASSPHRASE_MIN } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { PasswordField } from '../components/Fields';
import { PathField } from '../components/PathField';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { request } from '../session';

const ENROL_FIELDS = ['out', 'passphrase'] as const;

/**
 * Enrols a new desk: main writes its enrolment file where the supervisor says (a stick), encrypted
 * under a one-time passphrase that the supervisor tells the person at the new desk apart from it.
 */
export function EnrolDeskForm({ canPick, onEnrolled }: { canPick: boolean; onEnrolled: (number: number) => void }) {
  const { t } = useTranslation();
  const [out, setOut] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const fieldErrors = useFieldErrors(ENROL_FIELDS);

  async function enrol(): Promise<void> {
    const result = await request('desks.enrol', { out: out.trim(), passphrase });
    setPassphrase('');
    setOut('');
    onEnrolled(result.desk.number);
  }

  return (
    <section aria-labelledby="enrol-title" className="enrol-desk">
      <h3 id="enrol-title">{t('desks.enrolTitle')}</h3>
      <p>{t('desks.enrolIntro')}</p>
      <ActionForm onSubmit={enrol} submitLabel={t('desks.enrol')} labelledBy="enrol-title" fieldErrors={fieldErrors}>
        <PathField
          label={t('desks.file')}
          hint={t('desks.fileHint')}
          error={fieldErrors.messageOf('out')}
          value={out}
          onChange={setOut}
          canPick={canPick}
          picks="save-file"
        />
        <PasswordField
          isNew
          minLength={ENROLMENT_PASSPHRASE_MIN}
          label={t('desks.passphrase')}
          hint={t('desks.passphraseHint', { min: ENROLMENT_PASSPHRASE_MIN })}
          error={fieldErrors.messageOf('passphrase')}
          value={passphrase}
          onChange={setPassphrase}
        />
      </ActionForm>
    </section>
  );
}
