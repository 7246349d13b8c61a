import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** Deny by default: no permissions, no navigation, no new windows, no webviews (checklist items 5, 11-14). */
export function hardenSessions(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  defaultSession.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    // Only our own files: nothing leaves the machine (devtools' own scheme aside).
    // blob: URLs of our own origin are the exports a supervisor saves (statistics, audit CSV).
    const allowed =
      details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith(`blob:${APP_ORIGIN}/`) || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    // The hidden report window loads its data: page itself; nothing may navigate anywhere else.
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Main only answers calls from our own page in a top-level frame (checklist item 17). */
export function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}
