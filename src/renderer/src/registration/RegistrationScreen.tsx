import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles';
import { useNavigate } from '../shell/navigation';
import { RegistrationForm } from './RegistrationForm';

const ORIGIN = { kind: 'register' } as const;

/**
 * `chosenName`, when given, starts a new registration with that chosen name filled in; `resume`
 * puts back the registration set aside to open a likely duplicate's record.
 */
export function RegistrationScreen({ role, chosenName, resume }: { role: Role; chosenName?: string; resume?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="register-title" className="registration-screen">
      <h1 id="register-title">{t('registration.title')}</h1>
      <p className="lead">{t('registration.intro')}</p>
      <RegistrationForm
        role={role}
        initialChosenName={chosenName}
        origin={ORIGIN}
        resume={resume}
        labelledBy="register-title"
        onRegistered={(person) => navigate({ name: 'person', id: person.id, registered: true })}
        onCancel={() => navigate({ name: 'home' })}
      />
    </section>
  );
}
