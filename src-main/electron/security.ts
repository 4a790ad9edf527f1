import type { Session, WebContents, WebPreferences } from 'electron';
import type { StationMode } from '../store/stations.ts';

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

/** A station window stays on the hub's pages: no navigation elsewhere, no pop-ups, no webviews. */
export function lockNavigation(contents: WebContents, allowedOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (originOf(url) !== allowedOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (originOf(url) !== allowedOrigin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Only a counter may use the camera (face photo); nothing else is ever granted. */
export function permissionsFor(mode: StationMode): ReadonlySet<string> {
  return new Set(mode === 'counter' ? ['media'] : []);
}

export function restrictPermissions(session: Session, mode: StationMode, allowedOrigin: string): void {
  const allowed = permissionsFor(mode);
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowed.has(permission) && originOf(contents.getURL()) === allowedOrigin);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowed.has(permission) && originOf(requestingOrigin) === allowedOrigin;
  });
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
