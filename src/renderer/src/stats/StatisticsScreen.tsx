import '../styles/stats.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsReport, StatsRequestInput } from '../../../shared/stats';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { StatusMessage } from '../components/Messages';
import { request } from '../session';
import { ExportButtons } from './ExportButtons';
import { periodText } from '../../../shared/stats-text';
import { RulesSummary } from './RulesSummary';
import { StatsRequestForm } from './StatsRequestForm';
import { StatsTable } from './StatsTable';

interface Shown {
  request: StatsRequestInput;
  report: StatsReport;
  /** Counts the reports shown, so a new one starts with a fresh export panel. */
  serial: number;
}

/** Left-to-right isolation for a code inside a sentence of any direction (2026-W40 – 2026-W47). */
const isolated = (text: string): string => `\u2066${text}\u2069`;

/**
 * Supervisors only (main refuses everyone else): anonymised statistics for a period, after
 * disclosure control in main, shown as tables with bars and exported as CSV, Excel or PDF.
 */
export function StatisticsScreen() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const id = useId();
  const [shown, setShown] = useState<Shown | null>(null);

  async function show(input: StatsRequestInput): Promise<void> {
    const report = await request('stats.compute', input);
    setShown((previous) => ({ request: input, report, serial: (previous?.serial ?? 0) + 1 }));
  }

  return (
    <section className="stats-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('stats.title')}</h1>
      <p className="lead">{t('stats.screen.intro')}</p>
      <StatsRequestForm onSubmit={show} />
      <StatusMessage>{shown ? t('stats.screen.shown', { period: isolated(periodText(shown.report.rules)) }) : null}</StatusMessage>
      {shown && (
        <>
          <RulesSummary rules={shown.report.rules} titleId={`${id}-rules`} />
          <ExportButtons key={shown.serial} shown={shown.request} />
          <section className="stats-tables" aria-labelledby={`${id}-tables`}>
            <h2 id={`${id}-tables`}>{t('stats.screen.tablesHeading')}</h2>
            {shown.report.rules.withheld && <p className="stats-withheld panel">{t(`stats.withheld.${shown.report.rules.withheld}`)}</p>}
            {shown.report.tables.map((table) => (
              <StatsTable key={table.id} table={table} language={language} kSensitive={shown.report.rules.kSensitive} />
            ))}
          </section>
        </>
      )}
    </section>
  );
}
