/**
 * Passport printers over IPP/1.1: a CUPS queue (`ipp://127.0.0.1:631/printers/NAME`) or a printer
 * that speaks IPP itself. Requests are POSTed as `application/ipp` to the same path over HTTP
 * (`ipp://` is HTTP on port 631 by default). Print-Job sends the PDF, Get-Job-Attributes follows
 * it, Get-Printer-Attributes (and Get-Jobs while printing) gives the status, Cancel-Job ends a job
 * that took too long.
 */
import type { Agent } from 'undici';
import { httpCall, isUnreachable, printerAgent } from './http.ts';
import {
  decodeIpp,
  encodeIpp,
  firstValue,
  groupTag,
  ipp,
  isSuccess,
  statusKeyword,
  stringValues,
  type IppAttribute,
  type IppMessage,
} from './ippMessage.ts';
import {
  defaults,
  LinkedPrinter,
  type JobProgress,
  type PrinterLink,
  type Submitted,
  type Unreachable,
} from './link.ts';
import type {
  PassportPrinter,
  PassportPrinterOptions,
  PassportPrinterStatus,
  PassportPrintJob,
} from './printer.ts';

export const operation = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
} as const;

/** The name jobs are sent under; CUPS shows it as the job's owner. */
export const requestingUserName = 'loket';

export function openIppPrinter(url: URL, options: PassportPrinterOptions = {}): PassportPrinter {
  return new LinkedPrinter(new IppLink(url, options), options);
}

/** What one IPP request came back as: the decoded answer, or why there is none. */
type IppAnswer = { message: IppMessage } | Unreachable | { refused: string };

class IppLink implements PrinterLink {
  readonly #httpUrl: string;
  readonly #printerUri: string;
  readonly #agent: Agent;
  readonly #timeoutMs: number;
  #requestId = 0;

  constructor(url: URL, options: PassportPrinterOptions) {
    const port = url.port || (url.protocol === 'ipp:' ? '631' : '80');
    const where = `${url.hostname}:${port}${url.pathname}`;
    this.#httpUrl = `http://${where}`;
    this.#printerUri = `ipp://${where}`;
    this.#timeoutMs = options.requestTimeoutMs ?? defaults.requestTimeoutMs;
    this.#agent = printerAgent(this.#timeoutMs);
  }

  async status(): Promise<PassportPrinterStatus> {
    const answer = await this.#call(operation.getPrinterAttributes, [
      ipp.keyword(
        'requested-attributes',
        'printer-state',
        'printer-state-reasons',
        'printer-state-message',
        'printer-is-accepting-jobs',
      ),
    ]);
    if ('unreachable' in answer) return { state: 'offline', reason: answer.unreachable };
    if ('refused' in answer) return { state: 'error', reason: answer.refused };
    const status = printerStatusOf(answer.message);
    if (status.state !== 'busy') return status;
    const currentJob = await this.#currentJob();
    return currentJob ? { ...status, currentJob } : status;
  }

  async submit(job: PassportPrintJob): Promise<Submitted> {
    const answer = await this.#call(
      operation.printJob,
      [
        ipp.name('requesting-user-name', requestingUserName),
        ipp.name('job-name', job.title || job.jobId),
        ipp.mimeMediaType('document-format', 'application/pdf'),
      ],
      job.pdf,
    );
    if ('unreachable' in answer) return { ok: false, reason: answer.unreachable, started: answer.connected };
    if ('refused' in answer) return { ok: false, reason: answer.refused, started: false };
    const jobId = firstValue(answer.message, 'job-id', groupTag.job);
    if (typeof jobId !== 'number')
      return { ok: false, reason: 'the printer took the job but sent no job-id', started: true };
    return { ok: true, printerJobId: String(jobId) };
  }

  async progress(printerJobId: string): Promise<JobProgress | Unreachable> {
    const answer = await this.#call(operation.getJobAttributes, [
      ipp.integer('job-id', Number(printerJobId)),
      ipp.name('requesting-user-name', requestingUserName),
      ipp.keyword('requested-attributes', 'job-state', 'job-state-reasons', 'job-state-message'),
    ]);
    if ('unreachable' in answer) return answer;
    if ('refused' in answer) return { unreachable: answer.refused, connected: true };
    return jobProgressOf(answer.message);
  }

  async cancel(printerJobId: string): Promise<boolean> {
    const answer = await this.#call(operation.cancelJob, [
      ipp.integer('job-id', Number(printerJobId)),
      ipp.name('requesting-user-name', requestingUserName),
    ]);
    return 'message' in answer;
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #currentJob(): Promise<string | undefined> {
    const answer = await this.#call(operation.getJobs, [
      ipp.keyword('which-jobs', 'not-completed'),
      ipp.keyword('requested-attributes', 'job-id', 'job-state'),
    ]);
    if (!('message' in answer)) return undefined;
    for (const group of answer.message.groups) {
      if (group.tag !== groupTag.job) continue;
      const jobMessage = { ...answer.message, groups: [group] };
      if (firstValue(jobMessage, 'job-state') === jobState.processing)
        return String(firstValue(jobMessage, 'job-id'));
    }
    return undefined;
  }

  async #call(code: number, attributes: IppAttribute[], data?: Buffer): Promise<IppAnswer> {
    this.#requestId = (this.#requestId % 0x7fffffff) + 1;
    const request = encodeIpp({
      code,
      requestId: this.#requestId,
      groups: [
        {
          tag: groupTag.operation,
          // The RFC's order: charset, language, target, then the rest.
          attributes: [
            ipp.charset('attributes-charset'),
            ipp.language('attributes-natural-language'),
            ipp.uri('printer-uri', this.#printerUri),
            ...attributes,
          ],
        },
      ],
      ...(data ? { data } : {}),
    });
    const answer = await httpCall(this.#agent, this.#httpUrl, {
      method: 'POST',
      body: request,
      contentType: 'application/ipp',
      timeoutMs: this.#timeoutMs,
    });
    if (isUnreachable(answer)) return answer;
    if (answer.statusCode !== 200) return { refused: `HTTP ${answer.statusCode} from ${this.#httpUrl}` };
    let message: IppMessage;
    try {
      message = decodeIpp(answer.body);
    } catch (error) {
      return { refused: `not an IPP answer (${(error as Error).message})` };
    }
    if (!isSuccess(message.code)) {
      const detail = firstValue(message, 'status-message', groupTag.operation);
      return {
        refused:
          typeof detail === 'string'
            ? `${statusKeyword(message.code)}: ${detail}`
            : statusKeyword(message.code),
      };
    }
    return { message };
  }
}

export const printerState = { idle: 3, processing: 4, stopped: 5 } as const;
export const jobState = {
  pending: 3,
  pendingHeld: 4,
  processing: 5,
  processingStopped: 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
} as const;

/** Printer-state-reasons that mean the printer cannot be reached, whatever its state says. */
const offlineReasons = new Set(['offline', 'connecting-to-device', 'shutdown', 'timed-out']);
/** Reasons CUPS adds about its own bookkeeping, not the printer. */
const bookkeeping = new Set(['none', 'cups-waiting-for-job-completed']);

/** A keyword without its severity: 'media-empty-error' → 'media-empty'. */
const plainReason = (keyword: string) => keyword.replace(/-(report|warning|error)$/, '');

/**
 * A Get-Printer-Attributes answer as our status: stopped with `paused` → paused (an operator's
 * hold, like `cupsdisable`), not accepting jobs → paused, a reason saying the device cannot be
 * reached → offline, any other stop or an `-error` reason → error, processing → busy.
 */
export function printerStatusOf(message: IppMessage): PassportPrinterStatus {
  const state = firstValue(message, 'printer-state', groupTag.printer);
  const keywords = stringValues(message, 'printer-state-reasons', groupTag.printer).filter(
    (keyword) => !bookkeeping.has(keyword),
  );
  const stateMessage = firstValue(message, 'printer-state-message', groupTag.printer);
  const note = typeof stateMessage === 'string' && stateMessage.trim() ? stateMessage.trim() : undefined;
  const plain = [...new Set(keywords.map(plainReason))].join(', ');
  /** The printer's message says why (`cupsdisable -r`) when it cannot print; while it can, it is chatter. */
  const withReason = (s: PassportPrinterStatus['state'], fallback?: string): PassportPrinterStatus => {
    const said = s === 'idle' || s === 'busy' ? plain : plain && note ? `${plain} (${note})` : plain || note;
    const reason = said || fallback;
    return reason ? { state: s, reason } : { state: s };
  };

  if (keywords.some((k) => offlineReasons.has(plainReason(k)))) return withReason('offline');
  if (state === printerState.stopped && plain.includes('paused')) return withReason('paused');
  if (state === printerState.stopped) return withReason('error', 'stopped');
  if (keywords.some((k) => k.endsWith('-error'))) return withReason('error');
  if (firstValue(message, 'printer-is-accepting-jobs', groupTag.printer) === false)
    return { state: 'paused', reason: 'not accepting jobs' };
  if (state === printerState.processing) return withReason('busy');
  if (state === printerState.idle) return withReason('idle');
  return { state: 'error', reason: `unknown printer-state ${String(state)}` };
}

/** A Get-Job-Attributes answer in the sidecar API's words. */
export function jobProgressOf(message: IppMessage): JobProgress {
  const state = firstValue(message, 'job-state', groupTag.job);
  const reasons = stringValues(message, 'job-state-reasons', groupTag.job).filter((k) => k !== 'none');
  const stateMessage = firstValue(message, 'job-state-message', groupTag.job);
  const reason =
    [...reasons, ...(typeof stateMessage === 'string' && stateMessage ? [stateMessage] : [])].join(', ') ||
    undefined;
  const progress = (s: JobProgress['state'], fallback?: string): JobProgress => {
    const r = reason ?? fallback;
    return r ? { state: s, reason: r } : { state: s };
  };
  switch (state) {
    case jobState.pending:
    case jobState.pendingHeld:
      return progress('queued');
    case jobState.processing:
    case jobState.processingStopped:
      return progress('printing');
    case jobState.completed:
      return reasons.includes('job-completed-with-errors')
        ? { ...progress('failed'), started: true }
        : progress('done');
    case jobState.canceled:
      return { ...progress('failed', 'canceled'), started: true };
    case jobState.aborted:
      return { ...progress('failed', 'aborted'), started: true };
    default:
      return { ...progress('failed', `unknown job-state ${String(state)}`), started: true };
  }
}
