import path from 'node:path';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { AddressInfo } from 'node:net';
import { LoketError, isLoketError, type Bilingual, type ErrorCode } from '../domain/errors.ts';
import { isMovableClock, type Clock } from '../domain/clock.ts';
import { httpStatusOf } from '../api/errorStatus.ts';
import { invoke, invokeOnce } from '../api/invoke.ts';
import type { ServiceContext } from '../services/context.ts';
import { ConsoleSimulations } from '../services/simulation/console.ts';
import { endBrowserSession, openBrowserSession } from '../services/stations.ts';
import { openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { startCheckpointer } from '../store/checkpointer.ts';
import { DeviceRegistry } from '../devices/registry.ts';
import { logoOrNone } from '../../drivers/ticket-printer/logo.ts';
import { deviceHotplug } from '../devices/hotplug.ts';
import type { DeviceState } from '../devices/manager.ts';
import type { ScanFrame } from '../api/stream.ts';
import type { Station } from '../store/stations.ts';
import { stationModes } from '../domain/roles.ts';
import { z } from 'zod';
import {
  authenticateRequest,
  clientOf,
  clearedSessionCookieHeader,
  sessionCookieHeader,
  sessionSecretOf,
} from './auth.ts';
import { backupPlan, scheduleBackups, type BackupSchedule } from './backups.ts';
import { EventStream } from './eventStream.ts';
import { GroupCommit } from './groupCommit.ts';
import { holdHubLock } from './lock.ts';
import { protectDataFolder } from './dataFolder.ts';
import {
  boundJsonBodies,
  fileBodyLimit,
  fileOperations,
  operationBodyLimit,
  tokenlessBodyLimit,
} from './bodies.ts';
import { scheduleAnchors } from './anchors.ts';
import { Teardown } from './teardown.ts';
import { anchorsFile } from '../store/anchors.ts';
import { AttemptLimiter } from '../domain/attempts.ts';
import { isLoopback } from '../api/loopback.ts';
import { hubCertificate, type HubCertificate } from './certificate.ts';
import { landingPage } from './landing.ts';
import { showOffice } from '../services/office.ts';
import { nextSteps, type NextStep } from './nextSteps.ts';
import { biometricKeyFile, loadBiometricKeyFile } from './biometricKey.ts';
import type { BiometricKey } from '../services/biometricVault.ts';
import { purgeBiometrics } from '../services/biometrics.ts';
import { SmsSender } from '../services/sms.ts';
import { recoverInterruptedPrints } from '../services/passportPrinting.ts';
import { PassportPrinters, trainingDataPagesFolder } from '../devices/passportPrinters.ts';
import { FingerprintReaders } from '../devices/fingerprintReaders.ts';
import { servePairing } from './pairing.ts';
import { serveStationUi } from './stationUi.ts';
import { servePublicPage } from './publicPage.ts';
import { AppointmentFeedSchedule, type FeedPullOptions } from './appointmentFeed.ts';
import { CentralShipper, type CentralShipperOptions } from './centralLink.ts';
import { sourceResources } from '../runtime/resourcePaths.ts';
import { serveUpdates } from './updates.ts';

export interface HubOptions {
  dataDir: string;
  clock: Clock;
  port?: number;
  host?: string;
  /** How often the SMS outbox is looked at, in ms (30 000). */
  smsTickMs?: number;
  log?: (line: string) => void;
  /** The built station UIs (default dist/renderer). */
  uiDir?: string;
  /** The board's spoken-call clips (default resources/audio/id). */
  audioDir?: string;
  /** The logo for the top of tickets (default resources/logo/loket.png); tickets go without if unreadable. */
  logoFile?: string | URL;
  /** The shipped holiday calendars (default resources/calendars of the source tree). */
  calendarDir?: string;
  /** The OCR-B font of the passport data page's MRZ (default resources/fonts/OCRB.otf of the source tree). */
  ocrbFont?: string;
  /** How often the stored device configuration is looked at again (ms). */
  deviceSyncMs?: number;
  /** A training floor: whoAmI, /healthz and every printed ticket say so. */
  training?: boolean;
  /**
   * The appointment feed's schedule: how often (ms, default 30 s) the hub looks whether a pull is
   * due, and the pull's retry delays and size limit. It pulls only while a feed is configured.
   */
  appointmentFeed?: FeedPullOptions & { tickMs?: number };
  /**
   * Serve HTTPS and WSS with the hub's own certificate (DIR/tls, made at the first start). Always
   * on for a hub listening beyond loopback: station tokens never cross the LAN in clear.
   */
  tls?: boolean;
  /**
   * Copies of the database on a schedule and at close. Off unless given (tests and in-process
   * hubs stay quiet); `loket hub` turns it on.
   */
  backup?: BackupSchedule | false;
  /**
   * The event chain's head written into DIR/anchors.jsonl at start, every `everyMinutes` (60) and
   * at close. On unless `false`; a training floor writes none.
   */
  anchors?: { everyMinutes?: number } | false;
  /**
   * Seals biometric images at rest. A desktop hub passes the key its operating system protects
   * (Electron safeStorage); a headless hub reads DIR/biometric.key, made at the first start.
   */
  biometricKey?: BiometricKey;
  /**
   * The link to the central store (`loket central link`): shipped from the hub's start while one is
   * configured; tests pass quicker back-off. A training floor never ships.
   */
  centralLink?: CentralShipperOptions;
}

export interface Hub {
  url: string;
  port: number;
  /** The SHA-256 fingerprint of the hub's certificate (`AB:CD:…`), null for a plain-HTTP hub. */
  fingerprint: string | null;
  /** Base64 SHA-256 of the certificate's public key (Chromium's --ignore-certificate-errors-spki-list). */
  spkiSha256: string | null;
  store: Store;
  /** The devices the hub drives for its stations. */
  devices: DeviceRegistry;
  /** The counters' fingerprint readers (SBI on this machine's loopback, or simulators). */
  fingerprints: FingerprintReaders;
  /** The passport printers of the print stations. */
  passportPrinters: PassportPrinters;
  /** The console's simulator runs, in memory. */
  simulations: ConsoleSimulations;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    station: Station | null;
    /** Which client of the station calls (hub/auth.ts \`clientOf\`). */
    client: string | null;
  }
}

/** A year, the least browsers' preload lists accept: a TLS hub stays TLS for the office's browsers. */
export const hstsMaxAgeSeconds = 365 * 24 * 60 * 60;

/**
 * The floor hub: the authoritative database behind `POST /api/<operation>`, the WebSocket event
 * stream at `/api/events`, and `GET /healthz`. Every API call carries a station's bearer token.
 */
export async function startHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? (() => {});
  // The data folder's exclusive lock comes first: a second hub on the folder is refused here,
  // before it opens the database or recovers anything (a print in progress stays as it is).
  const startedAt = new Date().toISOString();
  const lock = holdHubLock(options.dataDir, { pid: process.pid, port: null, host: null, startedAt });
  // Everything the hub opens is added here as it is opened; a failed start and close() release it
  // all, last opened first. The lock goes last, once the database is closed: until then
  // `loket restore` and another hub are refused.
  const teardown = new Teardown(log);
  teardown.add('data folder lock', () => lock.release());
  let listening = false;
  try {
    // A folder or database others can read is made private (and said so in the log).
    protectDataFolder(options.dataDir, log);
    const backup = options.backup ? backupPlan(options.dataDir, options.backup) : null;
    // Read before the database opens: a key file others can read stops the hub at once.
    const biometricKey = options.biometricKey ?? loadBiometricKeyFile(biometricKeyFile(options.dataDir));
    const store = new Store(openDatabase(options.dataDir));
    teardown.add('database', () => store.close());
    // The log copied back into the file from a worker, not inside a citizen's check-in.
    const checkpoints = startCheckpointer(store.db, { log });
    teardown.add('WAL checkpoints', () => checkpoints.close());
    // A configuration damaged behind the hub's back is said at once; /healthz goes on saying it.
    try {
      store.office.get();
    } catch (error) {
      if (!isLoketError(error)) throw error;
      log(`hub: ${error.code}: ${error.text.en}`);
    }
    // The event chain's head, anchored outside the database at start, hourly and at close.
    if (options.anchors !== false && !options.training) {
      const anchors = scheduleAnchors({
        dataDir: options.dataDir,
        store,
        clock: options.clock,
        ...(options.anchors?.everyMinutes ? { everyMinutes: options.anchors.everyMinutes } : {}),
        log,
      });
      teardown.add('event chain anchors', () => anchors.close());
    }
    if (backup) {
      const backups = scheduleBackups({
        dataDir: options.dataDir,
        plan: backup,
        clock: options.clock,
        timeZone: () => store.office.get().timeZone,
        log,
      });
      // The last copy holds everything the floor was told before the hub went quiet; a hub that
      // never listened told nothing.
      teardown.add('backups', () => backups.close({ lastCopy: listening }));
    }
    return await serve(options, { store, biometricKey, teardown, log }, (address) => {
      listening = true;
      // The mark now says where the hub listens (`loket restore` names it).
      lock.mark({ pid: process.pid, port: address.port, host: address.address, startedAt });
    });
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

/** The hub's devices, schedules and HTTP server on an open store; each added to the teardown. */
async function serve(
  options: HubOptions,
  opened: { store: Store; biometricKey: BiometricKey; teardown: Teardown; log: (line: string) => void },
  listening: (address: AddressInfo) => void,
): Promise<Hub> {
  const { store, biometricKey, teardown, log } = opened;
  const stream = new EventStream(store, log);
  // The hub drives the devices of its browser stations: their ticket printers and any scanner the
  // page cannot read as a keyboard. States go into the event log; scans go to the station's pages.
  const hotplug = deviceHotplug();
  teardown.add('hotplug watchers', () => hotplug.close());
  const lastLogged = new Map<string, string>();
  const devices = new DeviceRegistry(
    () => store.stations.devices(),
    {
      stateChanged: (stationId, state) => {
        // Busy while a ticket prints is the screen's business, not the audit trail's: the log
        // keeps a device's changes of condition, not each ticket going through it.
        const key = `${stationId}:${state.slot}`;
        const summary = JSON.stringify([state.state, state.problem, state.warning]);
        if (state.state === 'busy' || lastLogged.get(key) === summary) return;
        lastLogged.set(key, summary);
        recordDeviceState(store, options.clock, stationId, state);
        stream.pump();
      },
      scanned: (stationId, scan) => {
        const frame: ScanFrame = { type: 'scan', text: scan.text, symbology: scan.symbology ?? null };
        stream.deliver(stationId, frame);
      },
      invalid: (stationId, problem) => log(`devices of station ${stationId}: ${problem}`),
    },
    { hotplug, now: () => options.clock.now() },
  );
  teardown.add('device managers', () => devices.close());
  // The fingerprint readers of the counters whose readers are on this machine (or simulated).
  const fingerprints = new FingerprintReaders((stationId) => store.stations.fingerprintReader(stationId));
  teardown.add('fingerprint readers', () => fingerprints.close());
  // The passport printers of the print stations, from each station's stored address.
  // A training floor keeps the data pages its simulated printers print in its data folder.
  const passportPrinters = new PassportPrinters(
    (stationId) => store.stations.passportPrinter(stationId).address,
    {},
    options.training ? path.join(options.dataDir, trainingDataPagesFolder) : undefined,
  );
  teardown.add('passport printers', () => passportPrinters.close());
  // The stream's sockets go first: the server's close waits for every connection to end. Requests
  // in flight finish before the devices they print on are closed.
  let app: FastifyInstance | null = null;
  teardown.add('HTTP server and event stream', async () => {
    stream.close();
    await app?.close();
  });
  const host = options.host ?? '127.0.0.1';
  const certificate = options.tls || !isLoopback(host) ? hubCertificate(options.dataDir) : null;
  const ticketLogo = logoOrNone(options.logoFile ?? sourceResources.logo, log);
  const ctx: ServiceContext = {
    store,
    clock: options.clock,
    devices,
    ...(ticketLogo ? { ticketLogo } : {}),
    signInAttempts: new AttemptLimiter(5, 5 * 60 * 1000, store.signInFailures),
    ...(options.training ? { training: true } : {}),
    ...(options.training && isMovableClock(options.clock) ? { trainingClock: options.clock } : {}),
    ...(certificate ? { hubFingerprint: certificate.fingerprint } : {}),
    biometricKey,
    fingerprints,
    passportPrinters,
    ...(options.calendarDir ? { calendarDir: options.calendarDir } : {}),
    ...(options.ocrbFont ? { ocrbFont: options.ocrbFont } : {}),
    ...(options.anchors !== false && !options.training ? { anchorsFile: anchorsFile(options.dataDir) } : {}),
  };
  const { tickMs = 30_000, ...pullOptions } = options.appointmentFeed ?? {};
  const feedSchedule = new AppointmentFeedSchedule(ctx, { ...pullOptions, log });
  teardown.add('appointment feed', () => feedSchedule.close());
  ctx.appointmentFeed = feedSchedule;
  // The console's simulator runs: in memory, on worker threads, stopped when the hub closes.
  const simulations = new ConsoleSimulations();
  teardown.add('simulator runs', () => simulations.close());
  ctx.simulations = simulations;
  await devices.sync();
  const deviceSync = setInterval(() => void devices.sync(), options.deviceSyncMs ?? 2000);
  deviceSync.unref();
  teardown.add('device sync timer', () => clearInterval(deviceSync));
  // Biometric images go a set number of days after handover: looked for at start and hourly.
  const purge = () => {
    try {
      const purged = purgeBiometrics(ctx, { stationId: null, actor: 'hub' });
      if (purged.images)
        log(`purged ${purged.images} biometric images of ${purged.applications} applications`);
    } catch (error) {
      log(`biometric purge failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  purge();
  const purgeTimer = setInterval(purge, 60 * 60_000);
  purgeTimer.unref();
  teardown.add('biometric purge timer', () => clearInterval(purgeTimer));
  const interrupted = recoverInterruptedPrints(ctx);
  if (interrupted) log(`${interrupted} passport print(s) interrupted by the last stop: back in the queue`);
  // "Passport ready" messages through the office's GSM modem (office sms.modem), queued and retried.
  const smsSender = new SmsSender(ctx, undefined, log);
  smsSender.start(options.smsTickMs ?? 30_000);
  teardown.add('SMS sender', () => smsSender.stop());
  // The office's log to the central store, while linked (issue 25): never in the floor's way.
  if (!options.training) {
    const shipper = new CentralShipper(store, options.clock, { log, ...options.centralLink });
    shipper.start();
    teardown.add('central link', () => shipper.close());
  }
  // The front page names the data folder in its commands only to this PC's own browser.
  const landingSteps = nextSteps({
    dataDir: isLoopback(host) && !options.training ? options.dataDir : null,
    training: options.training ?? false,
  });
  const server = buildApp(ctx, stream, log, options.uiDir, options.audioDir, certificate, landingSteps);
  app = server;
  serveUpdates(server, ctx, options.dataDir);

  server.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    const station = url.pathname === '/api/events' ? authenticateRequest(ctx, request.headers) : null;
    if (!station) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    let officerClient: string | null;
    try {
      officerClient = clientOf(request.headers);
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const after = Number(url.searchParams.get('after') ?? '0');
    // A bearer token is a station's own runtime (a desktop app, `loket station run`); a session, a page.
    const client = request.headers.authorization !== undefined ? 'replica' : 'browser';
    stream.accept(
      request,
      socket,
      head,
      station,
      Number.isSafeInteger(after) && after >= 0 ? after : 0,
      client,
      officerClient,
    );
  });

  await server.listen({ port: options.port ?? 0, host });
  feedSchedule.start(tickMs);
  const address = server.server.address() as AddressInfo;
  const listeningOn = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  listening(address);
  return {
    url: `${certificate ? 'https' : 'http'}://${listeningOn}:${address.port}`,
    port: address.port,
    fingerprint: certificate?.fingerprint ?? null,
    spkiSha256: certificate?.spkiSha256 ?? null,
    store,
    devices,
    fingerprints,
    passportPrinters,
    simulations,
    async close() {
      await teardown.run();
    },
  };
}

function buildApp(
  ctx: ServiceContext,
  stream: EventStream,
  log: (line: string) => void,
  uiDir: string | undefined,
  audioDir: string | undefined,
  certificate: HubCertificate | null,
  landingSteps: readonly NextStep[],
): FastifyInstance {
  const app = Fastify({
    // Each route's own limit (./bodies.ts): this one is every operation's but those carrying files.
    bodyLimit: operationBodyLimit,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: true,
    ...(certificate ? { https: { key: certificate.key, cert: certificate.cert } } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('station', null);
  app.decorateRequest('client', null);
  // Operations take JSON only: Fastify's built-in text/plain parser would hand a string to the
  // schema (400) where the caller sent the wrong media type (415).
  app.removeContentTypeParser('text/plain');
  // No body nested deeper than the contract needs is parsed, on any route.
  boundJsonBodies(app);

  // No page of the hub may be framed (clickjacking); a TLS hub tells browsers never to drop to HTTP.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY');
    if (certificate) reply.header('strict-transport-security', `max-age=${hstsMaxAgeSeconds}`);
  });

  app.addHook('onRequest', async (request) => {
    // Decide by the route the router matched, not the raw URL: `/%61pi/checkIn` is routed to
    // `/api/:operation` too. Unmatched URLs under /api/ still need a token (no operation names leak).
    const route = request.routeOptions.url ?? request.url;
    if (!route.startsWith('/api/')) return;
    const station = authenticateRequest(ctx, request.headers);
    if (!station) throw unauthorized();
    request.station = station;
    request.client = clientOf(request.headers);
  });

  // A browser station signs in once with its token in the body and holds a session cookie after.
  app.post('/auth/session', { bodyLimit: tokenlessBodyLimit }, async (request, reply) => {
    const input = sessionInput.safeParse(request.body);
    if (!input.success) {
      throw new LoketError('INVALID_INPUT', {
        id: 'Kirim token stasiun sebagai {"token": "…"}.',
        en: 'Send the station token as {"token": "…"}.',
      });
    }
    const { station, secret } = openBrowserSession(ctx, input.data.token, input.data.mode);
    reply.header('set-cookie', sessionCookieHeader(secret, request.protocol === 'https'));
    return { id: station.id, name: station.name, mode: station.mode };
  });
  app.delete('/auth/session', async (request, reply) => {
    const secret = sessionSecretOf(request.headers);
    if (secret) endBrowserSession(ctx, secret);
    reply.header('set-cookie', clearedSessionCookieHeader(request.protocol === 'https'));
    return reply.code(204).send();
  });

  servePairing(app, ctx, certificate?.fingerprint ?? null);

  // Healthy only while the floor can serve: a configuration damaged behind the hub's back is named.
  app.get('/healthz', async (_request, reply) => {
    const problem = floorProblem(ctx);
    if (problem) reply.code(503);
    return {
      ok: problem === null,
      lastEvent: ctx.store.events.lastSeq(),
      ...(problem ? { problem: { code: problem.code, message: problem.text } } : {}),
      ...(ctx.training ? { training: true } : {}),
    };
  });
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .send(landingPage(ctx, landingSteps)),
  );

  serveStationUi(app, uiDir, audioDir);
  // The day's aggregate waits for anyone, no sign-in: the answer to calo (README "The public page").
  servePublicPage(app, ctx, () => showOffice(ctx).config.name);

  const commits = new GroupCommit(ctx.store);
  // The events a commit wrote go out to the floor as soon as it is on disk, before its answers:
  // the first request answered from a group commit publishes the whole batch; the others find
  // nothing new. (The stream's timer also catches writes made beside the hub.)
  let publishedThisTurn = false;
  const handle = async (operation: string, request: FastifyRequest, reply: FastifyReply) => {
    if (!request.station) throw unauthorized();
    const station = request.station;
    const client = request.client;
    // A command from a station's outbox carries its id: applied once, its answer kept for resends.
    const commandId = commandIdOf(request.headers[commandHeader]);
    const commandAt = commandAtOf(request.headers[commandAtHeader]);
    const result = await commits.submit(() =>
      commandId
        ? invokeOnce(ctx, station, commandId, operation, request.body, commandAt, client)
        : invoke(ctx, station, operation, request.body, client),
    );
    if (!publishedThisTurn) {
      publishedThisTurn = true;
      stream.pump();
      setImmediate(() => {
        publishedThisTurn = false;
      });
    }
    return reply.send(result);
  };
  app.post<{ Params: { operation: string } }>('/api/:operation', async (request, reply) =>
    handle(request.params.operation, request, reply),
  );
  // The operations carrying files read larger bodies; the router prefers these to `/api/:operation`.
  for (const operation of fileOperations) {
    app.post(`/api/${operation}`, { bodyLimit: fileBodyLimit }, async (request, reply) =>
      handle(operation, request, reply),
    );
  }

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, request.url.startsWith('/api/') ? 'UNKNOWN_OPERATION' : 'NOT_FOUND', {
      id: 'Alamat tidak ditemukan.',
      en: 'No such address.',
    });
  });

  app.setErrorHandler((error: FastifyError | LoketError, request: FastifyRequest, reply: FastifyReply) => {
    if (isLoketError(error)) {
      // A lockout says when to try again, in seconds, as HTTP does (RFC 9110 §10.2.3).
      const retryAfter = error.details.retryAfterSeconds;
      if (error.code === 'TOO_MANY_ATTEMPTS' && typeof retryAfter === 'number')
        reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      reply.code(httpStatusOf[error.code]).send({ error: error.toJSON() });
      return;
    }
    const mapped = fromFastifyError(error);
    if (mapped.code === 'INTERNAL') log(`${request.method} ${request.url}: ${error.stack ?? error.message}`);
    sendError(reply, mapped.code, mapped.message);
  });
  return app;
}

/** A device's new state, kept in the log so the audit trail shows when the paper ran out. */
function recordDeviceState(store: Store, clock: Clock, stationId: string, state: DeviceState): void {
  store.transaction(() => {
    store.events.emit({
      type: 'device.state',
      at: clock.now(),
      actor: 'hub',
      station: stationId,
      payload: state,
    });
  });
}

/** The station's token is not (or no longer) good: `details.station` tells a station runtime so. */
function unauthorized(): LoketError {
  return new LoketError(
    'UNAUTHORIZED',
    {
      id: 'Stasiun belum terdaftar atau token salah.',
      en: 'Unknown station or wrong token.',
    },
    { station: 'not_registered' },
  );
}

function sendError(reply: FastifyReply, code: ErrorCode, message: Bilingual): void {
  reply.code(httpStatusOf[code]).send({ error: { code, message } });
}

function fromFastifyError(error: FastifyError): { code: ErrorCode; message: Bilingual } {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        code: 'PAYLOAD_TOO_LARGE',
        message: { id: 'Data terlalu besar.', en: 'Request body too large.' },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        code: error.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_JSON',
        message: { id: 'Kirim data sebagai application/json.', en: 'Send the body as application/json.' },
      };
    default:
      if (error.statusCode === 413) {
        return {
          code: 'PAYLOAD_TOO_LARGE',
          message: { id: 'Data terlalu besar.', en: 'Request body too large.' },
        };
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return { code: 'INVALID_JSON', message: { id: 'JSON tidak valid.', en: 'Malformed JSON.' } };
      }
      return {
        code: 'INTERNAL',
        message: { id: 'Terjadi kesalahan di hub.', en: 'Something went wrong in the hub.' },
      };
  }
}

/** The headers an outbox command travels with: its id, made by the station, and when it was done. */
export const commandHeader = 'x-loket-command';
export const commandAtHeader = 'x-loket-command-at';

function commandAtOf(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const at = Number(value);
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(at)) {
    throw new LoketError('INVALID_INPUT', {
      id: 'Waktu perintah harus berupa milidetik epoch.',
      en: `The ${commandAtHeader} header must be epoch milliseconds.`,
    });
  }
  return at;
}

function commandIdOf(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) {
    throw new LoketError('INVALID_INPUT', {
      id: 'Nomor perintah harus berupa UUID.',
      en: `The ${commandHeader} header must be a UUID.`,
    });
  }
  return parsed.data;
}

/** `mode`: the page's mode; a token of another mode is refused and no session is opened. */
const sessionInput = z
  .object({ token: z.string().min(1).max(200), mode: z.enum(stationModes).optional() })
  .strict();

/** Why the floor cannot serve now (its stored configuration is damaged), or null. */
function floorProblem(ctx: ServiceContext): LoketError | null {
  try {
    ctx.store.office.get();
    return null;
  } catch (error) {
    if (isLoketError(error)) return error;
    throw error;
  }
}
