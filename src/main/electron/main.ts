import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, powerMonitor } from 'electron';
import { IPC_CHANNEL } from '../../shared/ipc';
import { Dispatcher } from '../app/dispatch';
import { IntakeCore } from '../app/intake-core';
import { dataDirFlag, resolveDataDir } from '../data-dir';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { applicationMenu, isDevMode } from './dev-mode';
import { hardenSessions, isTrustedSender } from './hardening';
import { electronPdf } from './print-pdf';
import { electronFilePicker, electronFolderPicker, electronSaveFilePicker } from './folder-picker';
import { runAsSingleInstance } from './single-instance';

/**
 * The Electron shell: window, lifecycle and the IPC binding, nothing else. Everything that
 * touches data is in the core, which never imports electron.
 */
const APP_TITLE = 'Reception Intake';

runAsSingleInstance(app, startPrimaryInstance);

function startPrimaryInstance(): void {
  app.enableSandbox();
  registerAppScheme();
  const devMode = isDevMode(process.argv, app.isPackaged);
  const core = new IntakeCore({
    dataDir: resolveDataDir(dataDirFlag(process.argv)),
    renderPdf: electronPdf,
    chooseFolder: electronFolderPicker,
    chooseFile: electronFilePicker,
    chooseSaveFile: electronSaveFilePicker,
  });
  const dispatcher = new Dispatcher(core, 'ui');
  let mainWindow: BrowserWindow | null = null;

  void app.whenReady().then(() => {
    hardenSessions();
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const menu = applicationMenu(devMode, process.platform);
    if (menu !== 'default') Menu.setApplicationMenu(menu === null ? null : Menu.buildFromTemplate(menu));

    ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return { ok: false, error: { code: 'forbidden' } };
      return dispatcher.dispatch(method, input);
    });

    core.onSettings((settings) => {
      for (const window of BrowserWindow.getAllWindows()) window.setContentProtection(settings.contentProtection);
    });
    core.onLock((reason) => {
      if (reason === 'idle') reloadWindows();
    });
    const lockNow = (): void => {
      if (core.stateName === 'signed-in') {
        core.lock('user');
        reloadWindows();
      }
    };
    powerMonitor.on('lock-screen', lockNow);
    powerMonitor.on('suspend', lockNow);

    mainWindow = createWindow(devMode);
    app.on('second-instance', () => {
      if (mainWindow?.isMinimized()) mainWindow.restore();
      mainWindow?.focus();
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(devMode);
    });
  });

  app.on('window-all-closed', () => {
    core.close();
    app.quit();
  });

  app.on('before-quit', () => core.close());
}

function createWindow(devMode: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    title: APP_TITLE,
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: devMode,
    },
  });
  // Keep records out of screenshots and screen sharing where the OS supports it.
  window.setContentProtection(true);
  // The title never carries a name from the page.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Reloading drops every record the renderer held; used after any lock. */
function reloadWindows(): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.reload();
}
