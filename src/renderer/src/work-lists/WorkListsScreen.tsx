import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OverdueReferrals } from '../referrals/OverdueReferrals';
import { readableTiers } from '../../../shared/catalogue';
import type { Role } from '../../../shared/roles';
import {
  DEFAULT_WORK_LIST_SORT,
  sortWorkListRows,
  WORK_LIST_SORT_KEYS,
  workListSchema,
  workListTier,
  type WorkList,
  type WorkListColumn,
  type WorkListResult,
  type WorkListRow,
  type WorkListSort,
  type WorkListSortKey,
} from '../../../shared/work-lists';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { CHUNK_ROWS, chunksOf, representable, rowPixels } from '../components/virtual-rows';
import { useCatalogueText } from '../people/catalogue-text';
import { AgeText, PersonName, RegistrationNumber, useDateFormat } from '../people/format';
import { useSpecificNeeds } from '../people/specific-needs';
import { RecordFilter } from '../people/RecordFilter';
import { StatusBadge } from '../people/StatusBadge';
import type { RecordListFilter } from '../../../shared/record-status';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { useNavigate } from '../shell/navigation';
import { useViewMode } from '../shell/view-mode';
import { saveFile } from '../stats/download';

const ROW_REM = 3;
/** The lists that are not a specific need, in the order the picker offers them. */
const GENERAL_LISTS: readonly WorkList[] = [
  { kind: 'arrived-this-week' },
  { kind: 'unaccompanied-children' },
  { kind: 'document-mismatch' },
  { kind: 'no-family-unit' },
];
/** The columns on screen, the name first; main decides which of them a list carries. */
const SHOWN_ORDER: readonly WorkListColumn[] = ['chosenName', 'registrationNumber', 'registeredAt', 'arrivalDate', 'age'];

/** A list as the picker's value: its kind, or `specific-need:` and the need's code. */
function valueOf(list: WorkList): string {
  return list.kind === 'specific-need' ? `${list.kind}:${list.need}` : list.kind;
}

/** The list a picker value names (valueOf, read back). */
function listOf(value: string): WorkList | undefined {
  const [kind, need] = value.split(':');
  const parsed = workListSchema.safeParse(need === undefined ? { kind } : { kind, need });
  return parsed.success ? parsed.data : undefined;
}

function isSortKey(column: WorkListColumn): column is WorkListSortKey {
  return (WORK_LIST_SORT_KEYS as readonly string[]).includes(column);
}

/**
 * Work lists (issue 15): a list picked by its criterion, sortable by name, number and registration
 * date, virtualised, each row opening the record. The picker offers only lists whose criterion
 * this role reads in the view mode in use (main refuses the others), and the CSV holds the
 * columns main sent: nothing the role may not read.
 */
export function WorkListsScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const language = useCurrentLanguage();
  const dates = useDateFormat();
  const text = useCatalogueText();
  const { mode } = useViewMode();
  const { entries } = useSpecificNeeds();
  const tiers = readableTiers(role, mode);
  const offered = (list: WorkList): boolean => {
    const tier = workListTier(list, entries);
    return tier !== undefined && tiers.includes(tier);
  };
  const general = GENERAL_LISTS.filter(offered);
  const needs = entries.map((entry): WorkList => ({ kind: 'specific-need', need: entry.code })).filter(offered);
  const lists = [...general, ...needs];

  const [picked, setPicked] = useState(valueOf(GENERAL_LISTS[0]!));
  // The restricted screen may take the picked list away: then the first list it offers is shown.
  const chosen = lists.some((candidate) => valueOf(candidate) === picked) ? picked : valueOf(lists[0] ?? GENERAL_LISTS[0]!);
  const list = lists.find((candidate) => valueOf(candidate) === chosen);
  const [result, setResult] = useState<WorkListResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sort, setSort] = useState<WorkListSort>(DEFAULT_WORK_LIST_SORT);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<number | null>(null);
  const [show, setShow] = useState<RecordListFilter>('active');

  const labelOf = (shown: WorkList): string =>
    shown.kind === 'specific-need' ? text.choiceLabel('specificNeeds', shown.need) : t(`workLists.lists.${shown.kind}`);

  // Asked again when the view mode changes: nothing read under the other mode is kept on screen.
  useEffect(() => {
    const asked = listOf(chosen);
    if (!asked) return;
    let live = true;
    request('workLists.get', { list: asked, show }).then(
      (loaded) => live && setResult(loaded),
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
      setResult(null);
      setProblem(null);
    };
  }, [chosen, mode, show]);

  function choose(value: string): void {
    setPicked(value);
    setResult(null);
    setProblem(null);
    setExported(null);
  }

  const rows = useMemo(() => (result ? sortWorkListRows(result.rows, sort, language) : []), [result, sort, language]);
  const columns = result ? SHOWN_ORDER.filter((column) => result.columns.includes(column)) : [];

  function sortBy(column: WorkListSortKey): void {
    setSort((current) =>
      current.by === column
        ? { by: column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { by: column, direction: column === 'registeredAt' ? 'descending' : 'ascending' },
    );
  }

  async function exportCsv(): Promise<void> {
    if (!list) return;
    setExporting(true);
    setExported(null);
    setProblem(null);
    try {
      const file = await request('workLists.exportCsv', { list, sort, show });
      saveFile(file);
      setExported(file.rows);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="work-lists" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('workLists.title')}</h1>
      <p className="intro">{t('workLists.intro')}</p>
      <div className="work-lists-controls">
        <div className="field">
          <label htmlFor={`${id}-list`}>{t('workLists.picker')}</label>
          <select id={`${id}-list`} value={chosen} onChange={(event) => choose(event.target.value)}>
            <optgroup label={t('workLists.otherGroup')}>
              {general.map((shown) => (
                <option key={valueOf(shown)} value={valueOf(shown)}>
                  {labelOf(shown)}
                </option>
              ))}
            </optgroup>
            {needs.length > 0 && (
              <optgroup label={t('workLists.needGroup')}>
                {needs.map((shown) => (
                  <option key={valueOf(shown)} value={valueOf(shown)}>
                    {labelOf(shown)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <RecordFilter
          value={show}
          onChange={(value) => {
            setShow(value);
            setExported(null);
          }}
        />
        <div className="work-lists-export">
          <button type="button" className="button" disabled={!result || exporting} onClick={() => void exportCsv()}>
            {t('workLists.export')}
          </button>
          <p className="hint">{t('workLists.exportHint')}</p>
        </div>
      </div>
      {mode === 'restricted' && <p className="hint">{t('workLists.restrictedHint')}</p>}
      <StatusMessage>{exporting ? t('workLists.exporting') : exported !== null ? t('workLists.exported', { number: exported }) : null}</StatusMessage>
      <ErrorAlert problem={problem} />
      {!result && !problem && <p className="muted">{t('workLists.loading')}</p>}
      {result && list && (
        <>
          <h2 id={`${id}-list-title`}>
            {labelOf(list)} <span className="muted count">{t('workLists.count', { number: rows.length })}</span>
          </h2>
          {rows.length === 0 ? (
            <p className="empty-state">{t('workLists.empty')}</p>
          ) : (
            <WorkListTable
              titleId={`${id}-list-title`}
              hintId={`${id}-hint`}
              columns={columns}
              rows={rows}
              sort={sort}
              onSort={sortBy}
              onOpen={(row) => navigate({ name: 'person', id: row.id })}
              cellOf={(row, column) => {
                switch (column) {
                  case 'chosenName':
                    return (
                      <>
                        <button type="button" className="link-button" onClick={() => navigate({ name: 'person', id: row.id })}>
                          <PersonName name={row.chosenName} />
                        </button>
                        <StatusBadge status={row.status} />
                      </>
                    );
                  case 'registrationNumber':
                    return <RegistrationNumber value={row.registrationNumber} />;
                  case 'registeredAt':
                    return dates.dayOf(row.registeredAt);
                  case 'arrivalDate':
                    return row.arrivalDate ? dates.day(row.arrivalDate) : '';
                  case 'age':
                    return <AgeText age={row.age} />;
                }
              }}
            />
          )}
          <p id={`${id}-hint`} className="hint">
            {t('workLists.hint')}
          </p>
        </>
      )}
      <OverdueReferrals />
    </section>
  );
}

interface TableProps {
  titleId: string;
  hintId: string;
  columns: readonly WorkListColumn[];
  rows: readonly WorkListRow[];
  sort: WorkListSort;
  onSort: (column: WorkListSortKey) => void;
  onOpen: (row: WorkListRow) => void;
  cellOf: (row: WorkListRow, column: WorkListColumn) => ReactNode;
}

/** An ARIA table whose body is virtualised: only the rows near the view are in the page. */
function WorkListTable({ titleId, hintId, columns, rows, sort, onSort, onOpen, cellOf }: TableProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [rowSize] = useState(() => rowPixels(ROW_REM));
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component does not rely on memoisation.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowSize, overscan: 10 });
  const shown = virtualizer.getVirtualItems();
  const layout = `work-list-table columns-${columns.length}`;

  return (
    <div role="table" className={layout} aria-labelledby={titleId} aria-describedby={hintId} aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="work-list-row work-list-head">
          {columns.map((column) => {
            const label = t(`workLists.columns.${column}`);
            if (!isSortKey(column)) {
              return (
                <span key={column} role="columnheader">
                  {label}
                </span>
              );
            }
            const sorted = sort.by === column;
            return (
              <span key={column} role="columnheader" aria-sort={sorted ? sort.direction : 'none'}>
                <button type="button" className="sort-button" onClick={() => onSort(column)}>
                  {label}
                  <span aria-hidden="true" className="sort-mark">
                    {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </span>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="work-list-scroll">
        {/* Sizes and offsets come from data attributes through CSS attr(): the CSP allows no inline styles. */}
        <div className="virtual-rows" data-size={representable(virtualizer.getTotalSize())}>
          {chunksOf(shown).map(([chunk, chunkRows]) => (
            <div key={chunk} className="virtual-chunk" data-start={chunk * CHUNK_ROWS * rowSize}>
              {chunkRows.map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                return (
                  <div
                    key={row.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-index={item.index}
                    data-start={(item.index % CHUNK_ROWS) * rowSize}
                    data-size={rowSize}
                    className="virtual-row work-list-row"
                    onClick={(event) => {
                      // The name's button opens it already; a click elsewhere on the row does too.
                      if (!(event.target instanceof Element && event.target.closest('button'))) onOpen(row);
                    }}
                  >
                    {columns.map((column) => (
                      <span key={column} role="cell" className={`work-list-cell-${column}`}>
                        {cellOf(row, column)}
                      </span>
                    ))}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
