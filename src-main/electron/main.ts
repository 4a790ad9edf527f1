import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { startHub, type Hub } from '../hub/server.ts';
import { clockFromEnvironment } from '../station/clock.ts';
import { stationModes, type StationMode } from '../store/stations.ts';
import { lockNavigation, restrictPermissions, secureWebPreferences } from './security.ts';

/**
 * The desktop app: one program that starts in its station's mode. On a single PC the floor hub runs
 * inside it (zero configuration); the window shows the hub's pages for that mode.
 */
export function stationModeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): StationMode {
  const flag = argv.find((arg) => arg.startsWith('--mode='))?.slice('--mode='.length) ?? env.LOKET_MODE;
  return flag && (stationModes as readonly string[]).includes(flag) ? (flag as StationMode) : 'supervisor';
}

export async function launch(): Promise<void> {
  app.enableSandbox();
  await app.whenReady();
  const mode = stationModeFrom(process.argv, process.env);
  const dataDir = process.env.LOKET_DATA ?? path.join(app.getPath('userData'), 'floor');
  const hub: Hub = await startHub({ dataDir, clock: clockFromEnvironment(), port: 0, host: '127.0.0.1' });
  const origin = new URL(hub.url).origin;

  restrictPermissions(session.defaultSession, mode, origin);
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk: mode === 'kiosk' || mode === 'display',
    autoHideMenuBar: true,
    backgroundColor: '#0b1f3a',
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, 'preload.cjs')),
  });
  lockNavigation(window.webContents, origin);
  await window.loadURL(`${hub.url}/`);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void hub.close();
  });
}
