import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlipFormat } from '../../../shared/slip';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { saveFile } from '../stats/download';
import { printSlip } from './print-slip';

/**
 * The registration slip the person takes away: printed, or saved as PDF through the same download
 * as the statistics exports. Main writes it (in the person's language, tier 0 only) and logs each one.
 */
export function SlipActions({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [working, setWorking] = useState<SlipFormat | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function slip(format: SlipFormat): Promise<void> {
    if (working) return;
    setWorking(format);
    setProblem(null);
    setDone(null);
    try {
      const file = await request('people.slip', { id: personId, format });
      if (format === 'pdf') {
        saveFile(file);
        setDone(t('slip.saved', { fileName: file.fileName }));
      } else {
        printSlip(file);
        setDone(t('slip.printed'));
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setWorking(null);
    }
  }

  return (
    <section className="panel slip-actions no-print" aria-labelledby={`${id}-title`} aria-busy={working !== null}>
      <h2 id={`${id}-title`}>{t('slip.actions')}</h2>
      <div className="actions">
        <button type="button" className="button button-secondary" aria-disabled={working !== null} onClick={() => void slip('html')}>
          {t('slip.print')}
        </button>
        <button type="button" className="button button-secondary" aria-disabled={working !== null} onClick={() => void slip('pdf')}>
          {t('slip.savePdf')}
        </button>
      </div>
      <ErrorAlert problem={problem} />
      <StatusMessage>{working ? t('slip.working') : done}</StatusMessage>
    </section>
  );
}
