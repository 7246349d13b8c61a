import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicatePair, PersonSummary } from '../../../shared/people';
import { PeopleTable } from '../people/PeopleTable';
import { useNavigate } from '../shell/navigation';

interface DuplicatePairCardProps {
  pair: DuplicatePair;
  n: number;
  onSame: (kept: PersonSummary, merged: PersonSummary) => void;
  onNotSame: () => void;
}

/** One likely pair: both records side by side, why they may be one person, and the two decisions. */
export function DuplicatePairCard({ pair, n, onSame, onNotSame }: DuplicatePairCardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  // The first of a pair is kept unless the officer chooses the other (main puts first the older,
  // or the one others were merged into).
  const [keptId, setKeptId] = useState(pair.first.id);
  const people = [pair.first, pair.second];
  const kept = keptId === pair.first.id ? pair.first : pair.second;
  const merged = kept === pair.first ? pair.second : pair.first;

  return (
    <section className="pair-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('duplicateReview.pair', { n })}</h2>
      <PeopleTable
        people={people}
        choice={{
          heading: t('duplicateReview.keep'),
          cell: (person) => (
            <input
              type="radio"
              name={`${id}-keep`}
              checked={keptId === person.id}
              onChange={() => setKeptId(person.id)}
              aria-label={`${t('duplicateReview.keep')} ${person.registrationNumber}`}
              aria-describedby={`${id}-keep-hint`}
            />
          ),
        }}
        registered
        openLabel={(person) => t('duplicateReview.openRecord', { number: person.registrationNumber })}
        onOpen={(person) => navigate({ name: 'person', id: person.id })}
      />
      <p id={`${id}-keep-hint`} className="hint">
        {t('duplicateReview.keepHint')}
      </p>
      <h3 className="pair-why">{t('duplicateReview.why')}</h3>
      <ul className="pair-reasons">
        {pair.reasons.map((reason) => (
          <li key={reason}>{t(`duplicateReview.reasons.${reason}`)}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => onSame(kept, merged)}>
          {t('duplicateReview.same', { number: kept.registrationNumber })}
        </button>
        <button type="button" className="button button-secondary" onClick={onNotSame}>
          {t('duplicateReview.notSame')}
        </button>
      </div>
    </section>
  );
}
