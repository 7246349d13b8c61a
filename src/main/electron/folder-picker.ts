import { BrowserWindow, dialog } from 'electron';
import type { FilePicker, FolderPicker } from '../app/intake-core';

/** The window a dialog opens over: the focused one, or the app's window. */
function dialogParent(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

/** The name offered for a new desk's enrolment file when no path is typed yet. */
const ENROLMENT_FILE_NAME = 'desk.enrolment';

/**
 * The system's folder picker, over the focused window: the backup folder, or the backup to restore
 * on the set-up screen. It fills the path box; main checks the folder when it is used (backup-calls.ts).
 */
export const electronFolderPicker: FolderPicker = async (current) => {
  const window = dialogParent();
  const options: Electron.OpenDialogOptions = {
    properties: ['openDirectory', 'createDirectory'],
    ...(current ? { defaultPath: current } : {}),
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? undefined : picked.filePaths[0];
};

/**
 * The system's picker of a file to open, over the focused window: the enrolment file of a desk
 * joining the site. It fills the path box; main checks the file when it is used (desk-calls.ts).
 */
export const electronFilePicker: FilePicker = async (current) => {
  const window = dialogParent();
  const options: Electron.OpenDialogOptions = {
    properties: ['openFile'],
    ...(current ? { defaultPath: current } : {}),
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? undefined : picked.filePaths[0];
};

/**
 * The system's picker of a file to write, over the focused window: where a supervisor writes a new
 * desk's enrolment file (a stick). It fills the path box; desks.enrol checks the path and never
 * writes over a file, so the picker's own "replace?" question is not the last word.
 */
export const electronSaveFilePicker: FilePicker = async (current) => {
  const window = dialogParent();
  const options: Electron.SaveDialogOptions = {
    defaultPath: current ?? ENROLMENT_FILE_NAME,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const picked = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return picked.canceled || !picked.filePath ? undefined : picked.filePath;
};
