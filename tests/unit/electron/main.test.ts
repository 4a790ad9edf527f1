import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleDay } from '../../../src-main/domain/sampleDay.ts';
import { trainingOffice } from '../../../src-main/services/training.ts';
import { databaseFileName, openDatabase } from '../../../src-main/store/db.ts';
import { Store } from '../../../src-main/store/store.ts';
import { issuePairingCode } from '../../../src-main/services/stations.ts';
import { commandLine } from '../../../src-main/services/context.ts';
import { startTestHub, type TestHub } from '../../support/hub.ts';
import { importAppointments } from '../../../src-main/services/importAppointments.ts';
import { appointmentCsv, sampleAppointment } from '../../support/bookings.ts';
import { serialPrinterOnPty } from '../../support/ptyPrinter.ts';
import { ptyPair } from '../../support/socat.ts';

vi.mock('electron', async () => (await import('../../support/electronMock.ts')).fakeElectron.module);
const { fakeElectron: electron } = await import('../../support/electronMock.ts');

const { launch } = await import('../../../src-main/electron/main.ts');

const homes: string[] = [];
const shells: NonNullable<Awaited<ReturnType<typeof launch>>>[] = [];
afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.stop();
  electron.appHandlers['before-quit']?.splice(0);
});
afterAll(() => {
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

function newHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-desktop-'));
  homes.push(home);
  return home;
}

/** Starts the desktop app with its user data in `home`, as `npm start [-- ARGS]` would. */
async function start(home: string, args: string[] = []) {
  process.env.LOKET_HOME = home;
  process.env.LOKET_NOW = '2026-11-30T09:15:00+08:00';
  try {
    const shell = await launch(['electron', '.', ...args]);
    if (!shell) throw new Error('Loket already runs: this start handed over to it');
    shells.push(shell);
    return shell;
  } finally {
    delete process.env.LOKET_HOME;
    delete process.env.LOKET_NOW;
  }
}

const lastWindow = () => electron.windows.at(-1);

/** An IPC message as Electron delivers it: from a window's top frame showing some address. */
function from(window: any, url = window.loaded, parent: unknown = null) {
  return { sender: window.webContents, senderFrame: { url, parent } };
}
const invoke = (channel: string, event: unknown, ...args: unknown[]) =>
  electron.ipcHandlers[channel]?.(event, ...args);

async function until(check: () => boolean, seconds = 2): Promise<void> {
  for (let i = 0; i < seconds * 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

const kioskSetup = {
  role: 'hub',
  mode: 'kiosk',
  name: 'Kios pintu utama',
  lan: false,
  ticketPrinter: { transport: 'tcp', host: '127.0.0.1', port: 9100 },
  pin: '246810',
};

describe('the desktop app on its first start', () => {
  it('registers loket:// as a secure scheme before it is ready and opens the set-up screen from it', async () => {
    await start(newHome());
    expect(electron.privileged).toContainEqual(
      expect.objectContaining({ scheme: 'loket', privileges: expect.objectContaining({ secure: true }) }),
    );
    const window = lastWindow();
    expect(window.loaded).toBe('loket://app/setup');
    // An ordinary window for the IT person, but with the whole security checklist.
    expect(window.options.kiosk).toBeUndefined();
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(electron.module.app.sandboxed).toBe(true);

    // The protocol serves the page with its CSP as a header.
    const page: Response = await electron.protocolHandlers.loket?.({ url: 'loket://app/setup' });
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const escape: Response = await electron.protocolHandlers.loket?.({ url: 'loket://app/../package.json' });
    expect(escape.status).toBe(404);

    // The set-up screen asks for nothing: no camera, no microphone, no location.
    const ask = (permission: string) =>
      new Promise<boolean>((resolve) =>
        electron.session.permissionRequest?.({ getURL: () => 'loket://app/setup' }, permission, resolve),
      );
    expect(await ask('media')).toBe(false);
  });

  it('refuses a set-up with missing or bad fields, and says which', async () => {
    const home = newHome();
    await start(home);
    const window = lastWindow();
    const result = await invoke('loket:setup', from(window), { ...kioskSetup, pin: '12', name: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', status: 400 } });
    expect(result.error.details.issues.map((i: any) => i.path)).toEqual(
      expect.arrayContaining(['pin', 'name']),
    );
    expect(fs.existsSync(path.join(home, 'station.json'))).toBe(false);
    expect(lastWindow()).toBe(window);
  });

  it('makes this PC the hub and a kiosk: the kiosk window opens locked, and its calls reach the hub', async () => {
    const home = newHome();
    await start(home);
    const setupWindow = lastWindow();
    const answer = await invoke('loket:setup', from(setupWindow), kioskSetup);
    expect(answer).toEqual({ ok: true, value: { mode: 'kiosk', name: 'Kios pintu utama' } });
    await until(() => lastWindow().loaded === 'loket://app/kiosk');
    expect(setupWindow.destroyed).toBe(true);

    // The configuration is this user's only, and holds the PIN hashed, never as typed.
    const file = path.join(home, 'station.json');
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const saved = fs.readFileSync(file, 'utf8');
    expect(saved).not.toContain('246810');
    expect(JSON.parse(saved)).toMatchObject({
      mode: 'kiosk',
      hub: { role: 'local', listen: { host: '127.0.0.1' } },
      devices: { ticketPrinter: { host: '127.0.0.1', port: 9100 } },
    });

    const kiosk = lastWindow();
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true, closable: false });
    expect(kiosk.options.webPreferences.devTools).toBe(false);
    expect(electron.menu.cleared).toBe(true);
    expect(electron.wakeLocks.size).toBe(1);

    // Operations go through the bridge to the hub running in this process.
    const me = await invoke('loket:call', from(kiosk), 'whoAmI', {});
    expect(me).toMatchObject({ ok: true, value: { mode: 'kiosk', name: 'Kios pintu utama' } });
    const garbage = await invoke('loket:call', from(kiosk), 'checkIn', { text: 'hello' });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'INVALID_SCAN' } });
    expect(garbage.error.message.id).toBeTruthy();

    // A second set-up is refused: the station is what it is until IT resets it.
    const again = await invoke('loket:setup', from(kiosk), { ...kioskSetup, mode: 'supervisor' });
    expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('opens a satisfaction-survey station locked down like the kiosk: full screen, no DevTools, awake', async () => {
    const home = newHome();
    await start(home);
    const answer = await invoke('loket:setup', from(lastWindow()), {
      ...kioskSetup,
      mode: 'feedback',
      name: 'Survei Loket 3',
    });
    expect(answer).toEqual({ ok: true, value: { mode: 'feedback', name: 'Survei Loket 3' } });
    await until(() => lastWindow().loaded === 'loket://app/feedback');
    const survey = lastWindow();
    expect(survey.options).toMatchObject({ kiosk: true, fullscreen: true, closable: false });
    expect(survey.options.webPreferences.devTools).toBe(false);
    expect(electron.menu.cleared).toBe(true);
    expect(electron.wakeLocks.size).toBe(1);
  });

  it('starts straight in its mode once configured, and goes back to set-up when the file is broken', async () => {
    const home = newHome();
    await start(home);
    await invoke('loket:setup', from(lastWindow()), { ...kioskSetup, mode: 'display', name: 'Papan' });
    await until(() => lastWindow().loaded === 'loket://app/display');
    for (const shell of shells.splice(0)) await shell.stop();

    await start(home);
    expect(lastWindow().loaded).toBe('loket://app/display');
    for (const shell of shells.splice(0)) await shell.stop();

    // A damaged station.json starts the station from the last good copy kept beside it.
    fs.writeFileSync(path.join(home, 'station.json'), '{"version": 1, "mode": "kiosk"');
    await start(home);
    await until(() => lastWindow().loaded === 'loket://app/display');
    expect(JSON.parse(fs.readFileSync(path.join(home, 'station.json'), 'utf8')).mode).toBe('display');
    for (const shell of shells.splice(0)) await shell.stop();

    // With no good copy either, the hall sees an out-of-service screen, never the set-up; staff
    // open the set-up with the exit chord on a keyboard plugged into the PC.
    fs.writeFileSync(path.join(home, 'station.json'), '{"version": 1, "mode": "kiosk"');
    fs.writeFileSync(path.join(home, 'station.json.bak'), 'not json');
    await start(home);
    const hall = lastWindow();
    expect(hall.loaded).toBe('loket://app/out-of-service');
    const press = (input: Record<string, unknown>) =>
      hall.handlers['before-input-event'](
        { preventDefault: () => undefined },
        { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input },
      );
    press({ key: 'Enter' });
    press({ key: 'x' });
    expect(lastWindow()).toBe(hall);
    press({ key: 'x', control: true, alt: true, shift: true });
    await until(() => lastWindow().loaded === 'loket://app/setup');
  });
});

describe('the bridge between a station window and the main process', () => {
  let kiosk: any;
  let shell: Awaited<ReturnType<typeof launch>> | undefined;
  beforeAll(async () => {
    await start(newHome());
    // This shell lives for the whole block, not one test.
    shell = shells.pop();
    await invoke('loket:setup', from(lastWindow()), kioskSetup);
    await until(() => lastWindow().loaded === 'loket://app/kiosk');
    kiosk = lastWindow();
  });
  afterAll(async () => {
    await shell?.stop();
  });

  it('answers only the top frame of its own window while it shows Loket', async () => {
    expect(await invoke('loket:call', from(kiosk), 'whoAmI', {})).toMatchObject({ ok: true });
    const refused = { ok: false, error: { code: 'FORBIDDEN' } };
    // A frame inside the page (an ad, an injected iframe).
    expect(await invoke('loket:call', from(kiosk, kiosk.loaded, {}), 'whoAmI', {})).toMatchObject(refused);
    // The window after it was somehow navigated elsewhere.
    expect(await invoke('loket:call', from(kiosk, 'https://calo.example/loket'), 'whoAmI', {})).toMatchObject(
      refused,
    );
    // Another webContents that is not one of Loket's windows.
    const stranger = { sender: { id: 9999 }, senderFrame: { url: 'loket://app/kiosk', parent: null } };
    expect(await invoke('loket:call', stranger, 'whoAmI', {})).toMatchObject(refused);
    expect(await invoke('loket:call', { sender: { id: kiosk.webContents.id } }, 'whoAmI', {})).toMatchObject(
      refused,
    );
    expect(await invoke('loket:exit', stranger, '246810')).toMatchObject(refused);
    expect(electron.exits).toEqual([]);
  });

  it('checks the operation against the contract before the hub sees it', async () => {
    expect(await invoke('loket:call', from(kiosk), 'dropTables', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
    expect(await invoke('loket:call', from(kiosk), 'changeOffice', { changes: {} })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', status: 403 },
    });
    expect(await invoke('loket:call', from(kiosk), 'checkIn', { text: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await invoke('loket:call', from(kiosk), ['whoAmI'], {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
  });

  it('stays on Loket pages: no navigation elsewhere, no pop-ups, and no permission for a kiosk', async () => {
    const navigate = (url: string) => {
      let prevented = false;
      kiosk.handlers['will-navigate']({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://calo.example/faster-service')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('loket://app/kiosk')).toBe(false);
    expect(kiosk.windowOpenHandler?.()).toEqual({ action: 'deny' });
    const ask = (permission: string, url: string) =>
      new Promise<boolean>((resolve) =>
        electron.session.permissionRequest?.({ getURL: () => url }, permission, resolve),
      );
    expect(await ask('media', 'loket://app/kiosk')).toBe(false);
    expect(await ask('geolocation', 'loket://app/kiosk')).toBe(false);
  });

  it('swallows the shortcuts that would leave or reload it, lets a scanner type, and reloads a crashed page', () => {
    const pressed = (input: Record<string, unknown>) => {
      let blocked = false;
      kiosk.handlers['before-input-event'](
        { preventDefault: () => (blocked = true) },
        { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input },
      );
      return blocked;
    };
    expect(pressed({ key: 'F5' })).toBe(true);
    expect(pressed({ key: 'r', control: true })).toBe(true);
    expect(pressed({ key: 'F4', alt: true })).toBe(true);
    expect(pressed({ key: 'I', control: true, shift: true })).toBe(true);
    expect(pressed({ key: 'F12' })).toBe(true);
    for (const key of ['M', '7', '-', '{', 'Enter', 'Tab']) expect(pressed({ key })).toBe(false);

    // The staff chord opens the PIN pad in the page instead of doing anything itself.
    expect(pressed({ key: 'X', control: true, alt: true, shift: true })).toBe(true);
    expect(kiosk.sent).toEqual(['loket:exit-requested']);

    const before = kiosk.reloads;
    kiosk.handlers['render-process-gone']({}, { reason: 'crashed' });
    kiosk.handlers['unresponsive']();
    expect(kiosk.reloads).toBe(before + 2);
  });

  it('follows the hub’s event stream for its window, the token staying in the main process', async () => {
    expect(await invoke('loket:follow', from(kiosk))).toEqual({ ok: true, value: true });
    await until(() =>
      kiosk.messages.some(
        ([channel, frame]: [string, any]) => channel === 'loket:frame' && frame?.type === 'hello',
      ),
    );
    expect(kiosk.messages).toContainEqual(['loket:stream-status', 'live']);
    await invoke('loket:call', from(kiosk), 'checkIn', { text: 'MPDPS-99999' }); // refused: no event
    const stranger = {
      sender: { id: 9999, send: () => undefined, once: () => undefined },
      senderFrame: { url: 'loket://app/kiosk', parent: null },
    };
    expect(await invoke('loket:follow', stranger)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(kiosk.messages)).not.toMatch(/token|Bearer/);
  });

  it('closes only with the supervisor PIN', async () => {
    expect(await invoke('loket:exit', from(kiosk), '111111')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: { id: 'PIN salah.', en: 'Wrong PIN.' } },
    });
    expect(await invoke('loket:exit', from(kiosk), '')).toMatchObject({ ok: false });
    await new Promise((r) => setTimeout(r, 20));
    expect(electron.exits).toEqual([]);

    expect(await invoke('loket:exit', from(kiosk), '246810')).toEqual({ ok: true, value: true });
    await until(() => electron.exits.length === 1);
    expect(electron.exits).toEqual([0]);
    expect(electron.wakeLocks.size).toBe(0);
  });
});

describe('an installed station', () => {
  afterEach(() => {
    electron.module.app.isPackaged = false;
    electron.instance.lockGranted = true;
    delete process.env.XDG_CONFIG_HOME;
    delete process.env.APPIMAGE;
    delete (process as { resourcesPath?: string }).resourcesPath;
  });

  it('hands a second start over to the first, whose window comes to the front', async () => {
    const home = newHome();
    await start(home);
    const window = lastWindow();
    window.minimized = true;
    electron.instance.lockGranted = false;
    const quitsBefore = electron.instance.quits;
    const windowsBefore = electron.windows.length;
    expect(await launch(['electron', '.'])).toBeNull();
    expect(electron.instance.quits).toBe(quitsBefore + 1);
    expect(electron.windows.length).toBe(windowsBefore);
    // Electron tells the first instance; it restores and focuses its window.
    for (const handler of electron.appHandlers['second-instance'] ?? []) handler();
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('makes an installed kiosk start at login from its AppImage, and a supervisor console not', async () => {
    const config = newHome();
    process.env.XDG_CONFIG_HOME = config;
    process.env.APPIMAGE = '/home/loket/Applications/Loket 1.2.0.AppImage';
    electron.module.app.isPackaged = true;
    // Electron names the installed app's resources folder; this one holds nothing (only logged).
    (process as { resourcesPath?: string }).resourcesPath = newHome();
    const entry = path.join(config, 'autostart', 'loket.desktop');
    const kioskHome = newHome();
    await start(kioskHome);
    await invoke('loket:setup', from(lastWindow()), kioskSetup);
    await until(() => fs.existsSync(entry), 30);
    expect(fs.readFileSync(entry, 'utf8')).toContain('Exec="/home/loket/Applications/Loket 1.2.0.AppImage"');
    // The same PC set up again as the supervisor's console: the entry goes.
    for (const shell of shells.splice(0)) await shell.stop();
    const consoleHome = newHome();
    await start(consoleHome);
    const console = await invoke('loket:setup', from(lastWindow()), {
      ...kioskSetup,
      mode: 'supervisor',
      name: 'Meja supervisor',
    });
    expect(console, JSON.stringify(console)).toMatchObject({ ok: true });
    await until(() => !fs.existsSync(entry), 30);
  });
});

describe('a station that joins a hub on the LAN', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    for (const shell of shells.splice(0)) await shell.stop();
    await hub.close();
  });

  it('trades the pairing code for its token, then calls the hub with it', async () => {
    const token = hub.pair('counter', 'Loket 3');
    const station = hub.hub.store.stations.list().find((s) => s.name === 'Loket 3');
    const { code } = issuePairingCode({ store: hub.hub.store, clock: hub.clock }, commandLine, station!.id);

    const home = newHome();
    await start(home);
    const join = { role: 'join', hubUrl: hub.hub.url, code, ticketPrinter: null, pin: '13579135' };
    const answer = await invoke('loket:setup', from(lastWindow()), join);
    expect(answer).toEqual({ ok: true, value: { mode: 'counter', name: 'Loket 3' } });
    await until(() => lastWindow().loaded === 'loket://app/counter');
    const counter = lastWindow();
    expect(counter.options.kiosk).toBeUndefined();

    expect(await invoke('loket:call', from(counter), 'whoAmI', {})).toMatchObject({
      ok: true,
      value: { name: 'Loket 3', mode: 'counter' },
    });
    // The token printed earlier no longer works: only the paired PC holds the station's token.
    expect((await hub.call('whoAmI', {}, token)).status).toBe(401);
    // A counter may use the camera (face photos), from Loket's pages only.
    const ask = (permission: string, url: string) =>
      new Promise<boolean>((resolve) =>
        electron.session.permissionRequest?.({ getURL: () => url }, permission, resolve),
      );
    expect(await ask('media', 'loket://app/counter')).toBe(true);
    expect(await ask('media', 'https://calo.example/')).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'station.json'), 'utf8')).hub).toEqual({
      role: 'remote',
      url: hub.hub.url,
    });
  });

  it('drives the printer and scanner in its own cabinet, the hub being on another PC', async () => {
    importAppointments({ store: hub.hub.store, clock: hub.clock }, commandLine, {
      format: 'csv',
      content: appointmentCsv([sampleAppointment(7)]),
    });
    hub.pair('kiosk', 'Kios lantai 2');
    const station = hub.hub.store.stations.list().find((s) => s.name === 'Kios lantai 2');
    const { code } = issuePairingCode({ store: hub.hub.store, clock: hub.clock }, commandLine, station!.id);
    const printer = await serialPrinterOnPty();
    const scanner = await ptyPair();
    try {
      await start(newHome());
      const join = {
        role: 'join',
        hubUrl: hub.hub.url,
        code,
        ticketPrinter: { transport: 'serial', path: printer.pair.host },
        scanner: { transport: 'serial', path: scanner.host },
        pin: '13579135',
      };
      expect(await invoke('loket:setup', from(lastWindow()), join)).toMatchObject({ ok: true });
      await until(() => lastWindow().loaded === 'loket://app/kiosk');
      const kiosk = lastWindow();

      // A code the cabinet's scanner reads reaches the window as the hub's scans do.
      scanner.write('MPDPS-00007\r');
      await until(() => kiosk.messages.some(([channel]: [string]) => channel === 'loket:frame'));
      expect(kiosk.messages.find(([channel]: [string]) => channel === 'loket:frame')?.[1]).toEqual({
        type: 'scan',
        text: 'MPDPS-00007',
        symbology: null,
      });

      // The ticket comes out of the cabinet's printer, and the hub records the print.
      const ticket = await invoke('loket:call', from(kiosk), 'checkIn', { text: 'MPDPS-00007' });
      const printed = await invoke('loket:call', from(kiosk), 'printTicket', { ticketId: ticket.value.id });
      expect(printed).toMatchObject({ ok: true, value: { printed: true, reprint: 0 } });
      const [job] = await printer.simulator.waitForJobs(1);
      expect(job?.decoded.text.join('\n')).toContain(ticket.value.number);
      expect(hub.hub.store.tickets.printsOf(ticket.value.id)).toEqual({ printed: 1, attempts: 1 });
      // The hub knows how the cabinet's devices are, for the supervisor.
      await until(() => hub.hub.devices.statesOf(station!.id)?.length === 2);
      expect(hub.hub.devices.statesOf(station!.id)?.map((d) => [d.slot, d.state])).toEqual([
        ['ticketPrinter', 'ready'],
        ['scanner', 'ready'],
      ]);
    } finally {
      for (const shell of shells.splice(0)) await shell.stop();
      await printer.dispose();
      await scanner.dispose();
    }
  });

  it('says so when the code is wrong or the hub is not there, and stays on set-up', async () => {
    await start(newHome());
    const window = lastWindow();
    const join = {
      role: 'join',
      hubUrl: hub.hub.url,
      code: 'AAAA-BBBB',
      ticketPrinter: null,
      pin: '13579135',
    };
    expect(await invoke('loket:setup', from(window), join)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: { en: expect.stringMatching(/pairing code/) } },
    });
    const nowhere = { ...join, hubUrl: 'http://127.0.0.1:9' };
    expect(await invoke('loket:setup', from(window), nowhere)).toMatchObject({
      ok: false,
      error: { message: { en: expect.stringMatching(/Cannot reach the hub/) } },
    });
    expect(lastWindow()).toBe(window);
  });
});

describe('the desktop app in training (npm start -- --training)', () => {
  /** What the PC's real floor holds, read without writing. */
  const realFloor = (home: string) => {
    const store = new Store(openDatabase(path.join(home, 'floor'), { readonly: true }));
    try {
      return { stations: store.stations.list(), lastEvent: store.events.lastSeq() };
    } finally {
      store.close();
    }
  };

  it('keeps to a folder of its own and opens a training kiosk with no set-up screen', async () => {
    // This PC is already a real kiosk.
    const home = newHome();
    await start(home);
    await invoke('loket:setup', from(lastWindow()), kioskSetup);
    await until(() => lastWindow().loaded === 'loket://app/kiosk');
    for (const shell of shells.splice(0)) await shell.stop();
    const realConfig = fs.readFileSync(path.join(home, 'station.json'), 'utf8');
    const before = realFloor(home);

    const windowsBefore = electron.windows.length;
    const logged: string[] = [];
    const log = vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
    try {
      await start(home, ['--training']);
    } finally {
      log.mockRestore();
    }
    const kiosk = lastWindow();
    expect(kiosk.loaded).toBe('loket://app/kiosk');
    expect(electron.windows.slice(windowsBefore).map((w: any) => w.loaded)).toEqual(['loket://app/kiosk']);
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(fs.existsSync(path.join(home, 'training', 'station.json'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'training', 'floor', databaseFileName))).toBe(true);

    const me = await invoke('loket:call', from(kiosk), 'whoAmI', {});
    expect(me).toMatchObject({ ok: true, value: { mode: 'kiosk', name: 'Kios Latihan', training: true } });
    // A citizen of the sample day checks in and gets a ticket from the simulated printer.
    const booking = sampleDay(trainingOffice(), '2026-11-30').find((a) => a.windowStart === '09:00');
    const ticket = await invoke('loket:call', from(kiosk), 'checkIn', { text: booking?.bookingCode });
    expect(ticket, JSON.stringify(ticket)).toMatchObject({ ok: true });
    const printed = await invoke('loket:call', from(kiosk), 'printTicket', { ticketId: ticket.value.id });
    expect(printed).toMatchObject({ ok: true, value: { printed: true } });

    // The trainer finds the sheet in the log: the other stations' pages and the PINs.
    const sheet = logged.join('\n');
    expect(sheet).toContain('LATIHAN / TRAINING');
    expect(sheet).toMatch(/http:\/\/127\.0\.0\.1:\d+\/counter\s+token \S+/);
    expect(sheet).toMatch(/spv\s+999999/);

    // The real station is as it was, and the supervisor's training PIN closes the training kiosk.
    expect(fs.readFileSync(path.join(home, 'station.json'), 'utf8')).toBe(realConfig);
    expect(realFloor(home)).toEqual(before);
    expect(await invoke('loket:exit', from(kiosk), '246810')).toMatchObject({ ok: false });
    expect(await invoke('loket:exit', from(kiosk), '999999')).toEqual({ ok: true, value: true });
  });

  it('starts a fresh training floor every time, as the station --mode names', async () => {
    const home = newHome();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await start(home, ['--training']);
      const kiosk = lastWindow();
      const first = await invoke('loket:call', from(kiosk), 'whoAmI', {});
      for (const shell of shells.splice(0)) await shell.stop();

      await start(home, ['--training', '--mode', 'display']);
      const board = lastWindow();
      expect(board.loaded).toBe('loket://app/display');
      const second = await invoke('loket:call', from(board), 'whoAmI', {});
      expect(second).toMatchObject({ ok: true, value: { mode: 'display', training: true } });
      expect(second.value.id).not.toBe(first.value.id);
      expect(fs.existsSync(path.join(home, 'station.json'))).toBe(false);
    } finally {
      quiet.mockRestore();
    }
  });
});
