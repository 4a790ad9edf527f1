import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type net from 'node:net';
import { selfSignedCertificate } from '../http/certificate.ts';
import { isFingerName, isoPosition, slaps, type FingerName } from './fingers.ts';
import { chainHash, isHashHex } from './hashChain.ts';
import { customVerbFront, verbHeader } from './customVerbs.ts';
import { encodeFingerImageRecord } from './iso19794.ts';
import { encodeGrayJpeg } from './jpeg.ts';
import { signJws, unsignedJws } from './jws.ts';
import { writeGrayPng } from './png.ts';
import { isoSeconds, isTransactionId, operations, type DeviceStatus, type Operation } from './protocol.ts';
import { syntheticFingerprint } from './synthetic.ts';

/**
 * A fingerprint reader's SBI device service, simulated for tests and the training floor: a real
 * HTTP service on 127.0.0.1 that takes the spec's verbs (and POST), answers discovery, device info,
 * the live preview (M-JPEG) and registration captures of synthetic fingerprints (PNG inside ISO
 * 19794-4:2011 records, signed with a key of its own, hash-chained). A test or the training
 * console steers it while it runs with `set()`, `unplug()` and `plug()`.
 */
export interface SimulatorOptions {
  /** 0 for any free port. */
  port?: number;
  deviceId?: string;
  /** `Slap` (platens 1 left, 2 right, 3 thumbs) or `Single` (one finger at a time, sub id 0). */
  deviceSubType?: 'Slap' | 'Single';
  serialNo?: string;
  /** Who the simulated applicant is: the same seed gives the same ten fingers. */
  person?: string;
  /** Time between preview frames (ms); the spec asks for 3 frames a second or more. */
  frameIntervalMs?: number;
}

export interface SimulatorControls {
  status: DeviceStatus;
  /** The quality each next capture of a finger yields, one value per capture, e.g. [25, 35, 62]. */
  qualities: Partial<Record<FingerName, number[]>>;
  /** The quality once a finger's sequence is used up. */
  defaultQuality: number;
  /** How long until the reader sees the finger (ms). */
  captureDelayMs: number;
  /** Every capture answers this SBI error until it is cleared with null. */
  error: { code: number; info?: string } | null;
  /** Captures carry hashes that do not chain. */
  brokenHash: boolean;
  /** Behave like a service that refuses the custom verbs and takes POST only. */
  refuseCustomVerbs: boolean;
  /** Sign data and device info (a registered device); false sends them unsigned. */
  signed: boolean;
}

export interface CaptureLog {
  transactionId: string;
  fingers: string[];
  exceptions: string[];
  deviceSubId: number;
  requestedScore: number;
  previousHash: string;
}

type Unplugged = 'close' | 'silent' | null;

const statusErrors: Record<DeviceStatus, { errorCode: string; errorInfo: string }> = {
  Ready: { errorCode: '0', errorInfo: 'Success' },
  Busy: { errorCode: '111', errorInfo: 'Device is Busy' },
  'Not Ready': { errorCode: '110', errorInfo: 'Device is not ready' },
  'Not Registered': { errorCode: '100', errorInfo: 'Device not registered' },
};

let deviceKey: { key: string; cert: string } | null = null;
/** One made-up device key for every simulator of the process: making an RSA key takes a while. */
function signingKey(): { key: string; cert: string } {
  deviceKey ??= selfSignedCertificate('Loket SBI simulator', Date.now());
  return deviceKey;
}

export class SbiSimulator extends EventEmitter<{ capture: [capture: CaptureLog] }> {
  /** Every request as it came over the wire: its method (custom verb or POST) and path. */
  readonly requests: Array<{ method: string; path: string }> = [];
  readonly captures: CaptureLog[] = [];
  private readonly controls: SimulatorControls = {
    status: 'Ready',
    qualities: {},
    defaultQuality: 80,
    captureDelayMs: 300,
    error: null,
    brokenHash: false,
    refuseCustomVerbs: false,
    signed: true,
  };
  private readonly http: http.Server;
  private readonly front: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly attempts = new Map<FingerName, number>();
  private readonly options: Required<SimulatorOptions>;
  private unplugged: Unplugged = null;
  private capturing = false;
  private boundPort = 0;

  private constructor(options: SimulatorOptions) {
    super();
    this.options = {
      port: options.port ?? 0,
      deviceId: options.deviceId ?? '1',
      deviceSubType: options.deviceSubType ?? 'Slap',
      serialNo: options.serialNo ?? 'LOKETSIM00000001',
      person: options.person ?? 'latihan',
      frameIntervalMs: options.frameIntervalMs ?? 200,
    };
    this.http = http.createServer((req, res) => this.handle(req, res));
    this.front = customVerbFront(this.http, {
      verbs: Object.values(operations).map((o) => o.verb),
      refuseCustomVerbs: () => this.controls.refuseCustomVerbs,
      admit: (socket) => {
        if (this.unplugged === 'close') return false;
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        return true;
      },
    });
  }

  static async start(options: SimulatorOptions = {}): Promise<SbiSimulator> {
    const simulator = new SbiSimulator(options);
    signingKey();
    simulator.front.listen(simulator.options.port, '127.0.0.1');
    await once(simulator.front, 'listening'); // rejects with EADDRINUSE when the port is taken
    simulator.boundPort = (simulator.front.address() as net.AddressInfo).port;
    return simulator;
  }

  get port(): number {
    return this.boundPort;
  }

  get deviceSubIds(): number[] {
    return this.options.deviceSubType === 'Slap' ? [1, 2, 3] : [0];
  }

  set(controls: Partial<SimulatorControls>): void {
    const { qualities, ...rest } = controls;
    Object.assign(this.controls, rest);
    if (qualities) this.controls.qualities = { ...this.controls.qualities, ...structuredClone(qualities) };
  }

  /**
   * The reader pulled out. `close`: every connection is cut, a capture in progress included, and
   * new ones are dropped; `silent`: the service stops answering, requests hang.
   */
  unplug(mode: 'close' | 'silent' = 'close'): void {
    this.unplugged = mode;
    if (mode === 'close') for (const socket of this.sockets) socket.destroy();
  }

  plug(): void {
    this.unplugged = null;
  }

  /** Resolves when the next capture request arrives (before it is answered). */
  async waitForCapture(): Promise<CaptureLog> {
    const [capture] = await once(this, 'capture');
    return capture as CaptureLog;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.front.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.http.close();
    await closed;
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const verb = req.headers[verbHeader];
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push({ method: typeof verb === 'string' ? verb : (req.method ?? ''), path });
    res.shouldKeepAlive = false; // one request per connection: see customVerbs.ts
    const operation = (Object.keys(operations) as Operation[]).find((op) => operations[op].path === path);
    if (!operation) return void send(res, 404, { error: 'no such SBI endpoint' });
    if (req.method !== 'POST' || (typeof verb === 'string' && verb !== operations[operation].verb))
      return void send(res, 405, { error: `${operations[operation].verb} or POST` });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 1_000_000) req.destroy();
    });
    req.on('end', () => {
      if (this.unplugged === 'silent') return; // the request hangs, as a dead device service does
      let json: Record<string, unknown> = {};
      try {
        json = body.trim() ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        return void send(res, 200, { error: { errorCode: '101', errorInfo: 'Invalid JSON Value' } });
      }
      if (operation === 'discover') return void send(res, 200, this.wants(json) ? [this.discovery()] : []);
      if (operation === 'info') return void send(res, 200, this.wants(json) ? [this.info()] : []);
      if (operation === 'stream') return this.stream(json, res);
      this.capture(json, res);
    });
  }

  private wants(request: Record<string, unknown>): boolean {
    return request.type === undefined || request.type === 'Finger' || request.type === 'Biometric Device';
  }

  private digitalId(): Record<string, string> {
    return {
      serialNo: this.options.serialNo,
      make: 'Loket',
      model: this.options.deviceSubType === 'Slap' ? 'SIM-SLAP-4-4-2' : 'SIM-SINGLE-1',
      type: 'Finger',
      deviceSubType: this.options.deviceSubType,
      deviceProvider: 'Loket simulator',
      deviceProviderId: 'LOKET-SIM',
      dateTime: isoSeconds(new Date()),
    };
  }

  private registered(): boolean {
    return this.controls.signed && this.controls.status !== 'Not Registered';
  }

  private sign(payload: unknown): string {
    const { key, cert } = signingKey();
    return this.registered() ? signJws(payload, key, cert) : unsignedJws(payload);
  }

  private discovery(): Record<string, unknown> {
    const registered = this.controls.status !== 'Not Registered';
    return {
      deviceId: this.options.deviceId,
      deviceStatus: this.controls.status,
      certification: 'L0',
      serviceVersion: '1.0',
      deviceSubId: this.deviceSubIds.map(String),
      callbackId: `http://127.0.0.1:${this.port}/`,
      digitalId: unsignedJws(this.digitalId()), // discovery's digital ID is never signed
      deviceCode: this.options.serialNo,
      specVersion: ['0.9.5'],
      purpose: registered ? 'Registration' : '',
      error: statusErrors[this.controls.status],
    };
  }

  private info(): Record<string, unknown> {
    const registered = this.controls.status !== 'Not Registered';
    return {
      deviceInfo: this.sign({
        deviceStatus: this.controls.status,
        deviceId: this.options.deviceId,
        firmware: '1.0.0',
        certification: 'L0',
        serviceVersion: '1.0',
        deviceSubId: this.deviceSubIds.map(String),
        callbackId: `http://127.0.0.1:${this.port}/`,
        digitalId: this.sign(this.digitalId()),
        deviceCode: this.options.serialNo,
        env: registered ? 'Developer' : 'None',
        purpose: registered ? 'Registration' : '',
        specVersion: ['0.9.5'],
      }),
      error: statusErrors[this.controls.status],
    };
  }

  private stream(request: Record<string, unknown>, res: http.ServerResponse): void {
    const subId = Number(request.deviceSubId ?? this.deviceSubIds[0]);
    if (this.controls.status === 'Not Ready')
      return void send(res, 200, { error: { errorCode: '202', errorInfo: 'No Device Connected.' } });
    if (this.controls.status === 'Not Registered')
      return void send(res, 200, { error: statusErrors['Not Registered'] });
    if (!this.deviceSubIds.includes(subId))
      return void send(res, 200, {
        error: { errorCode: '109', errorInfo: 'Requested number of biometric (Finger/IRIS) not supported' },
      });
    const finger =
      subId === 0
        ? 'Right IndexFinger'
        : (Object.values(slaps).find((s) => s.deviceSubId === subId)?.fingers[0] ?? 'Right IndexFinger');
    const boundary = 'sbiframe';
    res.writeHead(200, {
      'Content-Type': `multipart/x-mixed-replace; boundary=${boundary}`,
      'Cache-Control': 'no-store',
    });
    let frame = 0;
    const ends = Date.now() + (Number(request.timeout) > 0 ? Number(request.timeout) : 5 * 60_000);
    const next = () => {
      if (res.destroyed || this.unplugged === 'silent') return;
      if (Date.now() >= ends) return void res.end(`--${boundary}--\r\n`);
      // The finger settles on the glass: each frame a little clearer than the last.
      const picture = syntheticFingerprint(finger, {
        person: this.options.person,
        quality: Math.min(90, 20 + 10 * frame),
        attempt: frame,
        width: 160,
        height: 200,
      });
      const jpeg = encodeGrayJpeg(picture, 70);
      res.write(`--${boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
      res.write(jpeg);
      res.write('\r\n');
      frame++;
      this.later(this.options.frameIntervalMs, next);
    };
    next();
  }

  private capture(request: Record<string, unknown>, res: http.ServerResponse): void {
    const bio = (Array.isArray(request.bio) ? request.bio[0] : undefined) as
      Record<string, unknown> | undefined;
    const transactionId = String(request.transactionId ?? '');
    const deviceSubId = Number(bio?.deviceSubId ?? 0);
    const exceptions = (Array.isArray(bio?.exception) ? bio.exception : []).map(String);
    const asked = (Array.isArray(bio?.bioSubType) ? bio.bioSubType : []).map(String);
    const platen = Object.values(slaps).find((s) => s.deviceSubId === deviceSubId);
    const fingers = (asked.length ? asked : (platen?.fingers ?? [])).filter((f) => !exceptions.includes(f));
    const requestedScore = Number(bio?.requestedScore ?? 0);
    const previousHash = String(bio?.previousHash ?? '');
    const timeoutMs = Number(request.timeout) > 0 ? Number(request.timeout) : 10_000;
    const log: CaptureLog = { transactionId, fingers, exceptions, deviceSubId, requestedScore, previousHash };
    this.captures.push(log);
    this.emit('capture', log);
    const refuse = (errorCode: string, errorInfo: string) =>
      send(res, 200, {
        biometrics: [{ specVersion: '0.9.5', data: '', hash: '', error: { errorCode, errorInfo } }],
      });

    if (this.controls.status !== 'Ready')
      return void refuse(
        statusErrors[this.controls.status].errorCode,
        statusErrors[this.controls.status].errorInfo,
      );
    if (this.capturing) return void refuse('111', 'Device is Busy');
    if (this.controls.error)
      return void refuse(String(this.controls.error.code), this.controls.error.info ?? 'Simulated error');
    if (!isTransactionId(transactionId)) return void refuse('112', 'Invalid Transaction ID');
    const validFingers =
      fingers.length > 0 &&
      fingers.every(isFingerName) &&
      Number(bio?.count ?? fingers.length) === fingers.length;
    const onPlaten =
      this.options.deviceSubType === 'Single'
        ? deviceSubId === 0 && fingers.length === 1
        : fingers.every((f) => platen?.fingers.includes(f as FingerName));
    if (bio?.type !== 'Finger' || !validFingers || !onPlaten)
      return void refuse('109', 'Requested number of biometric (Finger/IRIS) not supported');
    if (previousHash !== '' && !isHashHex(previousHash))
      return void refuse('501', 'previousHash is not a SHA-256 in hex');

    const qualities = (fingers as FingerName[]).map((f) => {
      const queued = this.controls.qualities[f];
      const next = queued?.length ? queued.shift() : undefined;
      return next ?? this.controls.defaultQuality;
    });
    const average = qualities.reduce((sum, q) => sum + q, 0) / qualities.length;
    // Good enough: answer as soon as the finger is seen. Not: keep trying until the timeout, then
    // answer the best frame (the spec's rule); a finger never seen by then is error 101.
    const seen = this.controls.captureDelayMs < timeoutMs;
    const answerAt = average >= requestedScore && seen ? this.controls.captureDelayMs : timeoutMs;
    this.capturing = true;
    const timer = this.later(answerAt, () => {
      this.capturing = false;
      if (this.unplugged === 'silent' || res.destroyed) return;
      if (!seen) return void refuse('101', 'Unable to detect a biometric object');
      send(res, 200, {
        biometrics: this.biometrics(fingers as FingerName[], qualities, {
          transactionId,
          requestedScore,
          previousHash,
        }),
      });
    });
    res.once('close', () => {
      if (res.writableFinished) return;
      clearTimeout(timer);
      this.timers.delete(timer);
      this.capturing = false;
    });
  }

  private biometrics(
    fingers: FingerName[],
    qualities: number[],
    asked: { transactionId: string; requestedScore: number; previousHash: string },
  ): unknown[] {
    let previous = asked.previousHash;
    const now = new Date();
    return fingers.map((finger, index) => {
      const quality = qualities[index] ?? this.controls.defaultQuality;
      const attempt = (this.attempts.get(finger) ?? 0) + 1;
      this.attempts.set(finger, attempt);
      const picture = syntheticFingerprint(finger, { person: this.options.person, quality, attempt });
      const iso = encodeFingerImageRecord([
        {
          position: isoPosition(finger),
          quality,
          capturedAt: now,
          width: picture.width,
          height: picture.height,
          ppi: 500,
          bitDepth: 8,
          compression: 'png',
          impression: 0, // live-scan plain
          image: writeGrayPng(picture),
        },
      ]);
      let hash = chainHash(previous, iso);
      if (this.controls.brokenHash) hash = chainHash(hash, iso); // a link that does not follow
      previous = hash;
      const data = {
        digitalId: this.sign(this.digitalId()),
        bioType: 'Finger',
        deviceCode: this.options.serialNo,
        deviceServiceVersion: '1.0',
        bioSubType: finger,
        purpose: 'Registration',
        env: 'Developer',
        bioValue: iso.toString('base64url'),
        transactionId: asked.transactionId,
        timestamp: isoSeconds(now),
        requestedScore: String(asked.requestedScore),
        qualityScore: String(quality),
      };
      return {
        specVersion: '0.9.5',
        data: this.sign(data),
        hash,
        error: { errorCode: '0', errorInfo: 'Success' },
      };
    });
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(text);
}
