import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

/**
 * The system's folder picker (the Electron app; app.pickFolder): fills a path box, nothing more.
 * Main checks the folder when the form that holds the box uses it.
 */
export function PickFolderButton({ current, onPicked }: { current: string; onPicked: (folder: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);

  async function pick(): Promise<void> {
    setProblem(null);
    try {
      const picked = await request('app.pickFolder', current.trim() !== '' ? { current: current.trim() } : {});
      if (picked.folder !== undefined) onPicked(picked.folder);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void pick()}>
          {t('backups.chooseFolder')}
        </button>
      </div>
      <ErrorAlert problem={problem} />
    </>
  );
}
