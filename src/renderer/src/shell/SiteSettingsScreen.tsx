import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_MINUTES_MAX, IDLE_MINUTES_MIN, type SiteSettings } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { TextField } from '../components/Fields';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

export function SiteSettingsScreen({ onSaved }: { onSaved: (settings: SiteSettings) => void }) {
  const { t } = useTranslation();
  const [idleMinutes, setIdleMinutes] = useState<string | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    request('settings.get', {}).then(
      (settings) => live && setIdleMinutes(String(settings.idleMinutes)),
      (error: unknown) => live && setLoadProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  async function save(): Promise<void> {
    setSaved(false);
    const settings = await request('settings.update', { idleMinutes: Number(idleMinutes) });
    setIdleMinutes(String(settings.idleMinutes));
    onSaved(settings);
    setSaved(true);
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <ErrorAlert problem={loadProblem} />
      {idleMinutes !== null && (
        <ActionForm onSubmit={save} submitLabel={t('settings.save')} labelledBy="settings-title">
          <TextField
            type="number"
            inputMode="numeric"
            min={IDLE_MINUTES_MIN}
            max={IDLE_MINUTES_MAX}
            step={1}
            required
            autoFocus
            className="narrow"
            label={t('settings.idleMinutes')}
            hint={t('settings.idleMinutesHint', { min: IDLE_MINUTES_MIN, max: IDLE_MINUTES_MAX })}
            value={idleMinutes}
            onChange={(value) => {
              setSaved(false);
              setIdleMinutes(value);
            }}
          />
        </ActionForm>
      )}
      <StatusMessage>{saved ? t('settings.saved') : null}</StatusMessage>
    </section>
  );
}
