import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicatePair, MergeResult } from '../../../shared/people';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { DuplicatePairCard } from './DuplicatePairCard';

/** The strongest pairs; once decided, the next ones come up. */
const PAIRS_SHOWN = 100;

/** The last decision, said in the status line; a merge keeps its undo beside it. */
type Outcome = { kind: 'merged'; result: MergeResult } | { kind: 'undone'; result: MergeResult } | { kind: 'dismissed' };

/**
 * The duplicates review for protection officers (issue 10): likely pairs across the register,
 * strongest first, each with why. "The same person" merges one record into the other after a
 * confirmation, with an undo at hand; "not the same" is remembered by main, so the pair never
 * comes back. Main decides what each pair shows, on the tiers this account reads in this mode.
 */
export function DuplicatesScreen() {
  const { t } = useTranslation();
  const outcomeText = useOutcomeText();
  const [pairs, setPairs] = useState<DuplicatePair[] | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState<{ keptId: number; mergedId: number; kept: string; merged: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    setPairs(await request('duplicates.list', { limit: PAIRS_SHOWN }));
  }, []);

  useEffect(() => {
    let live = true;
    request('duplicates.list', { limit: PAIRS_SHOWN }).then(
      (found) => {
        if (!live) return;
        setPairs(found);
        headingRef.current?.focus();
      },
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  /**
   * `decided`: the records a decision touched. Their pairs leave the list at once, so nobody acts
   * on a pair whose record was just merged while main scans the register again.
   */
  async function act(run: () => Promise<Outcome>, decided: readonly number[] = []): Promise<void> {
    setProblem(null);
    try {
      setOutcome(await run());
      setPairs((current) => current?.filter((pair) => !decided.includes(pair.first.id) && !decided.includes(pair.second.id)) ?? null);
      setRefreshing(true);
      await load();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setRefreshing(false);
    }
    // The pair acted on is gone: the heading keeps the keyboard on the screen.
    headingRef.current?.focus();
  }

  async function undo(mergeId: number): Promise<void> {
    await act(async () => ({ kind: 'undone', result: await request('duplicates.undoMerge', { mergeId }) }));
  }

  return (
    <section className="duplicates-review" aria-labelledby="duplicates-title" aria-busy={(pairs === null && !problem) || refreshing}>
      <h1 id="duplicates-title" ref={headingRef} tabIndex={-1}>
        {t('duplicateReview.title')}
      </h1>
      <p className="hint">{t('duplicateReview.intro')}</p>
      <ErrorAlert problem={problem} />
      <div className="review-outcome">
        <StatusMessage>{outcome ? outcomeText(outcome) : null}</StatusMessage>
        {outcome?.kind === 'merged' && (
          <button type="button" className="button button-secondary" onClick={() => void undo(outcome.result.mergeId)}>
            {t('duplicateReview.undo')}
          </button>
        )}
      </div>
      {pairs === null ? (
        !problem && <p className="muted">{t('duplicateReview.loading')}</p>
      ) : pairs.length === 0 ? (
        <p>{t('duplicateReview.none')}</p>
      ) : (
        <>
          <p>{t('duplicateReview.count', { count: pairs.length })}</p>
          <ol className="pair-list">
            {pairs.map((pair, index) => (
              <li key={`${pair.first.id}-${pair.second.id}`}>
                <DuplicatePairCard
                  pair={pair}
                  n={index + 1}
                  onSame={(kept, merged) =>
                    setConfirming({ keptId: kept.id, mergedId: merged.id, kept: kept.registrationNumber, merged: merged.registrationNumber })
                  }
                  onNotSame={() =>
                    void act(
                      async () => {
                        await request('duplicates.notSame', { firstId: pair.first.id, secondId: pair.second.id });
                        return { kind: 'dismissed' };
                      },
                      [pair.first.id, pair.second.id],
                    )
                  }
                />
              </li>
            ))}
          </ol>
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('duplicateReview.confirmTitle', { kept: confirming.kept, merged: confirming.merged })}
          confirmLabel={t('duplicateReview.confirm')}
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            const { keptId, mergedId } = confirming;
            const result = await request('duplicates.merge', { keptId, mergedId });
            setConfirming(null);
            await act(async () => ({ kind: 'merged', result }), [keptId, mergedId]);
          }}
        >
          <p>{t('duplicateReview.confirmBody', { kept: confirming.kept, merged: confirming.merged })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function useOutcomeText(): (outcome: Outcome) => string {
  const { t } = useTranslation();
  return (outcome) => {
    if (outcome.kind === 'dismissed') return t('duplicateReview.dismissed');
    const kept = outcome.result.kept.registrationNumber;
    const merged = outcome.result.merged.registrationNumber;
    return outcome.kind === 'merged' ? t('duplicateReview.merged', { kept, merged }) : t('duplicateReview.undone', { kept, merged });
  };
}
