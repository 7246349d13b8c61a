import { BrowserWindow, dialog } from 'electron';
import type { FilePicker, FolderPicker } from '../app/intake-core';

/**
 * The system's folder picker, over the focused window: the backup folder, or the backup to restore
 * on the set-up screen. It fills the path box; main checks the folder when it is used (backup-calls.ts).
 */
export const electronFolderPicker: FolderPicker = async (current) => {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
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
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    properties: ['openFile'],
    ...(current ? { defaultPath: current } : {}),
  };
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? undefined : picked.filePaths[0];
};
