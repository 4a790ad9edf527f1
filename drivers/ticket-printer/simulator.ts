import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { closePort, defaultLine, openPort, playOnLine, type SerialLineOptions } from '../serial/port.ts';
import { commandLength, decodeEscPos, isCut, isStatusQuery, type DecodedJob } from './decode.ts';
import type { PrinterError } from './status.ts';

/** What the simulated printer is going through; change it with `set`. */
export interface SimulatedCondition {
  paper: 'ok' | 'near_end' | 'out';
  coverOpen: boolean;
  /** Reports itself offline with no cover or paper cause (e.g. waiting to recover). */
  offline: boolean;
  error: PrinterError | null;
  feedButton: boolean;
  /** False: takes connections and data but never answers a status query, like a hung printer. */
  answering: boolean;
}

/** Everything one job sent apart from status queries, decoded as a slip. */
export interface ReceivedJob {
  bytes: Uint8Array;
  decoded: DecodedJob;
  /** `performance.now()` when the last byte arrived. */
  lastByteAt: number;
  /** The condition while it arrived: a real printer would not have printed it unless ready. */
  condition: SimulatedCondition;
}

const ready: SimulatedCondition = {
  paper: 'ok',
  coverOpen: false,
  offline: false,
  error: null,
  feedButton: false,
  answering: true,
};

/** Where one job ends and the next begins on a conversation. */
interface JobEnds {
  /** After a cut, the first command that is not a line feed starts a new job. */
  atCut: boolean;
  /** The job ends when no job bytes came for this long; null: only when the conversation ends. */
  idleMs: number | null;
}

/** One stream of bytes to the printer: a TCP connection, or a serial line while it is plugged in. */
interface Conversation {
  receive(chunk: Uint8Array): void;
  /** The line went away: what arrived so far is the last job. */
  end(): void;
}

/**
 * The printer itself, whatever the cable: answers DLE EOT n like a real one wherever it appears in
 * the stream (also split across reads; not inside a QR code's or a raster image's data, which it
 * reads as data), fails on command, and keeps every job it received, decoded. `PrinterSimulator`
 * puts it on TCP, `StreamPrinterSimulator` on a serial line or any byte stream.
 */
export class SimulatedPrinter extends EventEmitter<{ job: [ReceivedJob] }> {
  #condition: SimulatedCondition = { ...ready };
  #jobs: ReceivedJob[] = [];
  #statusQueriesAnswered = 0;

  get condition(): SimulatedCondition {
    return { ...this.#condition };
  }

  set(change: Partial<SimulatedCondition>): void {
    this.#condition = { ...this.#condition, ...change };
  }

  /** Back to a ready printer with paper, cover closed, answering. */
  repair(): void {
    this.#condition = { ...ready };
  }

  get jobs(): readonly ReceivedJob[] {
    return this.#jobs;
  }

  get statusQueriesAnswered(): number {
    return this.#statusQueriesAnswered;
  }

  /** Resolves once `count` jobs have arrived in all (since the start or the last `clearJobs`). */
  waitForJobs(count: number): Promise<ReceivedJob[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.#jobs.length < count) return;
        this.off('job', check);
        resolve(this.#jobs.slice(0, count));
      };
      this.on('job', check);
      check();
    });
  }

  clearJobs(): void {
    this.#jobs = [];
  }

  /** The reply a real printer gives to DLE EOT n in this condition. */
  statusByte(n: number): number {
    const c = this.#condition;
    const paperOut = c.paper === 'out';
    const offline = c.offline || c.coverOpen || paperOut || c.error !== null;
    let byte = 0b0001_0010;
    if (n === 1) {
      if (offline) byte |= 0x08;
      if (c.error === 'auto_recoverable') byte |= 0x20;
      if (c.feedButton) byte |= 0x40;
    } else if (n === 2) {
      if (c.coverOpen) byte |= 0x04;
      if (paperOut) byte |= 0x20;
      if (c.error) byte |= 0x40;
    } else if (n === 3) {
      if (c.error === 'autocutter') byte |= 0x08;
      if (c.error === 'unrecoverable') byte |= 0x20;
      if (c.error === 'auto_recoverable') byte |= 0x40;
    } else if (n === 4) {
      if (c.paper !== 'ok') byte |= 0x0c;
      if (paperOut) byte |= 0x60;
    }
    return byte;
  }

  /** Starts reading one stream of bytes; answers go out through `reply`. */
  protected converse(reply: (bytes: Uint8Array) => void, ends: JobEnds): Conversation {
    let partial: Buffer = Buffer.alloc(0); // a command whose rest has not arrived yet
    let job: Buffer[] = [];
    let lastByteAt = 0;
    let conditionDuringJob: SimulatedCondition | null = null;
    let cutSeen = false;
    let idle: NodeJS.Timeout | null = null;

    const add = (bytes: Buffer) => {
      job.push(bytes);
      lastByteAt = performance.now();
      conditionDuringJob ??= this.condition;
    };
    const finish = () => {
      if (idle) clearTimeout(idle);
      idle = null;
      if (partial.length) add(partial); // a command cut short still reached the printer
      partial = Buffer.alloc(0);
      cutSeen = false;
      if (!job.length) return;
      const bytes = Uint8Array.from(Buffer.concat(job));
      job = [];
      const received: ReceivedJob = {
        bytes,
        decoded: decodeEscPos(bytes),
        lastByteAt,
        condition: conditionDuringJob ?? this.condition,
      };
      conditionDuringJob = null;
      this.#jobs.push(received);
      this.emit('job', received);
    };

    return {
      receive: (chunk) => {
        const bytes = Buffer.concat([partial, chunk]);
        let data = false;
        let at = 0;
        for (let length = commandLength(bytes, at); length !== null; length = commandLength(bytes, at)) {
          if (isStatusQuery(bytes, at)) {
            this.#answer(bytes[at + 2] ?? 0, reply);
          } else {
            if (cutSeen && !printsNothing(bytes, at)) finish();
            add(bytes.subarray(at, at + length));
            cutSeen ||= ends.atCut && isCut(bytes, at);
            data = true;
          }
          at += length;
        }
        partial = Buffer.from(bytes.subarray(at));
        if (ends.idleMs === null || !(data || partial.length)) return;
        if (idle) clearTimeout(idle);
        idle = setTimeout(finish, ends.idleMs);
        idle.unref();
      },
      end: finish,
    };
  }

  #answer(n: number, reply: (bytes: Uint8Array) => void): void {
    if (n < 1 || n > 4 || !this.#condition.answering) return;
    reply(Uint8Array.of(this.statusByte(n)));
    this.#statusQueriesAnswered++;
  }
}

/** Line feeds and carriage returns: what the encoder sends after a cut, still part of that slip. */
const printsNothing = (bytes: Uint8Array, at: number): boolean => bytes[at] === 0x0a || bytes[at] === 0x0d;

/**
 * A network thermal printer on 127.0.0.1 for tests and the training mode. Each connection's bytes
 * are one job, ended when the connection closes.
 */
export class PrinterSimulator extends SimulatedPrinter {
  readonly host = '127.0.0.1';
  #sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {
    super();
  }

  static start(condition: Partial<SimulatedCondition> = {}): Promise<PrinterSimulator> {
    return PrinterSimulator.startOn(0, condition);
  }

  /** On a chosen port: a printer switched on again comes back on the address it had. */
  static async startOn(port: number, condition: Partial<SimulatedCondition> = {}): Promise<PrinterSimulator> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const simulator = new PrinterSimulator(server, (server.address() as net.AddressInfo).port);
    simulator.set(condition);
    server.on('connection', (socket) => simulator.#serve(socket));
    return simulator;
  }

  /** Stops listening and drops every connection: from now on a connection is refused. */
  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #serve(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    const conversation = this.converse((bytes) => socket.write(bytes), { atCut: false, idleMs: null });
    socket.on('data', (chunk: Buffer) => conversation.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#sockets.delete(socket);
      conversation.end();
    });
  }
}

export interface StreamPrinterOptions {
  /** A job ends when the line has been quiet this long, in ms (150). */
  idleMs?: number;
  condition?: Partial<SimulatedCondition>;
}

/**
 * The same printer on a serial line or any duplex byte stream: the device end of a socat pty pair
 * in tests, a port wired null-modem to the station in the training room. A serial line has no
 * connection to close, so a job ends when no job bytes came for `idleMs` (status queries do not
 * count), at the first command after a cut other than a line feed, or when the line goes away.
 */
export class StreamPrinterSimulator extends SimulatedPrinter {
  readonly idleMs: number;
  #detach: (() => Promise<void>) | null = null;

  constructor(options: StreamPrinterOptions = {}) {
    super();
    this.idleMs = options.idleMs ?? 150;
    this.set(options.condition ?? {});
  }

  /** True while a stream is attached and has not ended. */
  get attached(): boolean {
    return this.#detach !== null;
  }

  /**
   * Plays the printer on `stream` until it ends or `detach()`, then runs `onDetach` (where
   * `attachPort` closes its port); replaces a stream attached before.
   */
  attach(stream: Duplex, onDetach: () => Promise<void> = async () => undefined): void {
    void this.#detach?.();
    const conversation = this.converse(
      (bytes) => {
        if (stream.writable) stream.write(bytes);
      },
      { atCut: true, idleMs: this.idleMs },
    );
    const detach = playOnLine(
      stream,
      (chunk) => conversation.receive(chunk),
      async () => {
        if (this.#detach === detach) this.#detach = null;
        conversation.end();
        await onDetach();
      },
    );
    this.#detach = detach;
  }

  /**
   * Opens the printer's end of a serial line (`/dev/ttyUSB1`, the device end of a pty pair) and
   * plays the printer on it until the line goes away or `detach()`.
   */
  async attachPort(line: Pick<SerialLineOptions, 'path'> & Partial<SerialLineOptions>): Promise<void> {
    const port: SerialPort = await openPort({ ...defaultLine, ...line });
    this.attach(port, () => closePort(port));
  }

  /** Ends the job in progress and lets go of the stream (closing a port `attachPort` opened). */
  async detach(): Promise<void> {
    await this.#detach?.();
  }
}
