/**
 * Ticket printers on a serial line: RS-232, or USB-CDC (`/dev/ttyUSB0`, `/dev/ttyACM0`, `COM3`),
 * through `serialport`. The port is opened at the first operation and kept open between them, since
 * opening a tty can drop DTR (some printers reset) and takes longer than asking; when the device
 * goes away the port is dropped, and the next operation opens the path again.
 */
import type { SerialPort } from 'serialport';
import { closePort, defaultLine, openPort, type SerialLineOptions } from '../serial/port.ts';
import { StatusCheckedPrinter, type PrinterLink } from './printer.ts';
import {
  statusCommand,
  statusFromReplies,
  statusQueries,
  unreachableFromError,
  unreachableStatus,
  type PrinterStatus,
  type Unreachable,
} from './status.ts';

export type SerialPrinterOptions = Pick<SerialLineOptions, 'path'> &
  Partial<Omit<SerialLineOptions, 'path'>> & {
    /** RTS/CTS hardware flow control: the printer holds CTS low while its buffer is full. */
    rtscts?: boolean;
    /** How long the printer may take to answer the four status queries together, in ms (1000). */
    answerTimeoutMs?: number;
    /** How long a job may take to go out; by default 2 s plus twice its time on the wire. */
    writeTimeoutMs?: number;
  };

/** A ticket printer on a serial port; `close()` also closes the port. */
export function openSerialPrinter(options: SerialPrinterOptions): StatusCheckedPrinter {
  return new SerialPrinter(new SerialPrinterPort(options));
}

class SerialPrinter extends StatusCheckedPrinter {
  constructor(private readonly port: SerialPrinterPort) {
    super(() => port.link());
  }

  override async close(): Promise<void> {
    await super.close();
    await this.port.close();
  }
}

type Wait = 'ok' | 'timeout' | 'lost';

/** The printer's port and what it sent back; one operation at a time uses it (printer.ts). */
class SerialPrinterPort {
  readonly line: SerialLineOptions & { rtscts: boolean };
  #port: SerialPort | null = null;
  #received: number[] = [];
  #wake: (() => void) | null = null;

  constructor(private readonly options: SerialPrinterOptions) {
    const { path, baudRate, dataBits, parity, stopBits, rtscts } = options;
    this.line = {
      path,
      baudRate: baudRate ?? defaultLine.baudRate,
      dataBits: dataBits ?? defaultLine.dataBits,
      parity: parity ?? defaultLine.parity,
      stopBits: stopBits ?? defaultLine.stopBits,
      rtscts: rtscts ?? false,
    };
  }

  /** The open port as a link (closing the link leaves it open), or why it cannot be opened. */
  async link(): Promise<PrinterLink | Unreachable> {
    if (!this.#port) {
      try {
        this.#port = this.#watch(await openPort(this.line));
      } catch (error) {
        return unreachableFromError(error);
      }
    }
    const port = this.#port;
    return {
      status: () => this.#status(port),
      write: (bytes) => this.#write(port, bytes),
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (port) await closePort(port);
  }

  #watch(port: SerialPort): SerialPort {
    port.on('data', (chunk: Buffer) => {
      if (port !== this.#port) return;
      this.#received.push(...chunk);
      this.#wake?.();
    });
    // Unplugged: the read fails or hangs up (port.ts) and the port closes; a write fails with EIO.
    const lose = () => {
      if (port !== this.#port) return;
      this.#port = null;
      if (port.isOpen) port.close(() => undefined);
      this.#wake?.();
    };
    port.on('error', lose);
    port.on('close', lose);
    return port;
  }

  async #status(port: SerialPort): Promise<PrinterStatus> {
    if (port !== this.#port) return unreachableStatus('connection_lost');
    this.#received = []; // anything unasked-for before now is not an answer
    port.write(Buffer.concat(statusQueries.map(statusCommand)));
    const answered = await this.#until(
      port,
      () => this.#received.length >= statusQueries.length,
      this.options.answerTimeoutMs ?? 1000,
    );
    if (answered === 'lost') return unreachableStatus('connection_lost');
    if (answered === 'timeout') {
      // Queries still waiting behind a held CTS must not be answered into the next operation.
      port.flush(() => undefined);
      return unreachableStatus('no_answer');
    }
    return statusFromReplies(this.#received.splice(0, statusQueries.length));
  }

  async #write(port: SerialPort, bytes: Uint8Array): Promise<void> {
    if (port !== this.#port) throw new Error('The printer’s port went away.');
    const drain: { result: 'pending' | 'done' | Error } = { result: 'pending' };
    port.write(Buffer.from(bytes));
    port.drain((error) => {
      drain.result = error ?? 'done';
      this.#wake?.();
    });
    const timeoutMs = this.options.writeTimeoutMs ?? 2000 + 2 * this.#wireMs(bytes.length);
    const result = await this.#until(port, () => drain.result !== 'pending', timeoutMs);
    if (result === 'ok' && drain.result === 'done') return;
    // What has not gone out yet is thrown away, so the slip cannot come out later unannounced.
    if (result === 'timeout') port.flush(() => undefined);
    if (drain.result instanceof Error) throw drain.result;
    throw new Error(
      result === 'lost'
        ? 'The printer’s port went away.'
        : `The printer did not take the job in ${timeoutMs} ms.`,
    );
  }

  /** How long `count` bytes take on the line: a start bit, the data bits, parity, the stop bits. */
  #wireMs(count: number): number {
    const { baudRate, dataBits, parity, stopBits } = this.line;
    return (count * (1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits) * 1000) / baudRate;
  }

  #until(port: SerialPort, done: () => boolean, timeoutMs: number): Promise<Wait> {
    return new Promise((resolve) => {
      const finish = (result: Wait) => {
        clearTimeout(timer);
        this.#wake = null;
        resolve(result);
      };
      const check = () => {
        if (done()) finish('ok');
        else if (port !== this.#port) finish('lost');
      };
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      this.#wake = check;
      check();
    });
  }
}
