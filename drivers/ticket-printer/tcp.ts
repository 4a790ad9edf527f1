import net from 'node:net';
import { StatusCheckedPrinter, type PrinterLink } from './printer.ts';
import {
  statusCommand,
  statusFromReplies,
  statusQueries,
  unreachableStatus,
  type PrinterStatus,
  type Unreachable,
} from './status.ts';

export interface TcpPrinterOptions {
  host: string;
  /** Raw printing port; 9100 on nearly every network printer. */
  port?: number;
  connectTimeoutMs?: number;
  /** How long the printer may take to answer the four status queries together. */
  answerTimeoutMs?: number;
  writeTimeoutMs?: number;
}

/** A network thermal printer on raw TCP (port 9100). */
export function openTcpPrinter(options: TcpPrinterOptions): StatusCheckedPrinter {
  return new StatusCheckedPrinter(() => connectTcp(options));
}

/** Opens one connection; resolves to why not when the printer cannot be reached. */
export function connectTcp(options: TcpPrinterOptions): Promise<PrinterLink | Unreachable> {
  const timeout = options.connectTimeoutMs ?? 2000;
  return new Promise((resolve) => {
    const socket = net.connect({ host: options.host, port: options.port ?? 9100 });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('connect_timeout');
    }, timeout);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'connection_lost');
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(new TcpLink(socket, options));
    });
  });
}

class TcpLink implements PrinterLink {
  #received: number[] = [];
  #waiting: (() => void) | null = null;
  #lost = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: TcpPrinterOptions,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.#received.push(...chunk);
      this.#waiting?.();
    });
    const lose = () => {
      this.#lost = true;
      this.#waiting?.();
    };
    // An error is always followed by close; both just mark the link lost.
    socket.on('error', lose);
    socket.on('close', lose);
  }

  async status(): Promise<PrinterStatus> {
    if (this.#lost) return unreachableStatus('connection_lost');
    this.#received = []; // anything unasked-for before now is not an answer
    this.socket.write(Buffer.concat(statusQueries.map(statusCommand)));
    const answered = await this.#awaitBytes(statusQueries.length, this.options.answerTimeoutMs ?? 1000);
    if (answered === 'timeout') return unreachableStatus('no_answer');
    if (answered === 'lost') return unreachableStatus('connection_lost');
    return statusFromReplies(this.#received.splice(0, statusQueries.length));
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#lost) return reject(new Error('connection lost'));
      const timer = setTimeout(
        () => reject(new Error('the printer did not take the data in time')),
        this.options.writeTimeoutMs ?? 5000,
      );
      this.socket.write(bytes, (error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      const timer = setTimeout(() => this.socket.destroy(), 1000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }

  #awaitBytes(count: number, timeoutMs: number): Promise<'ok' | 'timeout' | 'lost'> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.#received.length >= count) finish('ok');
        else if (this.#lost) finish('lost');
      };
      const finish = (result: 'ok' | 'timeout' | 'lost') => {
        clearTimeout(timer);
        this.#waiting = null;
        resolve(result);
      };
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      this.#waiting = check;
      check();
    });
  }
}
