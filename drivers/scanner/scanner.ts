/**
 * What every scanner driver shares: its events, and the rule that keeps a scanner open — try to
 * open it, say `ready`, `disconnected` or `error` on a change, and while it is away try again after
 * 0.5 s, 1 s, 2 s … every 5 s at most, until `close()`. A transport (serial port, HID device) says
 * only how to open, how it is lost and how to let go.
 */
import { EventEmitter } from 'node:events';
import type { DropReason } from './frames.ts';

export interface Scan {
  text: string;
  /** When the last byte of the scan arrived (the driver's clock, ms). */
  at: number;
  /** The code's symbology, when the scanner says which (HID-POS scanners send an AIM identifier). */
  symbology?: { aim: string; name: string };
}

export type ScannerStatus = 'ready' | 'disconnected' | 'error';

export type ScannerErrorCode = DropReason | 'port';

export type ScannerMessage = { id: string; en: string };

/** A problem worth a log line or a mark on the supervisor view; the driver carries on after it. */
export interface ScannerError {
  code: ScannerErrorCode;
  message: ScannerMessage;
  /** Bytes thrown away, or the port's own error text. */
  detail: string;
}

export interface ScannerEvents {
  scan: [scan: Scan];
  status: [status: ScannerStatus];
  error: [error: ScannerError];
}

export interface ReopenOptions {
  /** First wait after the device goes away; doubled after each failed reopen, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultReopen: ReopenOptions = { initialDelayMs: 500, maxDelayMs: 5000 };

/** What a scan thrown away is called, whatever the transport. */
export const dropMessages: Record<DropReason, ScannerMessage> = {
  overlong: {
    id: 'Data pemindai terlalu panjang dan dibuang.',
    en: 'The scanner sent more data than any code holds; it was discarded.',
  },
  garbled: {
    id: 'Data pemindai rusak dan dibuang.',
    en: 'The scanner sent unreadable data; it was discarded.',
  },
  incomplete: {
    id: 'Pindaian tidak lengkap dan dibuang.',
    en: 'A scan never ended (check the scanner’s terminator setting); it was discarded.',
  },
};

/**
 * A scanner that opens at `open()` and keeps itself open until `close()`. `error` events are only
 * emitted while someone listens, so an unwatched scanner never throws; a port problem that repeats
 * the same way at every retry is reported once.
 */
export abstract class ReopeningScanner extends EventEmitter<ScannerEvents> {
  readonly reopen: ReopenOptions;
  protected readonly now: () => number;
  protected closed = false;
  private state: ScannerStatus | null = null;
  private started = false;
  private delayMs: number;
  private reopenTimer: NodeJS.Timeout | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private lastProblem: string | null = null;

  constructor(reopen: Partial<ReopenOptions> | undefined, now: (() => number) | undefined) {
    super();
    this.reopen = { ...defaultReopen, ...reopen };
    this.delayMs = this.reopen.initialDelayMs;
    this.now = now ?? (() => performance.now());
  }

  /** One try at opening the device; calls `opened()` or `failed()`. */
  protected abstract attempt(): Promise<void>;
  /** Lets go of the open device, if any, for good. */
  protected abstract release(): Promise<void>;

  /** The last status reported, or null before the first attempt has finished. */
  get status(): ScannerStatus | null {
    return this.state;
  }

  /** Starts the first attempt; resolves once it has succeeded or failed (and a retry is planned). */
  open(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('This scanner was closed.'));
    if (this.started) return Promise.reject(new Error('This scanner is already open.'));
    this.started = true;
    return this.attempt();
  }

  /** Stops for good: lets go of the device and plans no more reopening. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.stopStaleTimer();
    await this.release();
  }

  /**
   * A device node appeared (USB hot-plug): while waiting to reopen, try now instead of at the end
   * of the back-off.
   */
  retryNow(): void {
    if (this.closed || !this.reopenTimer) return;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    void this.attempt();
  }

  protected opened(): void {
    this.delayMs = this.reopen.initialDelayMs;
    this.setStatus('ready');
  }

  /** The attempt failed: `disconnected` (not there) or `error` (there, but will not open); retry. */
  protected failed(status: ScannerStatus, problem?: { message: ScannerMessage; detail: string }): void {
    if (this.closed) return;
    this.setStatus(status);
    if (problem) this.report('port', problem.message, problem.detail);
    this.planReopen();
  }

  /** The open device went away. */
  protected lost(): void {
    this.stopStaleTimer();
    if (this.closed) return;
    this.setStatus('disconnected');
    this.planReopen();
  }

  /** While a scan is half read, looks at it again once it is stale (no more bytes would). */
  protected watchStale(pending: boolean, afterMs: number, look: () => void): void {
    this.stopStaleTimer();
    if (!pending) return;
    this.staleTimer = setTimeout(() => {
      this.staleTimer = null;
      look();
    }, afterMs + 10);
  }

  protected report(code: ScannerErrorCode, message: ScannerMessage, detail: string): void {
    if (code === 'port') {
      const problem = `${message.en} ${detail}`;
      if (problem === this.lastProblem) return;
      this.lastProblem = problem;
    }
    if (this.listenerCount('error') > 0) this.emit('error', { code, message, detail });
  }

  private stopStaleTimer(): void {
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.staleTimer = null;
  }

  private planReopen(): void {
    if (this.closed || this.reopenTimer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.reopen.maxDelayMs);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      void this.attempt();
    }, delay);
  }

  private setStatus(status: ScannerStatus): void {
    if (status === this.state) return;
    this.state = status;
    this.lastProblem = null;
    this.emit('status', status);
  }
}
