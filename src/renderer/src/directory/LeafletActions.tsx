import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/languages';
import { SENSITIVE_SERVICES, type Service } from '../../../shared/referrals';
import { SelectField } from '../components/Fields';
import { LANGUAGE_OPTIONS, useCurrentLanguage } from '../components/LanguageSwitcher';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { printSlip } from '../record/print-slip';
import { request } from '../session';
import { saveFile } from '../stats/download';

/**
 * The leaflet of services a person takes away, in the language chosen, for the service and area
 * the directory is filtered by: printed, or saved as PDF (the registration slip's way). Main
 * writes it without a focal point, a note or anything about any person, and logs each one.
 */
export function LeafletActions({ service, area }: { service?: Service; area?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [language, setLanguage] = useState<Language>(useCurrentLanguage());
  const [working, setWorking] = useState<'html' | 'pdf' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Filtered by a sensitive service, the directory's leaflet still lists every service (main refuses the filter).
  const leafletService = service && !SENSITIVE_SERVICES.includes(service) ? service : undefined;

  async function leaflet(format: 'html' | 'pdf'): Promise<void> {
    if (working) return;
    setWorking(format);
    setProblem(null);
    setDone(null);
    try {
      const file = await request('providers.leaflet', { language, format, ...(leafletService ? { service: leafletService } : {}), ...(area ? { area } : {}) });
      if (format === 'pdf') {
        saveFile(file);
        setDone(t('referrals.leaflet.saved', { fileName: file.fileName }));
      } else {
        printSlip(file);
        setDone(t('referrals.leaflet.printed'));
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setWorking(null);
    }
  }

  return (
    <section className="panel leaflet-actions no-print" aria-labelledby={`${id}-title`} aria-busy={working !== null}>
      <h2 id={`${id}-title`}>{t('referrals.leaflet.actions')}</h2>
      <p className="hint">{t('referrals.leaflet.hint')}</p>
      {service && !leafletService && <p className="hint">{t('referrals.leaflet.notBySensitiveService')}</p>}
      <SelectField
        label={t('referrals.leaflet.language')}
        value={language}
        options={LANGUAGE_OPTIONS}
        onChange={setLanguage}
      />
      <div className="actions">
        <button type="button" className="button button-secondary" aria-disabled={working !== null} onClick={() => void leaflet('html')}>
          {t('referrals.leaflet.print')}
        </button>
        <button type="button" className="button button-secondary" aria-disabled={working !== null} onClick={() => void leaflet('pdf')}>
          {t('referrals.leaflet.savePdf')}
        </button>
      </div>
      <ErrorAlert problem={problem} />
      <StatusMessage>{working ? t('referrals.leaflet.working') : done}</StatusMessage>
    </section>
  );
}
