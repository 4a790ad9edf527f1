/**
 * Scanners in serial / USB-CDC mode (a /dev/ttyACM*, /dev/ttyUSB* or COM port) through
 * `serialport`. The bytes go through `ScanFramer`; this file owns only the port: opening it with the
 * configured line settings and noticing when it goes away (`ReopeningScanner` brings it back).
 * Domain-free: it hands on text, never a check-in.
 */
import { SerialPort } from 'serialport';
import {
  closePort,
  defaultLine,
  endReadsOnHangup,
  isMissingPort,
  type SerialLineOptions,
} from '../serial/port.ts';
import { ScanFramer, defaultFrameOptions, type Frame, type FrameOptions } from './frames.ts';
import { ReopeningScanner, dropMessages, type ReopenOptions, type ScannerMessage } from './scanner.ts';

export {
  defaultReopen,
  type ReopenOptions,
  type Scan,
  type ScannerError,
  type ScannerErrorCode,
  type ScannerEvents,
  type ScannerStatus,
} from './scanner.ts';
export { defaultLine, type SerialLineOptions };

export type SerialScannerOptions = Pick<SerialLineOptions, 'path'> &
  Partial<Omit<SerialLineOptions, 'path'>> &
  Partial<FrameOptions> & {
    reopen?: Partial<ReopenOptions>;
    /** The clock scans are stamped with, in ms. */
    now?: () => number;
  };

const portMessage: ScannerMessage = {
  id: 'Pemindai tidak dapat dibuka.',
  en: 'The scanner’s port cannot be opened.',
};

/**
 * One serial scanner. Opens at `open()` and keeps itself open until `close()`: when the port
 * disappears it reports `disconnected` and tries again after 0.5 s, 1 s, 2 s … every 5 s at most.
 * `error` events are only emitted while someone listens, so an unwatched scanner never throws.
 */
export class SerialScanner extends ReopeningScanner {
  readonly line: SerialLineOptions;
  private readonly framer: ScanFramer;
  private port: SerialPort | null = null;

  constructor(options: SerialScannerOptions) {
    const { path, reopen, now, ...rest } = options;
    super(reopen, now);
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
  }

  protected async release(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port) await closePort(port);
  }

  protected attempt(): Promise<void> {
    const port = new SerialPort({ ...this.line, autoOpen: false });
    return new Promise((resolve) => {
      port.open((err) => {
        if (this.closed) {
          if (!err) port.close(() => undefined);
          return resolve();
        }
        if (err) {
          // No such device: unplugged. Anything else (permissions, a busy port) needs a person.
          if (isMissingPort(err)) this.failed('disconnected');
          else this.failed('error', { message: portMessage, detail: err.message });
          return resolve();
        }
        endReadsOnHangup(port);
        this.port = port;
        port.on('data', (chunk: Buffer) => this.receive(chunk));
        port.on('error', (error: Error) => this.portLost(port, error));
        port.on('close', () => this.portLost(port, null));
        this.opened();
        resolve();
      });
    });
  }

  private receive(chunk: Buffer): void {
    this.handle(this.framer.push(chunk, this.now()));
    this.watchStale(this.framer.pending, this.framer.options.interCharTimeoutMs, () =>
      this.handle(this.framer.tick(this.now())),
    );
  }

  private handle(frames: Frame[]): void {
    const at = this.now();
    for (const frame of frames) {
      if (frame.kind === 'scan') this.emit('scan', { text: frame.text, at });
      else this.report(frame.reason, dropMessages[frame.reason], `${frame.bytes} bytes`);
    }
  }

  private portLost(port: SerialPort, error: Error | null): void {
    if (port !== this.port) return;
    this.port = null;
    port.removeAllListeners('data');
    if (port.isOpen) port.close(() => undefined);
    // A scan half-read when the cable came out must not be glued to the first one after.
    this.handle(this.framer.tick(Infinity));
    if (!this.closed && error && !/disconnect|hung up|EIO|closed/i.test(error.message))
      this.report('port', portMessage, error.message);
    this.lost();
  }
}
