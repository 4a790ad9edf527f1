/**
 * A passport printer in the process, for tests and the training mode: takes jobs one at a time,
 * spends `secondsPerPage` on each page, keeps every PDF it printed (and writes it to `outputDir`
 * when given), and breaks on command. `connect()` gives the `PassportPrinter` for it;
 * `sidecarSimulator.ts` puts it behind the sidecar HTTP API.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { LinkedPrinter, type JobProgress, type PrinterLink, type Submitted } from './link.ts';
import type {
  PassportPrinter,
  PassportPrinterOptions,
  PassportPrinterStatus,
  PassportPrintJob,
} from './printer.ts';

export interface PassportPrinterSimulatorOptions {
  /** How long a page takes (0.05 s). */
  secondsPerPage?: number;
  /** A folder to write each printed PDF to, as `<printerJobId>-<jobId>.pdf`. */
  outputDir?: string;
}

export interface PrintedPassport {
  printerJobId: string;
  jobId: string;
  title: string;
  pdf: Buffer;
  pages: number;
  /** Where it was written, when the simulator has an output folder. */
  file?: string;
}

interface SimulatedJob {
  printerJobId: string;
  job: PassportPrintJob;
  progress: JobProgress;
}

/** What a printer condition does to the job it is on: the next job fails before or halfway through. */
interface PlannedFailure {
  reason: string;
  midJob: boolean;
}

export class PassportPrinterSimulator extends EventEmitter<{ printed: [PrintedPassport] }> {
  readonly #msPerPage: number;
  readonly #outputDir: string | undefined;
  #jobs = new Map<string, SimulatedJob>();
  #queue: SimulatedJob[] = [];
  #printing: SimulatedJob | null = null;
  #nextId = 1;
  #offline = false;
  #paused = false;
  #error: string | null = null;
  #failure: PlannedFailure | null = null;
  #printed: PrintedPassport[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(options: PassportPrinterSimulatorOptions = {}) {
    super();
    this.#msPerPage = (options.secondsPerPage ?? 0.05) * 1000;
    this.#outputDir = options.outputDir;
  }

  /** The printer as the station's driver sees it. */
  connect(options: PassportPrinterOptions = {}): PassportPrinter {
    return new LinkedPrinter(this.link(), { pollMs: 10, ...options });
  }

  link(): PrinterLink {
    return {
      status: async () => this.status(),
      submit: async (job) => this.submit(job),
      progress: async (id) =>
        this.progress(id) ?? { state: 'failed', reason: `no job ${id}`, started: false },
      cancel: async (id) => this.cancel(id),
      close: async () => undefined,
    };
  }

  status(): PassportPrinterStatus {
    if (this.#offline) return { state: 'offline', reason: 'not responding' };
    const currentJob = this.#printing ? { currentJob: this.#printing.printerJobId } : {};
    if (this.#error) return { state: 'error', reason: this.#error, ...currentJob };
    if (this.#paused) return { state: 'paused', reason: 'paused', ...currentJob };
    return this.#printing ? { state: 'busy', ...currentJob } : { state: 'idle' };
  }

  /** Takes a job into the queue, as a printer does while it is reachable (even paused). */
  submit(job: PassportPrintJob): Submitted {
    if (this.#offline) return { ok: false, reason: 'not responding', started: false };
    const printerJobId = String(this.#nextId++);
    const entry: SimulatedJob = { printerJobId, job, progress: { state: 'queued' } };
    this.#jobs.set(printerJobId, entry);
    this.#queue.push(entry);
    this.#next();
    return { ok: true, printerJobId };
  }

  progress(printerJobId: string): JobProgress | null {
    return this.#jobs.get(printerJobId)?.progress ?? null;
  }

  /** A queued job is taken out; one on the platen cannot be. */
  cancel(printerJobId: string): boolean {
    const entry = this.#jobs.get(printerJobId);
    if (!entry || entry.progress.state !== 'queued') return false;
    this.#queue = this.#queue.filter((queued) => queued !== entry);
    entry.progress = { state: 'failed', reason: 'canceled', started: false };
    return true;
  }

  /** Stops answering: status says offline, jobs are refused, the page on the platen fails. */
  goOffline(): void {
    this.#offline = true;
    if (this.#printing)
      this.#finish(this.#printing, { state: 'failed', reason: 'printer went offline', started: true });
  }

  /** The next job fails: before the printer touches the booklet, or halfway through the page. */
  fail(reason: string, options: { midJob: boolean }): void {
    this.#failure = { reason, midJob: options.midJob };
  }

  /** Holds the queue after the page in progress, as an operator's pause does. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#next();
  }

  /** Back online, no error, no planned failure, not paused; queued jobs carry on. */
  repair(): void {
    this.#offline = false;
    this.#error = null;
    this.#failure = null;
    this.#paused = false;
    this.#next();
  }

  get printed(): readonly PrintedPassport[] {
    return this.#printed;
  }

  /** Resolves once `count` pages have been printed in all. */
  waitForPrinted(count: number): Promise<PrintedPassport[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.#printed.length < count) return;
        this.off('printed', check);
        resolve(this.#printed.slice(0, count));
      };
      this.on('printed', check);
      check();
    });
  }

  /** Stops the page in progress without printing it; for the end of a test. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #next(): void {
    if (this.#printing || this.#offline || this.#paused || this.#error) return;
    const entry = this.#queue.shift();
    if (!entry) return;
    const failure = this.#failure;
    this.#failure = null;
    if (failure && !failure.midJob) {
      this.#error = failure.reason;
      entry.progress = { state: 'failed', reason: failure.reason, started: false };
      return;
    }
    this.#printing = entry;
    entry.progress = { state: 'printing' };
    const ms = this.#msPerPage * pageCount(entry.job.pdf);
    if (failure) {
      this.#timer = setTimeout(() => {
        this.#error = failure.reason;
        this.#finish(entry, { state: 'failed', reason: failure.reason, started: true });
      }, ms / 2);
      return;
    }
    this.#timer = setTimeout(() => {
      this.#record(entry);
      this.#finish(entry, { state: 'done' });
    }, ms);
  }

  #finish(entry: SimulatedJob, progress: JobProgress): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    entry.progress = progress;
    this.#printing = null;
    this.#next();
  }

  #record({ printerJobId, job }: SimulatedJob): void {
    const printed: PrintedPassport = {
      printerJobId,
      jobId: job.jobId,
      title: job.title,
      pdf: job.pdf,
      pages: pageCount(job.pdf),
    };
    if (this.#outputDir) {
      fs.mkdirSync(this.#outputDir, { recursive: true });
      printed.file = path.join(this.#outputDir, `${printerJobId}-${job.jobId.replace(/[^\w.-]+/g, '_')}.pdf`);
      fs.writeFileSync(printed.file, job.pdf);
    }
    this.#printed.push(printed);
    this.emit('printed', printed);
  }
}

/** Pages in a PDF, counted from its page objects (`/Type /Page`, not `/Pages`); at least one. */
export function pageCount(pdf: Buffer): number {
  const found = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return Math.max(1, found?.length ?? 0);
}
