import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATS_K_DEFAULT, type StatsExportFormat, type StatsRequestInput } from '../../../shared/stats';
import { ErrorAlert, StatusMessage, type TranslatedProblem } from '../components/Messages';
import { rpcErrorOf } from '../bridge';
import { request } from '../session';
import { saveFile } from './download';
import { statsProblemOf } from './problems';

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
  const [problem, setProblem] = useState<TranslatedProblem | null>(null);
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
      setProblem(statsProblemOf(rpcErrorOf(error), shown.k ?? STATS_K_DEFAULT));
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
