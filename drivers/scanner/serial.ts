/**
 * Scanners in serial / USB-CDC mode (a /dev/ttyACM*, /dev/ttyUSB* or COM port) through
 * `serialport`. The bytes go through `ScanFramer`; this file owns only the port: opening it with the
 * configured line settings, noticing when it goes away, and reopening it with back-off until the
 * scanner is back. Domain-free: it hands on text, never a check-in.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { unixRead } from '@serialport/bindings-cpp/dist/unix-read.js';
import { SerialPort } from 'serialport';
import { ScanFramer, defaultFrameOptions, type DropReason, type Frame, type FrameOptions } from './frames.ts';

export interface Scan {
  text: string;
  /** When the last byte of the scan arrived (the driver's clock, ms). */
  at: number;
}

export type ScannerStatus = 'ready' | 'disconnected' | 'error';

export type ScannerErrorCode = DropReason | 'port';

/** A problem worth a log line or a mark on the supervisor view; the driver carries on after it. */
export interface ScannerError {
  code: ScannerErrorCode;
  message: { id: string; en: string };
  /** Bytes thrown away, or the port's own error text. */
  detail: string;
}

export interface ScannerEvents {
  scan: [scan: Scan];
  status: [status: ScannerStatus];
  error: [error: ScannerError];
}

export interface SerialLineOptions {
  /** `/dev/ttyACM0`, a `/dev/serial/by-id/…` link, `COM3`. */
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
}

export interface ReopenOptions {
  /** First wait after the port goes away; doubled after each failed reopen, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export type SerialScannerOptions = Pick<SerialLineOptions, 'path'> &
  Partial<Omit<SerialLineOptions, 'path'>> &
  Partial<FrameOptions> & {
    reopen?: Partial<ReopenOptions>;
    /** The clock scans are stamped with, in ms. */
    now?: () => number;
  };

export const defaultLine: Omit<SerialLineOptions, 'path'> = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
};

export const defaultReopen: ReopenOptions = { initialDelayMs: 500, maxDelayMs: 5000 };

const messages: Record<ScannerErrorCode, { id: string; en: string }> = {
  overlong: {
    id: 'Data pemindai terlalu panjang dan dibuang.',
    en: 'The scanner sent more data than any code holds; it was discarded.',
  },
  garbled: {
    id: 'Data pemindai rusak dan dibuang.',
    en: 'The scanner sent unreadable data; it was discarded.',
  },
  incomplete: {
    id: 'Pindaian tidak lengkap dan dibuang.',
    en: 'A scan never ended (check the scanner’s terminator setting); it was discarded.',
  },
  port: {
    id: 'Pemindai tidak dapat dibuka.',
    en: 'The scanner’s port cannot be opened.',
  },
};

/**
 * One serial scanner. Opens at `open()` and keeps itself open until `close()`: when the port
 * disappears it reports `disconnected` and tries again after 0.5 s, 1 s, 2 s … every 5 s at most.
 * `error` events are only emitted while someone listens, so an unwatched scanner never throws.
 */
export class SerialScanner extends EventEmitter<ScannerEvents> {
  readonly line: SerialLineOptions;
  readonly reopen: ReopenOptions;
  private readonly framer: ScanFramer;
  private readonly now: () => number;
  private port: SerialPort | null = null;
  private state: ScannerStatus | null = null;
  private started = false;
  private closed = false;
  private delayMs: number;
  private reopenTimer: NodeJS.Timeout | null = null;
  private staleTimer: NodeJS.Timeout | null = null;

  constructor(options: SerialScannerOptions) {
    super();
    const { path, reopen, now, ...rest } = options;
    this.line = {
      path,
      baudRate: rest.baudRate ?? defaultLine.baudRate,
      dataBits: rest.dataBits ?? defaultLine.dataBits,
      parity: rest.parity ?? defaultLine.parity,
      stopBits: rest.stopBits ?? defaultLine.stopBits,
    };
    this.framer = new ScanFramer({
      prefix: rest.prefix ?? defaultFrameOptions.prefix,
      terminator: rest.terminator ?? defaultFrameOptions.terminator,
      maxLength: rest.maxLength ?? defaultFrameOptions.maxLength,
      interCharTimeoutMs: rest.interCharTimeoutMs ?? defaultFrameOptions.interCharTimeoutMs,
    });
    this.reopen = { ...defaultReopen, ...reopen };
    this.delayMs = this.reopen.initialDelayMs;
    this.now = now ?? (() => performance.now());
  }

  /** The last status reported, or null before the first attempt has finished. */
  get status(): ScannerStatus | null {
    return this.state;
  }

  /** Starts the first attempt; resolves once it has succeeded or failed (and a retry is planned). */
  open(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('This scanner was closed.'));
    if (this.started) return Promise.reject(new Error('This scanner is already open.'));
    this.started = true;
    return this.attempt();
  }

  /** Stops for good: closes the port and plans no more reopening. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private attempt(): Promise<void> {
    this.reopenTimer = null;
    const port = new SerialPort({ ...this.line, autoOpen: false });
    return new Promise((resolve) => {
      port.open((err) => {
        if (this.closed) {
          if (!err) port.close(() => undefined);
          return resolve();
        }
        if (err) {
          // No such device: unplugged. Anything else (permissions, a busy port) needs a person.
          const missing =
            (err as NodeJS.ErrnoException).code === 'ENOENT' || /ENOENT|No such file/.test(err.message);
          this.setStatus(missing ? 'disconnected' : 'error');
          if (!missing) this.report('port', err.message);
          this.planReopen();
          return resolve();
        }
        endReadsOnHangup(port);
        this.port = port;
        this.delayMs = this.reopen.initialDelayMs;
        port.on('data', (chunk: Buffer) => this.receive(chunk));
        port.on('error', (error: Error) => this.lost(port, error));
        port.on('close', () => this.lost(port, null));
        this.setStatus('ready');
        resolve();
      });
    });
  }

  private receive(chunk: Buffer): void {
    this.handle(this.framer.push(chunk, this.now()));
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.staleTimer = null;
    // Without more bytes nothing would ever look at a partial scan again: look once it is stale.
    if (this.framer.pending) {
      this.staleTimer = setTimeout(() => {
        this.staleTimer = null;
        this.handle(this.framer.tick(this.now()));
      }, this.framer.options.interCharTimeoutMs + 10);
    }
  }

  private handle(frames: Frame[]): void {
    const at = this.now();
    for (const frame of frames) {
      if (frame.kind === 'scan') this.emit('scan', { text: frame.text, at });
      else this.report(frame.reason, `${frame.bytes} bytes`);
    }
  }

  private lost(port: SerialPort, error: Error | null): void {
    if (port !== this.port) return;
    this.port = null;
    port.removeAllListeners('data');
    if (port.isOpen) port.close(() => undefined);
    // A scan half-read when the cable came out must not be glued to the first one after.
    this.handle(this.framer.tick(Infinity));
    if (this.closed) return;
    this.setStatus('disconnected');
    if (error && !/disconnect|hung up|EIO|closed/i.test(error.message)) this.report('port', error.message);
    this.planReopen();
  }

  private planReopen(): void {
    if (this.closed || this.reopenTimer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.reopen.maxDelayMs);
    this.reopenTimer = setTimeout(() => void this.attempt(), delay);
  }

  private setStatus(status: ScannerStatus): void {
    if (status === this.state) return;
    this.state = status;
    this.emit('status', status);
  }

  private report(code: ScannerErrorCode, detail: string): void {
    if (this.listenerCount('error') > 0) this.emit('error', { code, message: messages[code], detail });
  }

  private clearTimers(): void {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.reopenTimer = null;
    this.staleTimer = null;
  }
}

const readAsync = promisify(fs.read);

/**
 * bindings-cpp 13 retries a read that returns 0 bytes for ever, but 0 bytes is how Linux says a
 * tty hung up (a USB scanner unplugged, a pty closed): the port would spin and never report the
 * disconnect (serialport/bindings-cpp#162). Here such a read ends the port as disconnected.
 */
function endReadsOnHangup(port: SerialPort): void {
  const binding = port.port;
  if (process.platform === 'win32' || !binding || !('fd' in binding) || !('poller' in binding)) return;
  const unix = binding as Parameters<typeof unixRead>[0]['binding'];
  const readOrHangUp: typeof readAsync = (async (...args: Parameters<typeof readAsync>) => {
    const result = await readAsync(...args);
    if (result.bytesRead === 0)
      throw Object.assign(new Error('The device hung up (end of file).'), { code: 'EIO', disconnect: true });
    return result;
  }) as typeof readAsync;
  unix.read = (buffer, offset, length) =>
    unixRead({ binding: unix, buffer, offset, length, fsReadAsync: readOrHangUp });
}
