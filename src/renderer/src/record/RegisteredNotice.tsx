import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/people';
import { genderContextOf, isolate, RegistrationNumber } from '../people/format';

/** Said once, right after registering: the new registration number, large, to write on a card. */
export function RegisteredNotice({ person, message }: { person: PersonView; message?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const name = isolate(person.fields.chosenName ?? '');

  useEffect(() => {
    ref.current?.focus();
  }, [person.id]);

  return (
    <div className="registered-notice" ref={ref} tabIndex={-1} role="group" aria-label={t('record.registeredLabel')}>
      <p className="registered-message">{message ?? t('record.registeredMessage', { name, context: genderContextOf(person.fields) })}</p>
      <p className="registered-number">
        <span className="registered-number-label">{t('record.numberLabel')}</span>{' '}
        <RegistrationNumber value={person.registrationNumber} />
      </p>
    </div>
  );
}
