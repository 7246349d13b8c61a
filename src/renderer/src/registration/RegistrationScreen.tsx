import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { useNavigate } from '../shell/navigation';
import { RegistrationForm } from './RegistrationForm';
import { registrationStateFrom, useKeptAt, useKeptDraftOf } from './useKeptDraft';

const ORIGIN = { kind: 'register' } as const;
const KEPT = { kind: 'registration' } as const;

/**
 * `chosenName`, when given, starts a new registration with that chosen name filled in; `resume`
 * puts back the registration set aside to open a likely duplicate's record.
 */
export function RegistrationScreen({ role, chosenName, resume }: { role: Role; chosenName?: string; resume?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The registration this clerk left (a lock, a sign-out, another screen, a crash): put back as it was.
  const kept = useKeptDraftOf(KEPT, registrationStateFrom);
  const keptAt = useKeptAt();
  return (
    <section aria-labelledby="register-title" className="registration-screen">
      <h1 id="register-title">{t('registration.title')}</h1>
      <p className="lead">{t('registration.intro')}</p>
      {kept && !resume && (
        <p role="status" className="message message-success">
          {t('drafts.restored', { time: keptAt(kept.savedAt) })}
        </p>
      )}
      {kept !== undefined && (
      <RegistrationForm
        role={role}
        kept={kept ?? undefined}
        initialChosenName={chosenName}
        origin={ORIGIN}
        resume={resume}
        labelledBy="register-title"
        onRegistered={(person) => navigate({ name: 'person', id: person.id, registered: person })}
        onCancel={() => navigate({ name: 'home' })}
      />
      )}
    </section>
  );
}
