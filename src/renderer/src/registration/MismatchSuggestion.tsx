import { useTranslation } from 'react-i18next';

/**
 * A suggestion only: the clerk confirms by ticking "Document mismatch". Nothing is set silently,
 * and nothing is inferred from it. Always present as a live region, so the suggestion is announced.
 */
export function MismatchSuggestion({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="suggestion-region">
      {shown && <p className="suggestion">{t('person.mismatchSuggestion')}</p>}
    </div>
  );
}
