import type { Session, WebContents, WebPreferences } from 'electron';
import type { StationMode } from '../domain/roles.ts';
import { siteOf } from './protocol.ts';

/** Electron's security checklist for every station window: sandboxed, isolated, no Node. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** A station window stays on Loket's pages: no navigation elsewhere, no pop-ups, no webviews. */
export function lockNavigation(contents: WebContents, allowedSite: string): void {
  contents.on('will-navigate', (event, url) => {
    if (siteOf(url) !== allowedSite) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (siteOf(url) !== allowedSite) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (siteOf(event.url) !== allowedSite) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Only a counter may use the camera (face photo); nothing else is ever granted. */
export function permissionsFor(mode: StationMode): ReadonlySet<string> {
  return new Set(mode === 'counter' ? ['media'] : []);
}

export function restrictPermissions(
  session: Session,
  allowed: ReadonlySet<string>,
  allowedSite: string,
): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowed.has(permission) && siteOf(contents.getURL()) === allowedSite);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowed.has(permission) && siteOf(requestingOrigin) === allowedSite;
  });
}
