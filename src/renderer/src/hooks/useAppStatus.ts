import { useCallback, useEffect, useState } from 'react';
import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../shared/contract';
import type { Language } from '../../../shared/languages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

/** Before sign-in the device's language; once someone is signed in (or locked), theirs. */
function languageFor(status: AppStatus): Language {
  return status.user?.language ?? status.deviceLanguage;
}

interface Loaded {
  status?: AppStatus;
  problem?: Problem;
}

/** Asks main for the session state and switches the language before anything renders, so it never flickers. */
async function load(i18n: i18n): Promise<Loaded> {
  try {
    const status = await request('app.status', {});
    await i18n.changeLanguage(languageFor(status));
    return { status };
  } catch (error) {
    return { problem: problemOf(error) };
  }
}

/** Main's view of the session; `refresh` after anything that changes it (sign-in, unlock, set-up). */
export function useAppStatus(): Loaded & { refresh: () => Promise<void> } {
  const { i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({});

  useEffect(() => {
    let live = true;
    void load(i18n).then((result) => live && setLoaded(result));
    return () => {
      live = false;
    };
  }, [i18n]);

  const refresh = useCallback(async () => setLoaded(await load(i18n)), [i18n]);
  return { ...loaded, refresh };
}
