import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

export type PathPick = 'folder' | 'file' | 'save-file';

/** The system's picker for each kind of path, and what its button says. */
async function pickPath(picks: PathPick, input: { current?: string }): Promise<string | undefined> {
  if (picks === 'folder') return (await request('app.pickFolder', input)).folder;
  if (picks === 'file') return (await request('app.pickFile', input)).file;
  return (await request('app.pickSaveFile', input)).file;
}

const BUTTON_LABEL = { folder: 'backups.chooseFolder', file: 'join.chooseFile', 'save-file': 'desks.chooseFile' } as const;

/**
 * The system's picker (the Electron app): a folder (app.pickFolder), a file to open
 * (app.pickFile) or a file to write (app.pickSaveFile). It fills a path box, nothing more; main
 * checks the path when the form that holds the box uses it.
 */
export function PickPathButton({ picks, current, onPicked }: { picks: PathPick; current: string; onPicked: (path: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);

  async function pick(): Promise<void> {
    setProblem(null);
    const input = current.trim() !== '' ? { current: current.trim() } : {};
    try {
      const picked = await pickPath(picks, input);
      if (picked !== undefined) onPicked(picked);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void pick()}>
          {t(BUTTON_LABEL[picks])}
        </button>
      </div>
      <ErrorAlert problem={problem} />
    </>
  );
}
