import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../shared/people';
import type { RecordListFilter } from '../../../shared/record-status';
import { ErrorAlert } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { useNavigate } from '../shell/navigation';
import { PeopleColumns, PersonCells } from './PeopleColumns';
import { CHUNK_ROWS, chunksOf, representable, rowPixels } from '../components/virtual-rows';

/** Rows fetched per call; only the pages near what is on screen are kept. */
const PAGE_SIZE = 100;
const PAGES_KEPT_AROUND = 5;
/** Every row is this tall, so offsets are exact without measuring each row. */
const ROW_REM = 3;
const PAGE_STEP = 10;

interface Pages {
  total: number;
  byIndex: ReadonlyMap<number, PersonSummary[]>;
}

/**
 * The newest registrations first, virtualised: a page of rows is fetched as it scrolls into
 * view, so 100,000 people cost no more than a hundred. A listbox: arrow keys, Page Up and Down,
 * Home and End move; Enter opens the record. Shows the records `show` asks for (the active ones
 * by default); its parent remounts it when that changes, so no page of another filter stays.
 */
export function RecentList({ show = 'active' }: { show?: RecordListFilter }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [pages, setPages] = useState<Pages | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [active, setActive] = useState(0);
  const requested = useRef(new Set<number>());
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pages?.total ?? 0;
  const [rowSize] = useState(() => rowPixels(ROW_REM));

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component does not rely on memoisation.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowSize,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const firstPage = rows.length > 0 ? Math.floor(rows[0]!.index / PAGE_SIZE) : 0;
  const lastPage = rows.length > 0 ? Math.floor(rows[rows.length - 1]!.index / PAGE_SIZE) : 0;

  /** Fetches one page; pages far from the window on screen are forgotten, so memory stays flat. */
  const load = useCallback((page: number, first: number, last: number) => {
    const isFar = (other: number): boolean => other < first - PAGES_KEPT_AROUND || other > last + PAGES_KEPT_AROUND;
    for (const other of requested.current) if (isFar(other)) requested.current.delete(other);
    if (requested.current.has(page)) return;
    requested.current.add(page);
    request('people.recent', { offset: page * PAGE_SIZE, limit: PAGE_SIZE, show }).then(
      (result) =>
        setPages((current) => {
          const byIndex = new Map([...(current?.byIndex ?? [])].filter(([other]) => !isFar(other)));
          byIndex.set(page, result.items);
          return { total: result.total, byIndex };
        }),
      (error: unknown) => {
        requested.current.delete(page);
        setProblem(problemOf(error));
      },
    );
  }, [show]);

  useEffect(() => {
    for (let page = firstPage; page <= lastPage; page += 1) load(page, firstPage, lastPage);
  }, [firstPage, lastPage, load]);

  const personAt = (index: number): PersonSummary | undefined => pages?.byIndex.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  const optionId = (index: number): string => `${id}-row-${index}`;

  function moveTo(index: number): void {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + PAGE_STEP,
      PageUp: active - PAGE_STEP,
      Home: 0,
      End: total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter') {
      const person = personAt(active);
      if (!person) return;
      event.preventDefault();
      navigate({ name: 'person', id: person.id });
    }
  }

  const activeRendered = rows.some((row) => row.index === active) && personAt(active) !== undefined;

  return (
    <section className="recent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('home.recentTitle')} {pages && total > 0 && <span className="muted count">{t('home.recentTotal', { number: total })}</span>}
      </h2>
      <ErrorAlert problem={problem} />
      {pages && total === 0 && (
        <div className="empty-state">
          <h3>{t('home.emptyTitle')}</h3>
          <p>{t('home.emptyBody')}</p>
        </div>
      )}
      {!pages && !problem && <p className="muted">{t('home.loading')}</p>}
      {total > 0 && (
        <>
          <p id={`${id}-hint`} className="hint">
            {t('home.recentHint')}
          </p>
          <PeopleColumns />
          <div
            ref={scrollRef}
            className="recent-scroll"
            role="listbox"
            tabIndex={0}
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-hint`}
            aria-activedescendant={activeRendered ? optionId(active) : undefined}
            onKeyDown={onKeyDown}
          >
            {/* Sizes and offsets come from data attributes through CSS attr(): the CSP allows no inline styles. */}
            <div className="virtual-rows" data-size={representable(virtualizer.getTotalSize())}>
              {chunksOf(rows).map(([chunk, chunkRows]) => (
                <div key={chunk} className="virtual-chunk" data-start={chunk * CHUNK_ROWS * rowSize}>
                  {chunkRows.map((row) => {
                    const person = personAt(row.index);
                    return (
                      <div
                        key={row.key}
                        id={optionId(row.index)}
                        data-index={row.index}
                        data-start={(row.index % CHUNK_ROWS) * rowSize}
                        data-size={rowSize}
                        role="option"
                        aria-selected={row.index === active}
                        aria-setsize={total}
                        aria-posinset={row.index + 1}
                        className={`virtual-row person-row${row.index === active ? ' is-active' : ''}`}
                        onClick={() => {
                          setActive(row.index);
                          if (person) navigate({ name: 'person', id: person.id });
                        }}
                      >
                        {person ? <PersonCells person={person} /> : <span className="muted">{t('home.loadingRow')}</span>}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
