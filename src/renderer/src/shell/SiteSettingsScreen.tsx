import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_MINUTES_MAX, IDLE_MINUTES_MIN, SITE_NAME_MAX, SITE_PREFIX_PATTERN, type SiteSettings } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { CheckboxField, TextField } from '../components/Fields';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useFieldErrors } from '../hooks/useFieldErrors';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { SpecificNeedsSettings } from './SpecificNeedsSettings';
import { BackupsPanel } from '../backups/BackupsPanel';
import { DesksPanel } from '../desks/DesksPanel';

interface Draft {
  idleMinutes: string;
  restrictedOnOpen: boolean;
  contentProtection: boolean;
  sitePrefix: string;
  siteName: string;
  clerksMayRefer: boolean;
}

function draftOf(settings: SiteSettings): Draft {
  return {
    idleMinutes: String(settings.idleMinutes),
    restrictedOnOpen: settings.restrictedOnOpen,
    contentProtection: settings.contentProtection,
    sitePrefix: settings.sitePrefix,
    siteName: settings.siteName,
    clerksMayRefer: settings.clerksMayRefer,
  };
}

/** Typed fields of settings.update: main's refusals of them go beside their box. */
const TYPED_SETTINGS = ['idleMinutes', 'sitePrefix', 'siteName'] as const;

export function SiteSettingsScreen({ onSaved }: { onSaved: (settings: SiteSettings) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const fieldErrors = useFieldErrors(TYPED_SETTINGS);

  useEffect(() => {
    let live = true;
    request('settings.get', {}).then(
      (settings) => live && setDraft(draftOf(settings)),
      (error: unknown) => live && setLoadProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  function change(next: Partial<Draft>): void {
    setSaved(false);
    setDraft((current) => (current ? { ...current, ...next } : current));
  }

  async function save(): Promise<void> {
    if (!draft) return;
    setSaved(false);
    const settings = await request('settings.update', {
      idleMinutes: Number(draft.idleMinutes),
      restrictedOnOpen: draft.restrictedOnOpen,
      contentProtection: draft.contentProtection,
      sitePrefix: draft.sitePrefix,
      siteName: draft.siteName,
      clerksMayRefer: draft.clerksMayRefer,
    });
    setDraft(draftOf(settings));
    onSaved(settings);
    setSaved(true);
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <ErrorAlert problem={loadProblem} />
      {draft !== null && (
        <ActionForm onSubmit={save} submitLabel={t('settings.save')} labelledBy="settings-title" fieldErrors={fieldErrors}>
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
            error={fieldErrors.messageOf('idleMinutes')}
            value={draft.idleMinutes}
            onChange={(idleMinutes) => change({ idleMinutes })}
          />
          <TextField
            required
            pattern={SITE_PREFIX_PATTERN}
            maxLength={8}
            dir="ltr"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="narrow"
            label={t('settings.sitePrefix')}
            hint={t('settings.sitePrefixHint')}
            error={fieldErrors.messageOf('sitePrefix')}
            value={draft.sitePrefix}
            onChange={(sitePrefix) => change({ sitePrefix: sitePrefix.toUpperCase() })}
          />
          <TextField
            maxLength={SITE_NAME_MAX}
            autoComplete="off"
            label={t('settings.siteName')}
            hint={t('settings.siteNameHint')}
            error={fieldErrors.messageOf('siteName')}
            value={draft.siteName}
            onChange={(siteName) => change({ siteName })}
          />
          <CheckboxField
            label={t('settings.restrictedOnOpen')}
            hint={t('settings.restrictedOnOpenHint')}
            checked={draft.restrictedOnOpen}
            onChange={(restrictedOnOpen) => change({ restrictedOnOpen })}
          />
          <CheckboxField
            label={t('settings.contentProtection')}
            hint={t('settings.contentProtectionHint')}
            checked={draft.contentProtection}
            onChange={(contentProtection) => change({ contentProtection })}
          />
          <CheckboxField
            label={t('settings.clerksMayRefer')}
            hint={t('settings.clerksMayReferHint')}
            checked={draft.clerksMayRefer}
            onChange={(clerksMayRefer) => change({ clerksMayRefer })}
          />
        </ActionForm>
      )}
      <StatusMessage>{saved ? t('settings.saved') : null}</StatusMessage>
      {draft !== null && <BackupsPanel />}
      {draft !== null && <DesksPanel />}
      {draft !== null && <SpecificNeedsSettings />}
    </section>
  );
}
