import { app, BrowserWindow, Menu, powerSaveBlocker, session } from 'electron';
import path from 'node:path';
import { startHub, type Hub } from '../hub/server.ts';
import { clockFromEnvironment } from '../station/clock.ts';
import { stationModes, type StationMode } from '../store/stations.ts';
import { lockDown, publicModes, windowOptionsFor } from './lockdown.ts';
import { lockNavigation, restrictPermissions } from './security.ts';

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
  const window = new BrowserWindow(windowOptionsFor(mode, path.join(import.meta.dirname, 'preload.cjs')));
  lockNavigation(window.webContents, origin);
  if (publicModes.has(mode)) {
    Menu.setApplicationMenu(null);
    const release = lockDown(window.webContents, {
      keepAwake: () => {
        const id = powerSaveBlocker.start('prevent-display-sleep');
        return () => powerSaveBlocker.stop(id);
      },
      log: (line) => console.error(`loket: ${line}`),
    });
    app.on('before-quit', release);
  }
  window.once('ready-to-show', () => window.show());
  await window.loadURL(publicModes.has(mode) ? `${hub.url}/${mode}` : `${hub.url}/`);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void hub.close();
  });
}
