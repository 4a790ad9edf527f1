import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { StationUpdates, mayInstall } from '../../src-main/electron/updates.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import {
  pauseChannel,
  publishRelease,
  rollbackChannel,
  setPilot,
  stageChannel,
} from '../../src-main/services/updates.ts';
import { hubClient } from '../../src-main/station/hubClient.ts';
import { at } from '../support/floor.ts';
import { until } from '../support/station.ts';
import { fakeInstallerBytes, fakeLinuxRelease } from '../support/updates.ts';

/**
 * electron-updater itself (its generic provider, its download and sha512 check) driven against a
 * hub serving the channel over HTTPS with its certificate pinned. Electron is stood in for only
 * where it alone can answer: the app's version and folders, and quitting to install.
 */
let dir: string;
let hub: Hub;
let hubDir: string;
let ctx: ServiceContext;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-station-updates-'));
  // The AppImage this "installed" station runs from: electron-updater reads it for differential downloads.
  process.env.APPIMAGE = path.join(dir, 'Loket-1.0.0.AppImage');
  fs.writeFileSync(process.env.APPIMAGE, fakeInstallerBytes('1.0.0'));
});
afterAll(() => {
  delete process.env.APPIMAGE;
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  hubDir = fs.mkdtempSync(path.join(dir, 'hub-'));
  const clock = new ManualClock(at('2026-11-30', '09:15'));
  hub = await startHub({ dataDir: hubDir, clock, port: 0, tls: true, anchors: false });
  ctx = { store: hub.store, clock };
});
afterEach(async () => {
  await hub.close();
});

function publish(version: string, stagingPercent: number, rollback = false) {
  return publishRelease(ctx, commandLine, {
    source: fakeLinuxRelease(dir, version),
    dataDir: hubDir,
    channel: 'stable',
    stagingPercent,
    rollback,
  });
}

function pair(name: string) {
  const { station, token } = addStation(ctx, commandLine, { mode: 'kiosk', name });
  return { id: station.id, token };
}

/** What Electron alone would answer for an installed app: its version, its folders, quitting. */
function installedApp(version: string, stagingId: string = randomUUID()): AppAdapter {
  const home = fs.mkdtempSync(path.join(dir, 'station-'));
  const userData = path.join(home, 'userData');
  fs.mkdirSync(userData);
  // electron-updater keeps the staging id it sends (x-user-staging-id) here.
  fs.writeFileSync(path.join(userData, '.updaterId'), stagingId);
  // electron-builder writes this beside app.asar; the updater reads its cache folder's name from it.
  const config = path.join(home, 'app-update.yml');
  fs.writeFileSync(
    config,
    'provider: generic\nurl: https://127.0.0.1/updates/stable\nupdaterCacheDirName: loket-updater\n',
  );
  return {
    version,
    name: 'Loket',
    isPackaged: true,
    appUpdateConfigPath: config,
    userDataPath: userData,
    baseCachePath: path.join(home, 'cache'),
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
    relaunch: () => undefined,
    onQuit: () => undefined,
  };
}

interface Station {
  updates: StationUpdates;
  installs: number;
  reports: { state: string; target?: string; error?: string }[];
}

function station(token: string, app: AppAdapter, safe: () => boolean = () => true): Station {
  const client = hubClient(`https://127.0.0.1:${hub.port}`, token, {
    pin: { fingerprint: hub.fingerprint! },
  });
  const made: Station = {
    installs: 0,
    reports: [],
    updates: new StationUpdates({
      hubUrl: client.url,
      channel: 'stable',
      token,
      pin: { fingerprint: hub.fingerprint! },
      platform: 'linux',
      app,
      report: async (report) => {
        made.reports.push(report);
        return client.call('reportUpdate', report);
      },
      safeToInstall: safe,
      install: () => {
        made.installs += 1;
      },
      log: () => undefined,
    }),
  };
  return made;
}

describe('a station updating itself from its hub', () => {
  it('finds a newer version, downloads it checking its sha512, and tells the hub', async () => {
    publish('1.1.0', 100);
    const kiosk = pair('Kios 1');
    const app = installedApp('1.0.0');
    const { updates, reports } = station(kiosk.token, app);
    expect(await updates.check()).toBe('downloaded');
    // The download is the published installer, byte for byte.
    const pending = path.join(app.baseCachePath, 'loket-updater', 'pending');
    const file = fs.readdirSync(pending).find((f) => f.endsWith('.AppImage'));
    expect(file).toBeDefined();
    expect(fs.readFileSync(path.join(pending, file as string)).equals(fakeInstallerBytes('1.1.0'))).toBe(
      true,
    );
    await until(
      'the hub to hear “downloaded”',
      () => hub.store.updates.report(kiosk.id)?.state === 'downloaded',
    );
    expect(reports.map((r) => r.state)).toContain('available');
    expect(hub.store.updates.report(kiosk.id)).toMatchObject({ state: 'downloaded', version: '1.0.0' });
  });

  it('refuses an installer whose sha512 does not match the channel file, and reports it', async () => {
    publish('1.1.0', 100);
    const installer = path.join(hubDir, 'updates', 'stable', '1.1.0', 'Loket-1.1.0.AppImage');
    const bytes = fs.readFileSync(installer);
    bytes[100] = (bytes[100] as number) ^ 0xff; // one byte changed on the hub's disk
    fs.writeFileSync(installer, bytes);
    const kiosk = pair('Kios 1');
    const { updates } = station(kiosk.token, installedApp('1.0.0'));
    expect(await updates.check()).toBe('failed');
    await until('the hub to hear “failed”', () => hub.store.updates.report(kiosk.id)?.state === 'failed');
    expect(hub.store.updates.report(kiosk.id)?.error).toMatch(/sha512/i);
  });

  it('gets a 20% stage on the same stations at every check, a pilot first, and nothing while paused', async () => {
    publish('1.0.0', 100);
    publish('1.1.0', 20);
    const kiosk = pair('Kios 1');
    const ids = Array.from(
      { length: 50 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const offeredTo = async () => {
      const inside = new Set<string>();
      for (const id of ids) {
        const { updates } = station(kiosk.token, installedApp('1.0.0', id));
        updates.updater.autoDownload = false;
        const result = await updates.updater.checkForUpdates();
        if (result?.isUpdateAvailable) inside.add(id);
      }
      return inside;
    };
    const first = await offeredTo();
    expect(first.size).toBeGreaterThan(2);
    expect(first.size).toBeLessThan(20);
    expect([...(await offeredTo())]).toEqual([...first]);

    // A pilot station gets it at 1%, whatever its staging id.
    stageChannel(ctx, commandLine, 'stable', 1);
    const pilot = pair('Loket 3 (pilot)');
    setPilot(ctx, commandLine, 'stable', pilot.id, true);
    const outside = ids.find((id) => !first.has(id)) as string;
    const piloted = station(pilot.token, installedApp('1.0.0', outside));
    piloted.updates.updater.autoDownload = false;
    expect((await piloted.updates.updater.checkForUpdates())?.isUpdateAvailable).toBe(true);

    pauseChannel(ctx, commandLine, 'stable', true);
    const paused = station(pilot.token, installedApp('1.0.0', outside));
    expect(await paused.updates.check()).toBe('up-to-date');
  });

  it('installs only when it is safe, once', async () => {
    publish('1.1.0', 100);
    const kiosk = pair('Kios 1');
    let citizenAtKiosk = true;
    const made = station(kiosk.token, installedApp('1.0.0'), () => !citizenAtKiosk);
    expect(await made.updates.check()).toBe('downloaded');
    expect(await made.updates.installIfSafe()).toBe(false);
    expect(made.installs).toBe(0);
    citizenAtKiosk = false;
    expect(await made.updates.installIfSafe()).toBe(true);
    expect(made.installs).toBe(1);
    await until(
      'the hub to hear “installed”',
      () => hub.store.updates.report(kiosk.id)?.state === 'installed',
    );
  });

  it('refuses a downgrade, and takes the older version when the hub marks a rollback', async () => {
    publish('1.1.0', 100);
    const kiosk = pair('Kios 1');
    // This station already runs 1.2.0 (a pilot build): 1.1.0 is older and not a rollback.
    const ahead = station(kiosk.token, installedApp('1.2.0'));
    expect(await ahead.updates.check()).toBe('up-to-date');
    expect(ahead.updates.updater.allowDowngrade).toBe(false);

    publish('1.2.0', 100);
    rollbackChannel(ctx, commandLine, 'stable', '1.1.0');
    const rolledBack = station(kiosk.token, installedApp('1.2.0'));
    expect(await rolledBack.updates.check()).toBe('downloaded');
    expect(rolledBack.reports.find((r) => r.state === 'downloaded')?.target).toBe('1.1.0');
  });
});

describe('when installing interrupts no one', () => {
  const now = at('2026-11-30', '10:00');
  const base = { now, lastActivityAt: null, officerSignedIn: false, printing: false, open: true };
  it('waits for a kiosk’s citizen to finish, an officer to sign out, a print to end', () => {
    expect(mayInstall({ ...base, mode: 'kiosk', lastActivityAt: now - 30_000 })).toBe(false);
    expect(mayInstall({ ...base, mode: 'kiosk', lastActivityAt: now - 5 * 60_000 })).toBe(true);
    expect(mayInstall({ ...base, mode: 'kiosk', lastActivityAt: now - 30_000, open: false })).toBe(true);
    expect(mayInstall({ ...base, mode: 'counter', officerSignedIn: true })).toBe(false);
    expect(mayInstall({ ...base, mode: 'counter' })).toBe(true);
    expect(mayInstall({ ...base, mode: 'print', printing: true })).toBe(false);
    expect(mayInstall({ ...base, mode: 'print' })).toBe(true);
    expect(mayInstall({ ...base, mode: 'display', lastActivityAt: now })).toBe(true);
  });
});
