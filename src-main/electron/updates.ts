import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import { AppImageUpdater, NsisUpdater, type AppUpdater, type UpdateInfo } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { rollbackMarker, type UpdateState } from '../domain/updates.ts';
import { connectPinned, type HubPin } from '../station/hubTls.ts';

/**
 * A station's own updates (issue 24, docs/updates.md): electron-updater's generic provider against
 * the office's hub (`https://HUB:8450/updates/<channel>/`), through the same pinned certificate and
 * station token as every other call, never the internet. The hub decides which version each
 * station is offered (staging, pilots, pause, rollback); the station downloads in the background,
 * electron-updater checks the sha512 the channel file names, and the update is installed only when
 * `safeToInstall` says so (no citizen mid-ticket, no officer signed in, never mid-print). Each change
 * of state is told to the hub (`reportUpdate`).
 */

/**
 * electron-updater's requests over Node's HTTP(S) with the hub's certificate pinned: the
 * certificate is checked before a byte (or the token) is sent, as `hubFetch` does. Electron's own
 * network stack would check it against the system's CAs, which a hub's self-signed certificate is
 * not in.
 */
export class PinnedHttpExecutor extends HttpExecutor<ClientRequest> {
  constructor(private readonly pin: HubPin | undefined) {
    super();
  }

  /** A file to disk (electron-updater's installer download), as Electron's executor does it. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: http.RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }

  createRequest(options: http.RequestOptions & { protocol?: string }, callback: (response: unknown) => void) {
    if (options.protocol === 'http:') return http.request(options, callback);
    const pin = this.pin;
    const pinned: https.RequestOptions = pin
      ? {
          ...options,
          // No agent: Node then makes each connection with `createConnection` (one per request).
          agent: undefined,
          // The connection is made (and its certificate checked) by hubTls; https only speaks over it.
          createConnection: ((
            connect: { host?: string | null; port?: number | string | null },
            done: (error: Error | null, socket?: TLSSocket) => void,
          ) => {
            connectPinned(`https://${connect.host ?? 'localhost'}:${connect.port ?? 443}`, pin).then(
              (socket) => done(null, socket),
              (error: Error) => done(error),
            );
            return undefined;
          }) as unknown as https.RequestOptions['createConnection'],
        }
      : options;
    return https.request(pinned, callback);
  }
}

export interface StationUpdatesOptions {
  /** The hub the station is paired with, and its channel. */
  hubUrl: string;
  channel: string;
  token: string;
  pin: HubPin | undefined;
  platform: NodeJS.Platform;
  /** What Electron alone knows: the app's version, its folders, quitting. */
  app: AppAdapter;
  /** Tells the hub (the `reportUpdate` operation). */
  report(report: { version: string; state: UpdateState; target?: string; error?: string }): Promise<unknown>;
  /** Whether installing now would interrupt no one (see `mayInstall`). */
  safeToInstall(): boolean | Promise<boolean>;
  /** Quits, installs and starts the new version (electron-updater's `quitAndInstall`). */
  install(updater: AppUpdater): void;
  log(line: string): void;
}

/** The updater for this platform: AppImage on Linux, the per-user NSIS installer on Windows. */
function updaterFor(platform: NodeJS.Platform, app: AppAdapter): AppUpdater {
  if (platform === 'win32') return new NsisUpdater(undefined, app);
  if (platform === 'linux') return new AppImageUpdater(undefined, app);
  throw new Error(`no self-update on ${platform}: Loket installs as an AppImage or a Windows installer`);
}

export class StationUpdates {
  readonly updater: AppUpdater;
  private downloaded: UpdateInfo | null = null;
  private timer: NodeJS.Timeout | null = null;
  private installTimer: NodeJS.Timeout | null = null;
  private lastReported = '';

  constructor(private readonly options: StationUpdatesOptions) {
    const updater = updaterFor(options.platform, options.app);
    // electron-updater keeps its HTTP client protected; a station gives it the pinned one.
    (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor =
      new PinnedHttpExecutor(options.pin);
    updater.logger = {
      info: (m: unknown) => options.log(`update: ${String(m)}`),
      warn: (m: unknown) => options.log(`update: ${String(m)}`),
      error: (m: unknown) => options.log(`update: ${String(m)}`),
      debug: () => undefined,
    };
    updater.setFeedURL({
      provider: 'generic',
      url: `${options.hubUrl.replace(/\/$/, '')}/updates/${options.channel}`,
    });
    updater.requestHeaders = { authorization: `Bearer ${options.token}` };
    // Set explicitly: setting `channel` would silently allow downgrades. Only a rollback the hub
    // marks is accepted as older, for that check alone (`isUpdateSupported` sees the file first).
    updater.allowDowngrade = false;
    updater.isUpdateSupported = (info: UpdateInfo) => {
      updater.allowDowngrade = (info as unknown as Record<string, unknown>)[rollbackMarker] === true;
      return true;
    };
    updater.autoDownload = true;
    // Installing waits for a safe moment (`installWhenSafe`), never for whoever quits the app.
    updater.autoInstallOnAppQuit = false;
    updater.on('update-available', (info: UpdateInfo) => this.tell('available', info.version));
    updater.on('update-not-available', () => this.tell('up-to-date'));
    updater.on('download-progress', () => this.tell('downloading'));
    updater.on('update-downloaded', (info: UpdateInfo) => {
      this.downloaded = info;
      this.tell('downloaded', info.version);
    });
    updater.on('error', (error: Error) => this.tell('failed', undefined, error.message));
    this.updater = updater;
  }

  get version(): string {
    return this.options.app.version;
  }

  /** Asks the hub once; resolves when any download has ended. A paused or staged-out channel offers nothing. */
  async check(): Promise<'up-to-date' | 'downloaded' | 'failed'> {
    try {
      const result = await this.updater.checkForUpdates();
      if (!result?.isUpdateAvailable) {
        this.tell('up-to-date');
        return 'up-to-date';
      }
      await result.downloadPromise;
      return this.downloaded ? 'downloaded' : 'failed';
    } catch (error) {
      // The hub's 404 (no version rolled out to this station yet) is "nothing to do", not a failure.
      if ((error as { code?: string }).code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') {
        this.tell('up-to-date');
        return 'up-to-date';
      }
      this.tell('failed', undefined, error instanceof Error ? error.message : String(error));
      return 'failed';
    }
  }

  /** Installs the downloaded update if it is safe now; answers whether it did. */
  async installIfSafe(): Promise<boolean> {
    if (!this.downloaded) return false;
    if (!(await this.options.safeToInstall())) return false;
    this.tell('installed', this.downloaded.version);
    this.options.install(this.updater);
    return true;
  }

  /** Checks now and every `everyMs`; a downloaded update is tried every `installEveryMs` until safe. */
  start(everyMs = 30 * 60_000, installEveryMs = 60_000): void {
    const round = () => {
      void this.check().then(() => this.installIfSafe());
    };
    round();
    this.timer = setInterval(round, everyMs);
    this.installTimer = setInterval(() => void this.installIfSafe(), installEveryMs);
    this.timer.unref();
    this.installTimer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.installTimer) clearInterval(this.installTimer);
  }

  /** One report per change of state (download progress is one state, not one report per chunk). */
  private tell(state: UpdateState, target?: string, error?: string): void {
    const key = `${state}|${target ?? ''}|${error ?? ''}`;
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.options
      .report({
        version: this.version,
        state,
        ...(target ? { target } : {}),
        ...(error ? { error: error.slice(0, 500) } : {}),
      })
      .catch((failure: unknown) => this.options.log(`update: the hub was not told (${String(failure)})`));
  }
}

/**
 * Whether installing (which quits and restarts the app) would interrupt no one, by the station's
 * mode: a kiosk or survey station with no citizen at it (no operation for `quietMinutes`) or
 * outside opening hours; a counter, help desk or supervisor console with no officer signed in; a
 * print station with no officer signed in and nothing on the printer; a board always (it only
 * shows, and is back in seconds).
 */
export function mayInstall(facts: {
  mode: string;
  now: number;
  lastActivityAt: number | null;
  officerSignedIn: boolean;
  printing: boolean;
  open: boolean;
  quietMinutes?: number;
}): boolean {
  const quiet =
    facts.lastActivityAt === null || facts.now - facts.lastActivityAt >= (facts.quietMinutes ?? 3) * 60_000;
  switch (facts.mode) {
    case 'display':
      return true;
    case 'kiosk':
    case 'feedback':
      return !facts.open || quiet;
    case 'print':
      return !facts.officerSignedIn && !facts.printing;
    default:
      return !facts.officerSignedIn;
  }
}
