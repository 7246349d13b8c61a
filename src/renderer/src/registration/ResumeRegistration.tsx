import { useTranslation } from 'react-i18next';
import { useNavigate } from '../shell/navigation';
import { useRegistrationInProgress } from '../shell/registration-in-progress';

/**
 * On a record opened from a duplicate warning: the way back to the registration set aside, as the
 * clerk left it. Shown while one is set aside; a button, so Tab and Enter reach it.
 */
export function ResumeRegistration() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setAside } = useRegistrationInProgress();
  if (!setAside) return null;
  const { origin } = setAside;
  return (
    <button
      type="button"
      className="button button-primary"
      onClick={() =>
        navigate(origin.kind === 'register' ? { name: 'register', resume: true } : { name: 'person', id: origin.personId, resumeRegistration: true })
      }
    >
      {t('registration.backToDraft')}
    </button>
  );
}
