import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { useNavigate } from '../shell/navigation';

/**
 * A change two desks made at once that waits for a protection officer's decision (issue 13): the
 * chosen name, or the person's place in a family unit. The record shows what the merge rule kept,
 * and says so here until the decision, made under Exchange at any desk, reaches this desk.
 */
export function DecisionsAwaited({ decisions, role }: { decisions: PersonView['decisionsAwaited']; role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (decisions.length === 0) return null;
  const subjects = [...new Set(decisions.map((decision) => decision.about))];
  return (
    <section className="banner banner-warning decisions-awaited" aria-labelledby="decisions-awaited-title">
      <h2 id="decisions-awaited-title">{t('record.decisionAwaited.title')}</h2>
      {subjects.map((about) => (
        <p key={about}>{t(`record.decisionAwaited.${about}`)}</p>
      ))}
      {role === 'protection' ? (
        <button type="button" className="button button-secondary" onClick={() => navigate({ name: 'exchange' })}>
          {t('record.decisionAwaited.decide')}
        </button>
      ) : (
        <p>{t('record.decisionAwaited.whoDecides')}</p>
      )}
    </section>
  );
}
