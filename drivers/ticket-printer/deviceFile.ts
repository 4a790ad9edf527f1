/**
 * Ticket printers on a Linux USB printer-class device file (`/dev/usb/lp0`, the usblp driver). Most
 * thermal printers are bidirectional there: DLE EOT goes out through the file and the replies come
 * back through it. The file is opened non-blocking for each operation and closed after it, so no
 * read ever waits in a libuv thread and a printer plugged back in is found at the next one.
 */
import fs from 'node:fs';
import tty from 'node:tty';
import { promisify } from 'node:util';
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

export interface DeviceFilePrinterOptions {
  /** `/dev/usb/lp0`, or a udev link to it. */
  path: string;
  /**
   * `dle-eot` (default): ask the printer through the file. `none`, for a printer whose port sends
   * nothing back: it counts as ready whenever the file opens for writing.
   */
  status?: 'dle-eot' | 'none';
  /** How long the printer may take to answer the four status queries together, in ms (1000). */
  answerTimeoutMs?: number;
  /** How long the printer may take to accept a job, in ms (5000). */
  writeTimeoutMs?: number;
  /** How often a read or write that found nothing to do is tried again, in ms (5). */
  pollMs?: number;
}

export function openDeviceFilePrinter(options: DeviceFilePrinterOptions): StatusCheckedPrinter {
  return new StatusCheckedPrinter(() => openDeviceFile(options));
}

const { O_RDWR, O_WRONLY, O_NONBLOCK, O_NOCTTY } = fs.constants;
const openAsync = promisify(fs.open);
const readAsync = promisify(fs.read);
const writeAsync = promisify(fs.write);
const closeAsync = promisify(fs.close);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A printer that cannot be asked but whose file opened: taken as ready, though it never answered. */
const unaskedReady: PrinterStatus = {
  ...unreachableStatus('no_answer'),
  state: 'ready',
  online: true,
  unreachable: null,
};

/** Opens the file for one operation; resolves to why not (ENOENT, ENODEV: `not_found`). */
export async function openDeviceFile(options: DeviceFilePrinterOptions): Promise<PrinterLink | Unreachable> {
  const asks = (options.status ?? 'dle-eot') === 'dle-eot';
  try {
    const fd = await openAsync(options.path, (asks ? O_RDWR : O_WRONLY) | O_NONBLOCK | (O_NOCTTY ?? 0));
    return new DeviceFileLink(fd, asks, options);
  } catch (error) {
    return unreachableFromError(error);
  }
}

class DeviceFileLink implements PrinterLink {
  readonly #pollMs: number;
  #closed = false;

  constructor(
    private readonly fd: number,
    private readonly asks: boolean,
    private readonly options: DeviceFilePrinterOptions,
  ) {
    this.#pollMs = options.pollMs ?? 5;
  }

  async status(): Promise<PrinterStatus> {
    if (!this.asks) return unaskedReady;
    const timeoutMs = this.options.answerTimeoutMs ?? 1000;
    const deadline = performance.now() + timeoutMs;
    try {
      await this.#discardUnasked();
      await this.#writeAll(Buffer.concat(statusQueries.map(statusCommand)), timeoutMs);
      const replies: number[] = [];
      const buffer = Buffer.alloc(64);
      while (replies.length < statusQueries.length) {
        const count = await this.#read(buffer);
        if (count > 0) replies.push(...buffer.subarray(0, count));
        else if (performance.now() >= deadline) return unreachableStatus('no_answer');
        else await pause(this.#pollMs);
      }
      return statusFromReplies(replies);
    } catch (error) {
      return unreachableStatus(
        (error as { timedOut?: boolean }).timedOut ? 'no_answer' : unreachableFromError(error),
      );
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.#writeAll(bytes, this.options.writeTimeoutMs ?? 5000);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await closeAsync(this.fd).catch(() => undefined);
  }

  /** Replies nobody waited for (a late answer to an earlier operation) are not this one's. */
  async #discardUnasked(): Promise<void> {
    const buffer = Buffer.alloc(256);
    for (let reads = 0; reads < 16 && (await this.#read(buffer)) > 0; reads++);
  }

  /** Bytes read now; 0 when there are none yet (EAGAIN, or usblp's empty reply). */
  async #read(buffer: Buffer): Promise<number> {
    try {
      const { bytesRead } = await readAsync(this.fd, buffer, 0, buffer.length, null);
      // A terminal that reads end of file has hung up: its device is gone.
      if (bytesRead === 0 && tty.isatty(this.fd))
        throw Object.assign(new Error('The device hung up.'), { code: 'EIO' });
      return bytesRead;
    } catch (error) {
      if (isWouldBlock(error)) return 0;
      throw error;
    }
  }

  /** Writes everything, waiting while the printer's buffer is full (EAGAIN) up to `timeoutMs`. */
  async #writeAll(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (let offset = 0; offset < bytes.length;) {
      try {
        const { bytesWritten } = await writeAsync(this.fd, bytes, offset, bytes.length - offset);
        offset += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (error) {
        if (!isWouldBlock(error)) throw error;
      }
      if (performance.now() >= deadline)
        throw Object.assign(new Error(`The printer did not take the data in ${timeoutMs} ms.`), {
          timedOut: true,
        });
      await pause(this.#pollMs);
    }
  }
}

const isWouldBlock = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR';
};
