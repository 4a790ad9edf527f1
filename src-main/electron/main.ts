import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  type WebContents,
} from 'electron';
import path from 'node:path';
import { bridgeChannels } from '../api/bridge.ts';
import type { Clock } from '../domain/clock.ts';
import { LoketError } from '../domain/errors.ts';
import { startHub, type Hub } from '../hub/server.ts';
import { Teardown } from '../hub/teardown.ts';
import { clockFromEnvironment, instantFromEnvironment } from '../station/clock.ts';
import {
  loadStationConfig,
  stationConfigBackup,
  saveStationConfig,
  stationConfigFile,
  type StationConfig,
} from '../station/config.ts';
import { ExitGuard, hashPin } from '../station/exitPin.ts';
import type { ScanFrame } from '../api/stream.ts';
import { followHub } from '../station/eventFollower.ts';
import { isDriven } from '../devices/config.ts';
import { deviceHotplug } from '../devices/hotplug.ts';
import { DeviceManager } from '../devices/manager.ts';
import { withOwnDevices } from '../station/ownDevices.ts';
import { FingerprintReaders } from '../devices/fingerprintReaders.ts';
import { ownReaderConfig, withOwnFingerprintReader } from '../station/ownReader.ts';
import { logoOrNone } from '../../drivers/ticket-printer/logo.ts';
import { hubClient, type HubClient } from '../station/hubClient.ts';
import type { HubPin } from '../station/hubTls.ts';
import { floorDataDir, joinHub, setUpAsHub, setupInput, stationDataDir } from '../station/setup.ts';
import { Replica } from '../station/runtime/replica.ts';
import { StationRuntime } from '../station/runtime/runtime.ts';
import { openReplicaDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { openTrainingFloor, trainingRequest, trainingSheet } from '../station/training.ts';
import type { StationMode } from '../domain/roles.ts';
import { callHandler, guarded } from './bridge.ts';
import { stationBiometricKey } from './biometricKey.ts';
import { lockDown, publicModes, windowOptionsFor } from './lockdown.ts';
import { appResponse, appScheme, appSchemePrivileges, appSite } from './protocol.ts';
import { lockNavigation, permissionsFor, restrictPermissions } from './security.ts';
import { missingResources, resourcePaths } from '../runtime/resourcePaths.ts';
import { applyAutostart, autostartPlan } from './autostart.ts';
import { StationUpdates, mayInstall } from './updates.ts';
import { getAppCacheDir, type AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { defaultChannel } from '../domain/updates.ts';

/**
 * The desktop app: one program that starts in its station's mode. Its configuration
 * (`station.json` in the user data folder) says the mode, the hub (on this PC, the default for a
 * single PC, or elsewhere on the LAN) and the devices; without one it opens the set-up screen.
 * In training (`--training`) it keeps its own user data folder, sets up a fresh training floor at
 * every start and opens one of its stations, with no set-up screen.
 */
export class StationShell {
  /** The webContents ids of Loket's own windows: only they are answered over IPC. */
  readonly windows = new Set<number>();
  station: { mode: StationMode; hub: HubClient } | null = null;
  private connection: { url: string; token: string; pin?: HubPin | undefined } | null = null;
  private readonly followers = new Map<number, () => void>();
  private hub: Hub | null = null;
  private exitGuard: ExitGuard | null = null;
  private window: BrowserWindow | null = null;
  /** What the shell opened (hub, replica, devices, readers, lockdown), closed last first by stop(). */
  private teardown: Teardown;
  private followersAdded = false;

  constructor(
    private readonly userDataDir: string,
    private clock: Clock,
    private readonly log: (line: string) => void,
    /** The built UI and the call clips, which the in-process hub serves to browser stations too. */
    private readonly files: {
      uiDir?: string;
      audioDir?: string;
      logoFile?: string;
      calendarDir?: string;
      ocrbFont?: string;
    } = {},
    /** A training floor, and which of its stations this PC is. */
    private readonly training: { mode: StationMode; speed: number } | null = null,
  ) {
    this.teardown = new Teardown(log);
  }

  async start(): Promise<void> {
    if (this.training) return this.startTraining(this.training);
    const file = stationConfigFile(this.userDataDir);
    const loaded = loadStationConfig(file);
    if (loaded.state === 'ok') return this.startStation(loaded.config);
    if (loaded.state === 'missing') return this.open('setup', 'supervisor');
    // A damaged station.json never puts the set-up screen in front of citizens: the last good copy
    // starts the station, or it is out of service until staff unlock it (the exit chord, on a
    // keyboard plugged into the PC) and set it up again.
    const kept = loadStationConfig(stationConfigBackup(file));
    if (kept.state === 'ok') {
      this.log(`station configuration unusable (${loaded.problem}); started from the last good copy`);
      saveStationConfig(file, kept.config);
      return this.startStation(kept.config);
    }
    this.log(`station configuration unusable (${loaded.problem}); out of service until staff unlock`);
    await this.open('out-of-service', 'kiosk', () => void this.open('setup', 'supervisor'));
  }

  /** The set-up screen's answer: this PC becomes the hub, or joins one with a pairing code. */
  async setUp(input: unknown): Promise<{ mode: StationMode; name: string }> {
    if (this.station) {
      throw new LoketError('FORBIDDEN', {
        id: 'Stasiun ini sudah disiapkan.',
        en: 'This station is already set up.',
      });
    }
    const parsed = setupInput.safeParse(input);
    if (!parsed.success) {
      throw new LoketError(
        'INVALID_INPUT',
        { id: 'Isian belum lengkap atau tidak valid.', en: 'Some fields are missing or not valid.' },
        { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      );
    }
    const config =
      parsed.data.role === 'hub'
        ? setUpAsHub(parsed.data, this.userDataDir, this.clock)
        : await joinHub(parsed.data);
    saveStationConfig(stationConfigFile(this.userDataDir), config);
    // Answer the set-up window first, then replace it with the station's own.
    setImmediate(() => {
      this.startStation(config).catch((error: unknown) => this.log(`cannot start the station: ${error}`));
    });
    return { mode: config.mode, name: config.name };
  }

  /** Staff leave a public station with the supervisor PIN. */
  exit(pin: unknown): true {
    if (!this.exitGuard) {
      throw new LoketError('FORBIDDEN', { id: 'Tidak ada PIN keluar.', en: 'No exit PIN is set.' });
    }
    this.exitGuard.check(typeof pin === 'string' ? pin : '', this.clock.now());
    this.log('exit by supervisor PIN');
    setImmediate(() => {
      void this.stop().finally(() => app.exit(0));
    });
    return true;
  }

  /**
   * Follows the hub's event stream for one window (a board, a console): the main process holds
   * the token and forwards each frame; the window's page never sees the token.
   */
  follow(contents: Pick<WebContents, 'id' | 'send' | 'once'>): true {
    if (!this.connection) {
      throw new LoketError('FORBIDDEN', {
        id: 'Stasiun ini belum disiapkan.',
        en: 'This station is not set up yet.',
      });
    }
    this.followers.get(contents.id)?.();
    if (!this.followersAdded) {
      // Added once the station runs: the windows' streams stop before the hub they follow.
      this.followersAdded = true;
      this.teardown.add('event stream followers', () => {
        for (const stop of this.followers.values()) stop();
        this.followers.clear();
      });
    }
    const stop = followHub(this.connection.url, this.connection.token, {
      pin: this.connection.pin,
      onProblem: (problem) => this.log(`event stream: ${problem.en}`),
      onFrame: (frame) => contents.send(bridgeChannels.frame, frame),
      onStatus: (status) => contents.send(bridgeChannels.streamStatus, status),
    });
    this.followers.set(contents.id, stop);
    contents.once('destroyed', () => {
      stop();
      this.followers.delete(contents.id);
    });
    return true;
  }

  /** Releases everything the shell opened, last opened first; a shell stopped may start again. */
  async stop(): Promise<void> {
    const teardown = this.teardown;
    this.teardown = new Teardown(this.log);
    this.followersAdded = false;
    await teardown.run();
    for (const stop of this.followers.values()) stop();
    this.followers.clear();
    this.hub = null;
  }

  /**
   * A fresh training floor in this PC's training folder: the hub runs here on loopback, this window
   * is one of its stations, and the training sheet (the other stations' pages and tokens, the
   * officers' PINs) goes to the log for the trainer. The supervisor's training PIN closes it.
   */
  private async startTraining(training: { mode: StationMode; speed: number }): Promise<void> {
    const session = openTrainingFloor(floorDataDir(this.userDataDir), {
      startAt: instantFromEnvironment(),
      speed: training.speed,
    });
    this.clock = session.clock;
    const station =
      session.floor.stations.find((s) => s.mode === training.mode) ??
      session.floor.stations.find((s) => s.mode === 'kiosk');
    const supervisor = session.floor.officers.find((o) => o.role === 'supervisor');
    if (!station || !supervisor) throw new Error('the training floor has no kiosk or no supervisor');
    if (station.mode !== training.mode) this.log(`the training floor has no ${training.mode} station; kiosk`);
    const config: StationConfig = {
      version: 1,
      mode: station.mode,
      name: station.name,
      hub: { role: 'local', listen: { host: '127.0.0.1', port: 0 } },
      station: { id: station.id, token: station.token },
      devices:
        station.mode === 'kiosk'
          ? { ticketPrinter: { transport: 'simulator' }, scanner: { transport: 'simulator' } }
          : { ticketPrinter: null, scanner: { transport: 'wedge' } },
      exitPin: hashPin(supervisor.pin),
    };
    saveStationConfig(stationConfigFile(this.userDataDir), config);
    await this.startStation(config, true);
    this.log(
      `training floor\n${trainingSheet(session, this.connection?.url ?? '', { exitPin: supervisor.pin })}`,
    );
  }

  private async startStation(config: StationConfig, training = false): Promise<void> {
    if (config.hub.role === 'local') {
      const dataDir = floorDataDir(this.userDataDir);
      this.hub = await startHub({
        dataDir,
        biometricKey: stationBiometricKey(safeStorage, dataDir, this.log),
        clock: this.clock,
        host: config.hub.listen.host,
        port: config.hub.listen.port,
        log: this.log,
        training,
        // The floor's only database lives on this PC: hourly copies beside it, as `loket hub` does.
        // A training floor is made anew at every start and needs none.
        backup: training ? false : {},
        ...this.files,
      });
      const hub = this.hub;
      this.teardown.add('floor hub', () => hub.close());
      // The hub drives this PC's ticket printer and scanner, as it does a browser kiosk's.
      this.hub.store.stations.setTicketPrinter(config.station.id, config.devices.ticketPrinter);
      this.hub.store.stations.setScanner(config.station.id, config.devices.scanner);
      if (config.fingerprintReader)
        this.hub.store.stations.setFingerprintReader(config.station.id, config.fingerprintReader);
      await this.hub.devices.sync();
      // A hub other stations join speaks TLS on every address, loopback included; this station
      // pins its certificate like any other.
      const fingerprint = this.hub.fingerprint;
      this.connection = {
        url: `${fingerprint ? 'https' : 'http'}://127.0.0.1:${this.hub.port}`,
        token: config.station.token,
        ...(fingerprint ? { pin: { fingerprint } } : {}),
      };
      if (fingerprint) this.log(`hub certificate SHA-256 ${fingerprint}`);
    } else {
      const fingerprint = config.hub.fingerprint;
      this.connection = {
        url: config.hub.url,
        token: config.station.token,
        ...(fingerprint ? { pin: { fingerprint } } : {}),
      };
    }
    let hub: HubClient = hubClient(this.connection.url, this.connection.token, { pin: this.connection.pin });
    if (config.hub.role === 'remote') hub = this.runStation(hub, config.station.token, this.connection.pin);
    if (config.hub.role === 'remote' && isDriven(config.devices))
      hub = await this.driveOwnDevices(config, hub);
    if (config.hub.role === 'remote' && config.fingerprintReader) {
      // The interview counter's reader is in this cabinet: it captures here, the hub keeps the records.
      const readers = new FingerprintReaders(ownReaderConfig(config.fingerprintReader));
      this.teardown.add('fingerprint reader', () => readers.close());
      hub = withOwnFingerprintReader(hub, readers);
    }
    this.station = { mode: config.mode, hub };
    this.exitGuard = new ExitGuard(config.exitPin);
    await this.open(config.mode, config.mode);
    if (!training) {
      this.modeStarted?.(config.mode);
      try {
        const updates = this.updatesFor?.(config.mode, this.connection, hub) ?? null;
        if (updates) this.teardown.add('updates', () => updates.stop());
      } catch (error) {
        this.log(`updates: not started (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }

  /** Starts the station's own updates once it runs in its mode (set by `launch`: installed apps only). */
  updatesFor:
    | ((
        mode: StationMode,
        connection: { url: string; token: string; pin?: HubPin | undefined },
        hub: HubClient,
      ) => StationUpdates | null)
    | null = null;

  /** When a window last asked the hub for anything (ms), or null: a kiosk mid-ticket is busy. */
  lastActivityAt: number | null = null;

  /** Whether installing an update now would interrupt no one at this station (`mayInstall`). */
  async mayInstallNow(mode: StationMode, hub: HubClient): Promise<boolean> {
    const me = await hub.call('whoAmI', {});
    const officer = me.ok ? (me.value as { officer: unknown }).officer : 'unknown';
    return mayInstall({
      mode,
      now: Date.now(),
      lastActivityAt: this.lastActivityAt,
      // When the hub cannot say, assume someone is there.
      officerSignedIn: officer !== null,
      // A print needs its operator signed in: no officer, nothing printing.
      printing: officer !== null,
      open: true,
    });
  }

  /** Told the mode each time a (non-training) station starts in it: the app's login item follows it. */
  modeStarted: ((mode: StationMode) => void) | null = null;

  /** Brings the station's window to the front: a second start of the app lands here. */
  focus(): void {
    const window = this.window;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /**
   * A station whose hub is on another PC keeps a replica and an outbox in its own folder: a kiosk
   * goes on checking in and printing while the hub or the LAN is down. The window opens at once;
   * the runtime reaches the hub in the background.
   */
  private runStation(hub: HubClient, token: string, pin: HubPin | undefined): HubClient {
    const store = new Store(openReplicaDatabase(stationDataDir(this.userDataDir)), { replica: true });
    this.teardown.add('station replica', () => store.close());
    const runtime = new StationRuntime({
      replica: new Replica(store),
      hub,
      token,
      pin,
      clock: this.clock,
      log: this.log,
    });
    this.teardown.add('station runtime', () => runtime.stop());
    runtime.start().catch((error: unknown) => this.log(`station runtime: ${String(error)}`));
    return runtime;
  }

  /**
   * The devices in this PC's cabinet when the hub is on another PC: opened here, their states
   * reported to the hub, their scans sent to the window like the hub's, tickets printed here.
   */
  private async driveOwnDevices(config: StationConfig, hub: HubClient): Promise<HubClient> {
    const hotplug = deviceHotplug();
    this.teardown.add('hotplug watchers', () => hotplug.close());
    const manager = new DeviceManager(config.devices, { hotplug, now: () => this.clock.now() });
    this.teardown.add('device manager', () => manager.close());
    manager.on('scan', (scan) => {
      const frame: ScanFrame = { type: 'scan', text: scan.text, symbology: scan.symbology ?? null };
      this.window?.webContents.send(bridgeChannels.frame, frame);
    });
    await manager.start();
    const own = withOwnDevices(hub, manager, {
      logo: logoOrNone(this.files.logoFile, this.log),
      log: this.log,
    });
    this.teardown.add('own devices', () => own.stop());
    return own.hub;
  }

  /** Opens (or replaces) the one window, on `loket://app/<page>`, locked down as its mode asks. */
  private async open(
    page: StationMode | 'setup' | 'out-of-service',
    mode: StationMode,
    /** What the staff exit chord does on this page (default: the window asks for the exit PIN). */
    exitChord?: () => void,
  ): Promise<void> {
    const previous = this.window;
    const window = new BrowserWindow(windowOptionsFor(mode, path.join(import.meta.dirname, 'preload.cjs')));
    const contents = window.webContents;
    this.window = window;
    this.windows.add(contents.id);
    window.on('closed', () => this.windows.delete(contents.id));
    restrictPermissions(session.defaultSession, page === 'setup' ? new Set() : permissionsFor(mode), appSite);
    lockNavigation(contents, appSite);
    if (publicModes.has(mode)) {
      Menu.setApplicationMenu(null);
      this.teardown.add(
        'public station lockdown',
        lockDown(contents, {
          keepAwake: () => {
            const id = powerSaveBlocker.start('prevent-display-sleep');
            return () => powerSaveBlocker.stop(id);
          },
          log: (line) => this.log(line),
          exitRequested: exitChord ?? (() => contents.send(bridgeChannels.exitRequested)),
        }),
      );
    }
    window.once('ready-to-show', () => window.show());
    await window.loadURL(`${appSite}/${page}`);
    if (previous) {
      this.windows.delete(previous.webContents.id);
      previous.destroy();
    }
  }
}

/**
 * Starts the desktop app; null when Loket already runs on this PC: a second start (a double click,
 * or the login item beside a manual start) hands over to the first, which comes to the front.
 */
export async function launch(argv: readonly string[] = process.argv): Promise<StationShell | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  app.enableSandbox();
  await app.whenReady();
  // A training PC keeps everything in a folder of its own: the real station.json and floor
  // database are never opened.
  const training = trainingRequest(argv);
  const home = process.env.LOKET_HOME ?? app.getPath('userData');
  const userDataDir = training ? path.join(home, 'training') : home;
  // Every shipped file where this run of the app has it: the checkout in development, the
  // installed layout (app.asar, resources/ beside it, unpacked addons) when packaged.
  const resources = resourcePaths(
    app.isPackaged
      ? { kind: 'packaged', resourcesPath: process.resourcesPath, appPath: app.getAppPath() }
      : { kind: 'source', root: app.getAppPath() },
  );
  for (const missing of missingResources(resources))
    console.error(`loket: a shipped file is missing: ${missing}`);
  const uiDir = process.env.LOKET_UI_DIR ?? resources.renderer;
  const audioDir = resources.audio;
  protocol.handle(appScheme, (request) => appResponse(request.url, uiDir, audioDir));

  const shell = new StationShell(
    userDataDir,
    clockFromEnvironment(),
    (line) => console.error(`loket: ${line}`),
    {
      uiDir,
      audioDir,
      logoFile: resources.logo,
      calendarDir: resources.calendars,
      ocrbFont: resources.ocrbFont,
    },
    training,
  );
  const calls = callHandler(() => shell.station, shell.windows);
  ipcMain.handle(bridgeChannels.call, (event, name: unknown, input: unknown) => {
    // Someone is using the station: an update waits for a quiet moment (mayInstall).
    shell.lastActivityAt = Date.now();
    return calls(event, name, input);
  });
  ipcMain.handle(
    bridgeChannels.exit,
    guarded(shell.windows, (pin: unknown) => shell.exit(pin)),
  );
  ipcMain.handle(
    bridgeChannels.setup,
    guarded(shell.windows, (input: unknown) => shell.setUp(input)),
  );
  ipcMain.handle(bridgeChannels.follow, (event) =>
    guarded(shell.windows, () => shell.follow(event.sender))(event),
  );
  app.on('second-instance', () => shell.focus());
  shell.modeStarted = (mode) => {
    const plan = autostartPlan({
      platform: process.platform,
      packaged: app.isPackaged,
      mode,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      configHome: process.env.XDG_CONFIG_HOME,
      home: app.getPath('home'),
    });
    try {
      console.error(`loket: ${applyAutostart(plan, app)}`);
    } catch (error) {
      console.error(`loket: the login item could not be set: ${String(error)}`);
    }
  };
  shell.updatesFor = (mode, connection, hub) => {
    // Only an installed app updates itself; training floors never do.
    if (!app.isPackaged) return null;
    const updates = new StationUpdates({
      hubUrl: connection.url,
      channel: defaultChannel,
      token: connection.token,
      pin: connection.pin,
      platform: process.platform,
      app: electronAppAdapter(),
      report: (report) => hub.call('reportUpdate', report),
      safeToInstall: () => shell.mayInstallNow(mode, hub),
      install: (updater) => updater.quitAndInstall(true, true),
      log: (line) => console.error(`loket: ${line}`),
    });
    updates.start();
    return updates;
  };
  app.on('window-all-closed', () => app.quit());
  // The app waits for the shell's teardown (the hub's last backup and chain anchor, the devices)
  // before it goes.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void shell.stop().finally(() => app.quit());
  });
  await shell.start();
  return shell;
}

/** What electron-updater asks of the app, answered by Electron's `app` (the cache and config where electron-builder puts them). */
function electronAppAdapter(): AppAdapter {
  return {
    get version() {
      return app.getVersion();
    },
    get name() {
      return app.getName();
    },
    get isPackaged() {
      return app.isPackaged;
    },
    appUpdateConfigPath: path.join(process.resourcesPath, 'app-update.yml'),
    get userDataPath() {
      return app.getPath('userData');
    },
    baseCachePath: getAppCacheDir(),
    whenReady: () => app.whenReady(),
    quit: () => app.quit(),
    relaunch: () => app.relaunch(),
    onQuit: (handler) => app.once('quit', (_event, code: number) => handler(code)),
  };
}
