import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

/**
 * The system's picker of a file to open (the Electron app; app.pickFile): fills a path box,
 * nothing more. Main checks the file when the form that holds the box uses it.
 */
export function PickFileButton({ current, onPicked }: { current: string; onPicked: (file: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);

  async function pick(): Promise<void> {
    setProblem(null);
    try {
      const picked = await request('app.pickFile', current.trim() !== '' ? { current: current.trim() } : {});
      if (picked.file !== undefined) onPicked(picked.file);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void pick()}>
          {t('join.chooseFile')}
        </button>
      </div>
      <ErrorAlert problem={problem} />
    </>
  );
}
