import { EventEmitter } from 'node:events';
import net from 'node:net';
import { decodeEscPos, type DecodedJob } from './decode.ts';
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

/** Everything one connection sent apart from status queries, decoded as a slip. */
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

/**
 * A network thermal printer on 127.0.0.1 for tests and the training mode: answers DLE EOT like a
 * real one, fails on command, and keeps every job it received, decoded.
 */
export class PrinterSimulator extends EventEmitter<{ job: [ReceivedJob] }> {
  readonly host = '127.0.0.1';
  #condition: SimulatedCondition = { ...ready };
  #jobs: ReceivedJob[] = [];
  #sockets = new Set<net.Socket>();
  #statusQueriesAnswered = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {
    super();
  }

  static async start(condition: Partial<SimulatedCondition> = {}): Promise<PrinterSimulator> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const simulator = new PrinterSimulator(server, (server.address() as net.AddressInfo).port);
    simulator.set(condition);
    server.on('connection', (socket) => simulator.#serve(socket));
    return simulator;
  }

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

  /** Stops listening and drops every connection: from now on a connection is refused. */
  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
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

  #serve(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    const job: number[] = [];
    let carry: number[] = [];
    let lastByteAt = 0;
    let conditionDuringJob: SimulatedCondition | null = null;

    socket.on('data', (chunk: Buffer) => {
      const bytes = [...carry, ...chunk];
      carry = [];
      // Like a real printer, DLE EOT n is answered wherever it appears in the stream.
      for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i] as number;
        if (byte === 0x10 && (i + 1 === bytes.length || (bytes[i + 1] === 0x04 && i + 2 === bytes.length))) {
          carry = bytes.slice(i); // a query split across packets
          break;
        }
        const n = bytes[i + 2] ?? 0;
        if (byte === 0x10 && bytes[i + 1] === 0x04 && n >= 1 && n <= 4) {
          if (this.#condition.answering) {
            socket.write(Uint8Array.of(this.statusByte(n)));
            this.#statusQueriesAnswered++;
          }
          i += 2;
          continue;
        }
        job.push(byte);
        lastByteAt = performance.now();
        conditionDuringJob ??= this.condition;
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#sockets.delete(socket);
      job.push(...carry);
      if (!job.length) return;
      const bytes = Uint8Array.from(job);
      const received: ReceivedJob = {
        bytes,
        decoded: decodeEscPos(bytes),
        lastByteAt,
        condition: conditionDuringJob ?? this.condition,
      };
      this.#jobs.push(received);
      this.emit('job', received);
    });
  }
}
