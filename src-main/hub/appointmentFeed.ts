import { LoketError } from '../domain/errors.ts';
import { localDateOf } from '../domain/localTime.ts';
import type { FeedStatusView } from '../api/views.ts';
import {
  applyFeedAnswer,
  feedNotConfigured,
  feedStatus,
  recordFeedFailure,
} from '../services/appointmentFeed.ts';
import type { Caller, ServiceContext } from '../services/context.ts';
import type { FeedConfig } from '../store/appointmentFeed.ts';

export interface FeedPullOptions {
  /** Waits between attempts: one more attempt than delays (default 1 s then 4 s: three attempts). */
  retryDelaysMs?: readonly number[];
  /** The largest answer read, in bytes (default 4 MB, the file import's limit). */
  maxBytes?: number;
  /** Aborts a pull under way (the hub closing); nothing is recorded then. */
  stop?: AbortSignal;
}

export const defaultRetryDelaysMs = [1000, 4000] as const;
export const defaultMaxBytes = 4_000_000;

/** The hub's own hand in the audit trail when the schedule pulls. */
export const scheduledCaller: Caller = { stationId: null, actor: 'hub' };

/**
 * Pulls the office's day of bookings from the configured endpoint now and imports them (all or
 * nothing); a failure is recorded as the last error, never thrown. Answers the feed's status.
 * Throws FEED_NOT_CONFIGURED when there is no feed.
 */
export async function pullAppointments(
  ctx: ServiceContext,
  caller: Caller,
  options: FeedPullOptions = {},
): Promise<FeedStatusView> {
  const feed = ctx.store.appointmentFeed.get();
  if (!feed) throw feedNotConfigured();
  const today = localDateOf(ctx.clock.now(), ctx.store.office.get().timeZone);
  let content: string;
  try {
    content = await fetchWithRetries(feed, today, options);
  } catch (error) {
    if (options.stop?.aborted) throw new Error('the pull was stopped: the hub is closing');
    if (!(error instanceof LoketError)) throw error;
    recordFeedFailure(ctx, caller, error);
    return feedStatus(ctx);
  }
  try {
    applyFeedAnswer(ctx, caller, content);
  } catch (error) {
    // applyFeedAnswer has recorded an invalid answer as the last error already.
    if (!(error instanceof LoketError) || error.code !== 'FEED_INVALID') throw error;
  }
  return feedStatus(ctx);
}

/** The answer's text; retries what may pass (no answer, a timeout, 5xx, 429), not what will not. */
async function fetchWithRetries(feed: FeedConfig, date: string, options: FeedPullOptions): Promise<string> {
  const delays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fetchOnce(feed, date, options.maxBytes ?? defaultMaxBytes, options.stop);
    } catch (error) {
      const delay = delays[attempt];
      if (!(error instanceof Retryable) || delay === undefined)
        throw error instanceof Retryable ? error.error : error;
      if (options.stop?.aborted) throw error;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, delay);
        options.stop?.addEventListener('abort', () => (clearTimeout(timer), resolve(null)), { once: true });
      });
    }
  }
}

class Retryable extends Error {
  constructor(readonly error: LoketError) {
    super(error.message);
  }
}

async function fetchOnce(
  feed: FeedConfig,
  date: string,
  maxBytes: number,
  stop: AbortSignal | undefined,
): Promise<string> {
  const url = new URL(feed.url);
  url.searchParams.set('date', date);
  const host = url.host;
  let response: Response;
  const timeout = AbortSignal.timeout(feed.timeoutSeconds * 1000);
  const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/json',
        ...(feed.token ? { authorization: `Bearer ${feed.token}` } : {}),
      },
      redirect: 'error',
      signal,
    });
  } catch (error) {
    throw new Retryable(timeout.aborted ? timedOut(host, feed.timeoutSeconds) : unreachable(host, error));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const failure = httpFailure(host, response.status);
    throw response.status >= 500 || response.status === 429 || response.status === 408
      ? new Retryable(failure)
      : failure;
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(host, maxBytes);
  }
  try {
    return await readLimited(response, maxBytes, host);
  } catch (error) {
    if (error instanceof LoketError) throw error;
    throw new Retryable(timeout.aborted ? timedOut(host, feed.timeoutSeconds) : unreachable(host, error));
  }
}

/** The body as text, stopped (and refused) as soon as it passes the limit. */
async function readLimited(response: Response, maxBytes: number, host: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(host, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const unreachable = (host: string, error: unknown) =>
  new LoketError(
    'FEED_UNREACHABLE',
    {
      id: `Server jadwal M-Paspor (${host}) tidak dapat dihubungi.`,
      en: `The M-Paspor appointment server (${host}) cannot be reached.`,
    },
    { host, cause: causeOf(error) },
  );

const timedOut = (host: string, seconds: number) =>
  new LoketError(
    'FEED_TIMEOUT',
    {
      id: `Server jadwal M-Paspor (${host}) tidak menjawab dalam ${seconds} detik.`,
      en: `The M-Paspor appointment server (${host}) did not answer within ${seconds} seconds.`,
    },
    { host, seconds },
  );

const httpFailure = (host: string, status: number) =>
  new LoketError(
    'FEED_UNREACHABLE',
    {
      id: `Server jadwal M-Paspor (${host}) menjawab dengan galat HTTP ${status}.`,
      en: `The M-Paspor appointment server (${host}) answered with HTTP error ${status}.`,
    },
    { host, status },
  );

const tooLarge = (host: string, maxBytes: number) =>
  new LoketError(
    'FEED_INVALID',
    {
      id: `Jawaban server jadwal M-Paspor (${host}) lebih dari ${maxBytes} byte; tidak ada yang diubah.`,
      en: `The M-Paspor appointment server's answer (${host}) is over ${maxBytes} bytes; nothing was changed.`,
    },
    { host, maxBytes },
  );

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
}

/**
 * The hub's schedule: every tick it pulls when a feed is configured and its interval has passed
 * since the last attempt (the first tick after start pulls at once). A pull asked for while one
 * runs shares it. No feed, no pulls.
 */
export class AppointmentFeedSchedule {
  private running: Promise<FeedStatusView> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: FeedPullOptions & { log?: (line: string) => void } = {},
  ) {}

  /** Pulls now (or joins the pull under way). */
  syncNow(caller: Caller = scheduledCaller): Promise<FeedStatusView> {
    this.running ??= pullAppointments(this.ctx, caller, {
      ...this.options,
      stop: this.stopping.signal,
    }).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(tickMs: number): void {
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    if (this.running) return;
    const feed = this.ctx.store.appointmentFeed.get();
    if (!feed) return;
    const due =
      feed.lastAttemptAt === null ||
      this.ctx.clock.now() - feed.lastAttemptAt >= feed.intervalMinutes * 60_000;
    if (!due) return;
    this.syncNow().catch((error: unknown) =>
      this.options.log?.(`appointment feed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Stops the schedule, cuts a pull under way short and waits for it. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }
}
