import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsExportFormat, StatsRequestInput } from '../../../shared/stats';
import { StatusMessage } from '../components/Messages';
import { request } from '../session';
import { saveFile } from './download';
import { statsProblemOf, type StatsProblem } from './problems';
import { ErrorAlert } from '../components/Messages';

const FORMATS = [
  { format: 'csv', label: 'stats.screen.exportCsv' },
  { format: 'xlsx', label: 'stats.screen.exportXlsx' },
  { format: 'pdf', label: 'stats.screen.exportPdf' },
] as const satisfies readonly { format: StatsExportFormat; label: string }[];

/** Exports exactly the tables shown: the same request, through disclosure control again in main. */
export function ExportButtons({ shown }: { shown: StatsRequestInput }) {
  const { t } = useTranslation();
  const id = useId();
  const [working, setWorking] = useState<StatsExportFormat | null>(null);
  const [problem, setProblem] = useState<StatsProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function exportAs(format: StatsExportFormat): Promise<void> {
    if (working) return;
    setWorking(format);
    setProblem(null);
    setSaved(null);
    try {
      const file = await request('stats.export', { ...shown, format });
      saveFile(file);
      setSaved(file.fileName);
    } catch (error) {
      setProblem(statsProblemOf(error, shown.k));
    } finally {
      setWorking(null);
    }
  }

  return (
    <section className="stats-export panel" aria-labelledby={`${id}-title`} aria-busy={working !== null}>
      <h2 id={`${id}-title`}>{t('stats.screen.exportHeading')}</h2>
      <p className="hint">{t('stats.screen.exportHint')}</p>
      <div className="actions">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="button button-secondary"
            aria-disabled={working !== null}
            onClick={() => void exportAs(format)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <ErrorAlert problem={problem} />
      <StatusMessage>{working ? t('stats.screen.exporting') : saved ? t('stats.screen.exported', { fileName: saved }) : null}</StatusMessage>
    </section>
  );
}
