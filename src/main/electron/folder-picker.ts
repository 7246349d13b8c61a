import { BrowserWindow, dialog } from 'electron';
import type { FolderPicker } from '../app/intake-core';

/**
 * The system's folder picker for the backup folder, over the focused window: the renderer never
 * names the folder itself in the app. Main still checks what was picked (backup-calls.ts).
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
