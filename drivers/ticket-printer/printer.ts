import { EventEmitter } from 'node:events';
import { unreachableStatus, type PrinterStatus, type Unreachable } from './status.ts';

export type { PrinterStatus } from './status.ts';

/** Why a ticket did not (certainly) come out, with words for the screen in both languages. */
export type PrintProblem = 'paper_out' | 'cover_open' | 'error' | 'offline' | 'write_failed';

export type PrintOutcome =
  | { printed: true; bytesSent: number; before: PrinterStatus; after: PrinterStatus }
  | {
      printed: false;
      problem: PrintProblem;
      /** False: the printer was asked first and nothing was sent. True: the slip may be partial. */
      sent: boolean;
      before: PrinterStatus;
      after: PrinterStatus | null;
      message: { id: string; en: string };
    };

export interface PrinterEvents {
  /** The status changed (or was seen for the first time: `previous` is null). */
  status: [status: PrinterStatus, previous: PrinterStatus | null];
}

/** A ticket printer on any transport. Never throws for a device problem: it reports it. */
export interface TicketPrinter extends EventEmitter<PrinterEvents> {
  status(): Promise<PrinterStatus>;
  print(bytes: Uint8Array): Promise<PrintOutcome>;
  /** Asks for the status every `intervalMs` so changes arrive as `status` events. */
  watch(intervalMs: number): void;
  close(): Promise<void>;
}

/** One open conversation with a printer: what a transport (TCP, serial, device file) provides. */
export interface PrinterLink {
  /** DLE EOT 1–4; resolves to an unreachable status rather than rejecting or waiting forever. */
  status(): Promise<PrinterStatus>;
  /** Rejects when the bytes cannot be handed over in time. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type OpenLink = () => Promise<PrinterLink | Unreachable>;

export const problemMessages: Record<PrintProblem, { id: string; en: string }> = {
  paper_out: { id: 'Kertas printer habis.', en: 'The printer is out of paper.' },
  cover_open: { id: 'Penutup printer terbuka.', en: 'The printer cover is open.' },
  error: { id: 'Printer mengalami gangguan.', en: 'The printer reports an error.' },
  offline: { id: 'Printer tidak menjawab.', en: 'The printer is not responding.' },
  write_failed: {
    id: 'Tiket tidak terkirim ke printer.',
    en: 'The ticket could not be sent to the printer.',
  },
};

/**
 * The print rule every transport shares: ask the printer first and send nothing unless it is
 * ready; send; ask again, and report anything short of ready so the ticket can be reprinted.
 * Operations run one at a time, each on its own link, so a stuck printer never blocks the next ask
 * for longer than the transport's timeouts.
 */
export class StatusCheckedPrinter extends EventEmitter<PrinterEvents> implements TicketPrinter {
  #last: PrinterStatus | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly openLink: OpenLink) {
    super();
  }

  get lastStatus(): PrinterStatus | null {
    return this.#last;
  }

  status(): Promise<PrinterStatus> {
    return this.#serially(async () => {
      const link = await this.#open();
      if (typeof link === 'string') return this.#observe(unreachableStatus(link));
      try {
        return this.#observe(await link.status());
      } finally {
        await link.close();
      }
    });
  }

  print(bytes: Uint8Array): Promise<PrintOutcome> {
    return this.#serially(async (): Promise<PrintOutcome> => {
      const link = await this.#open();
      if (typeof link === 'string') {
        const before = this.#observe(unreachableStatus(link));
        return refused('offline', false, before, null);
      }
      try {
        const before = this.#observe(await link.status());
        if (before.state !== 'ready') return refused(before.state, false, before, null);
        try {
          await link.write(bytes);
        } catch {
          const after = this.#observe(await link.status());
          return refused('write_failed', true, before, after);
        }
        const after = this.#observe(await link.status());
        if (after.state !== 'ready') return refused(after.state, true, before, after);
        return { printed: true, bytesSent: bytes.length, before, after };
      } finally {
        await link.close();
      }
    });
  }

  watch(intervalMs: number): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = setInterval(() => void this.status(), intervalMs);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#queue.catch(() => undefined);
  }

  /** A transport that throws (a bad address, say) is a printer that cannot be reached. */
  async #open(): Promise<PrinterLink | Unreachable> {
    try {
      return await this.openLink();
    } catch {
      return 'connection_lost';
    }
  }

  #serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #observe(status: PrinterStatus): PrinterStatus {
    const previous = this.#last;
    this.#last = status;
    if (!previous || JSON.stringify(previous) !== JSON.stringify(status))
      this.emit('status', status, previous);
    return status;
  }
}

function refused(
  problem: PrintProblem,
  sent: boolean,
  before: PrinterStatus,
  after: PrinterStatus | null,
): PrintOutcome {
  return { printed: false, problem, sent, before, after, message: problemMessages[problem] };
}
