/**
 * The print rule every transport shares: ask the printer first and send nothing unless it can
 * take a job; send; follow the job until the printer says done or failed, or the time is up (then
 * cancel it, so it cannot print later unannounced). Transports only say how to ask and send.
 */
import type {
  PassportPrinter,
  PassportPrinterOptions,
  PassportPrinterStatus,
  PassportPrintJob,
  PassportPrintOutcome,
} from './printer.ts';

/** Where one job is, in the sidecar API's words (IPP's job states map onto these). */
export interface JobProgress {
  state: 'queued' | 'printing' | 'done' | 'failed';
  reason?: string;
  /** For `failed`: whether the printer had begun on the page. Unknown counts as begun. */
  started?: boolean;
}

/** Why the printer could not be asked; `connected` when the request may have reached it. */
export interface Unreachable {
  unreachable: string;
  connected: boolean;
}

export type Submitted = { ok: true; printerJobId: string } | { ok: false; reason: string; started: boolean };

/** One printer's transport. Nothing here rejects for a printer problem. */
export interface PrinterLink {
  status(): Promise<PassportPrinterStatus>;
  submit(job: PassportPrintJob): Promise<Submitted>;
  progress(printerJobId: string): Promise<JobProgress | Unreachable>;
  /** True when the printer confirms the job will not print. */
  cancel(printerJobId: string): Promise<boolean>;
  close(): Promise<void>;
}

export const defaults = { jobTimeoutMs: 120_000, pollMs: 500, requestTimeoutMs: 10_000 };

export class LinkedPrinter implements PassportPrinter {
  #queue: Promise<unknown> = Promise.resolve();
  readonly #jobTimeoutMs: number;
  readonly #pollMs: number;

  constructor(
    private readonly link: PrinterLink,
    options: PassportPrinterOptions = {},
  ) {
    this.#jobTimeoutMs = options.jobTimeoutMs ?? defaults.jobTimeoutMs;
    this.#pollMs = options.pollMs ?? defaults.pollMs;
  }

  status(): Promise<PassportPrinterStatus> {
    return this.link.status();
  }

  /** One job at a time: the printer holds one booklet. */
  print(job: PassportPrintJob): Promise<PassportPrintOutcome> {
    const run = this.#queue.then(() => this.#print(job));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.link.close();
  }

  async #print(job: PassportPrintJob): Promise<PassportPrintOutcome> {
    const before = await this.link.status();
    if (before.state !== 'idle' && before.state !== 'busy')
      return { ok: false, reason: describe(before), started: false };
    const submitted = await this.link.submit(job);
    if (!submitted.ok) return submitted;
    const { printerJobId } = submitted;

    const deadline = performance.now() + this.#jobTimeoutMs;
    let began = false;
    let last = 'queued';
    for (;;) {
      const progress = await this.link.progress(printerJobId);
      if ('unreachable' in progress) {
        last = `lost contact with the printer: ${progress.unreachable}`;
      } else {
        began ||= progress.state === 'printing';
        if (progress.state === 'done') return { ok: true, printerJobId };
        if (progress.state === 'failed')
          return { ok: false, reason: progress.reason ?? 'failed', started: progress.started ?? true };
        last = progress.reason ? `${progress.state}: ${progress.reason}` : progress.state;
      }
      const left = deadline - performance.now();
      if (left <= 0) break;
      await sleep(Math.min(this.#pollMs, left));
    }
    const canceled = await this.link.cancel(printerJobId);
    return {
      ok: false,
      reason: `no outcome within ${seconds(this.#jobTimeoutMs)} (${last})${canceled ? '; the job was canceled' : ''}`,
      started: began || !canceled,
    };
  }
}

/** A status as one line: `paused: media-empty`. */
export const describe = (status: PassportPrinterStatus): string =>
  status.reason ? `${status.state}: ${status.reason}` : status.state;

/** 120000 → '120 s', 300 → '0.3 s'. */
export const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
