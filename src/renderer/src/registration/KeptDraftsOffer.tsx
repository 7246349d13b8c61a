import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeptDraftSummary } from '../../../shared/kept-drafts';
import { call } from '../bridge';
import { useNavigate } from '../shell/navigation';
import { useKeptAt } from './useKeptDraft';

/**
 * On the home screen: the registration and edits this account left unsaved, newest first, each a
 * button back to its form. Nothing shows while there is none. Only this account's, as main sends.
 */
export function KeptDraftsOffer() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const keptAt = useKeptAt();
  const [drafts, setDrafts] = useState<KeptDraftSummary[]>([]);
  useEffect(() => {
    let live = true;
    call('drafts.list', {}).then(
      (found) => live && setDrafts(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (drafts.length === 0) return null;
  return (
    <section className="kept-drafts" aria-labelledby="kept-drafts-title">
      <h2 id="kept-drafts-title">{t('drafts.title')}</h2>
      <p className="hint">{t('drafts.hint')}</p>
      <ul className="kept-drafts-list">
        {drafts.map((draft) => (
          <li key={draft.kind === 'registration' ? 'registration' : draft.personId}>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => navigate(draft.kind === 'registration' ? { name: 'register' } : { name: 'person', id: draft.personId })}
            >
              {draft.kind === 'registration'
                ? t('drafts.continueRegistration', { time: keptAt(draft.savedAt) })
                : t('drafts.continueEdit', { number: `\u2068${draft.registrationNumber}\u2069`, time: keptAt(draft.savedAt) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
