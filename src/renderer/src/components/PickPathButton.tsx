import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

/**
 * The system's picker (the Electron app): a folder (app.pickFolder) or a file to open
 * (app.pickFile). It fills a path box, nothing more; main checks the path when the form that
 * holds the box uses it.
 */
export function PickPathButton({ picks, current, onPicked }: { picks: 'folder' | 'file'; current: string; onPicked: (path: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);

  async function pick(): Promise<void> {
    setProblem(null);
    const input = current.trim() !== '' ? { current: current.trim() } : {};
    try {
      const picked = picks === 'folder' ? (await request('app.pickFolder', input)).folder : (await request('app.pickFile', input)).file;
      if (picked !== undefined) onPicked(picked);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void pick()}>
          {picks === 'folder' ? t('backups.chooseFolder') : t('join.chooseFile')}
        </button>
      </div>
      <ErrorAlert problem={problem} />
    </>
  );
}
