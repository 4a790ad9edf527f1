import {
  defaultFeedIntervalMinutes,
  defaultFeedTimeoutSeconds,
  feedMayBeIncomplete,
  readFeedUrl,
} from '../domain/appointmentFeed.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';
import { isoInstant } from '../domain/localTime.ts';
import type { FeedStatusView, ImportSummary } from '../api/views.ts';
import type { FeedState } from '../store/appointmentFeed.ts';
import type { Caller, ServiceContext } from './context.ts';
import { importAppointments } from './importAppointments.ts';

/**
 * The appointment feed's use cases that need no network: configuring it, applying a pulled answer
 * (the same import as a file, all or nothing), recording a failed pull, and what the supervisor
 * and check-in see of it. The pulling itself is `src-main/hub/appointmentFeed.ts`.
 */

export interface FeedSettings {
  url: string;
  token?: string | null | undefined;
  intervalMinutes?: number | undefined;
  timeoutSeconds?: number | undefined;
}

/** Points the floor at an endpoint; a new configuration starts with a clean record. */
export function configureFeed(ctx: ServiceContext, caller: Caller, settings: FeedSettings): FeedStatusView {
  const url = readFeedUrl(settings.url);
  const intervalMinutes = settings.intervalMinutes ?? defaultFeedIntervalMinutes;
  const timeoutSeconds = settings.timeoutSeconds ?? defaultFeedTimeoutSeconds;
  if (!Number.isInteger(intervalMinutes) || intervalMinutes < 1 || intervalMinutes > 1440)
    throw invalidSetting('interval', 'interval 1–1440 minutes');
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 300)
    throw invalidSetting('timeout', 'timeout 1–300 seconds');
  const token = settings.token?.trim() || null;
  if (token && (token.length > 4096 || /[^\x21-\x7e]/.test(token)))
    throw invalidSetting('token', 'a token of printable ASCII without spaces');
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    ctx.store.appointmentFeed.configure({
      url: url.href,
      token,
      intervalMinutes,
      timeoutSeconds,
      configuredAt: at,
    });
    // The log gets the host only: a query string may carry a key, and the token never leaves the hub.
    ctx.store.events.emit({
      type: 'booking.feedConfigured',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { host: url.host, intervalMinutes, timeoutSeconds, token: token !== null },
    });
    return feedStatus(ctx);
  });
}

/** Stops pulling; unknown booking codes are refused again. Answers whether a feed was on. */
export function turnOffFeed(ctx: ServiceContext, caller: Caller): boolean {
  return ctx.store.transaction(() => {
    const was = ctx.store.appointmentFeed.get();
    if (!ctx.store.appointmentFeed.turnOff()) return false;
    ctx.store.events.emit({
      type: 'booking.feedTurnedOff',
      at: ctx.clock.now(),
      actor: caller.actor,
      station: caller.stationId,
      payload: { host: was ? new URL(was.url).host : null },
    });
    return true;
  });
}

/** The feed as the supervisor sees it: the host, never the token or the full address. */
export function feedStatus(ctx: ServiceContext): FeedStatusView {
  const feed = ctx.store.appointmentFeed.get();
  const zone = ctx.store.office.get().timeZone;
  const local = (instant: number | null) => (instant === null ? null : isoInstant(instant, zone));
  if (!feed) {
    return {
      configured: false,
      host: null,
      intervalMinutes: null,
      timeoutSeconds: null,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
      counts: null,
      reachable: null,
      unverifiedCheckIns: false,
    };
  }
  const unreachable = feed.lastError?.code === 'FEED_UNREACHABLE' || feed.lastError?.code === 'FEED_TIMEOUT';
  return {
    configured: true,
    host: new URL(feed.url).host,
    intervalMinutes: feed.intervalMinutes,
    timeoutSeconds: feed.timeoutSeconds,
    lastAttemptAt: local(feed.lastAttemptAt),
    lastSuccessAt: local(feed.lastSuccessAt),
    lastError: feed.lastError,
    counts: feed.lastCounts,
    reachable: feed.lastAttemptAt === null ? null : !unreachable,
    unverifiedCheckIns: mayBeIncomplete(feed, ctx.clock.now()),
  };
}

/**
 * Whether a booking code the floor does not know should get an unverified ticket now: a feed is
 * configured and the list it gave may be incomplete (`feedMayBeIncomplete`).
 */
export function unverifiedCheckInsAllowed(ctx: ServiceContext): boolean {
  const feed = ctx.store.appointmentFeed.get();
  return feed !== null && mayBeIncomplete(feed, ctx.clock.now());
}

const mayBeIncomplete = (feed: FeedState, now: number) =>
  feedMayBeIncomplete(
    {
      intervalMinutes: feed.intervalMinutes,
      configuredAt: feed.configuredAt,
      lastSuccessAt: feed.lastSuccessAt,
      lastFailed: feed.lastError !== null,
    },
    now,
  );

/**
 * A pulled answer imported exactly like the file import (same validation, same events), all or
 * nothing: an unreadable answer or one rejected row writes no booking and is recorded as the
 * last error. Answers the import summary, or throws the recorded error.
 */
export function applyFeedAnswer(ctx: ServiceContext, caller: Caller, content: string): ImportSummary {
  let summary: ImportSummary;
  try {
    summary = importAppointments(ctx, caller, { format: 'json', content, allOrNothing: true });
  } catch (error) {
    if (!(error instanceof LoketError) || error.code !== 'IMPORT_UNREADABLE') throw error;
    throw recordFeedFailure(
      ctx,
      caller,
      new LoketError(
        'FEED_INVALID',
        {
          id: `Jawaban jadwal M-Paspor tidak dapat dibaca; tidak ada yang diubah. ${error.text.id}`,
          en: `The M-Paspor appointment feed's answer could not be read; nothing was changed. ${error.text.en}`,
        },
        error.details,
      ),
    );
  }
  if (summary.rejected.length) {
    const first = summary.rejected[0];
    const lines = summary.rejected.length;
    const sample = first ? ` (${first.problems.map((p) => p.reason).join(', ')}, line ${first.line})` : '';
    throw recordFeedFailure(
      ctx,
      caller,
      new LoketError(
        'FEED_INVALID',
        {
          id: `${lines} baris jadwal M-Paspor tidak valid${sample}; tidak ada yang diimpor.`,
          en: `${lines} row(s) of the M-Paspor appointment feed are invalid${sample}; nothing was imported.`,
        },
        { rejected: summary.rejected.slice(0, 20) },
      ),
    );
  }
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const counts = {
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
    };
    ctx.store.appointmentFeed.recordSuccess(at, counts);
    ctx.store.events.emit({
      type: 'booking.feedSynced',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: counts,
    });
  });
  return summary;
}

/** A failed pull, kept as the last error with its bilingual message; answers the error. */
export function recordFeedFailure(ctx: ServiceContext, caller: Caller, error: LoketError): LoketError {
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    if (!ctx.store.appointmentFeed.get()) return;
    ctx.store.appointmentFeed.recordFailure(at, { code: error.code, message: error.text });
    ctx.store.events.emit({
      type: 'booking.feedFailed',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { code: error.code, message: error.text },
    });
  });
  return error;
}

export function feedNotConfigured(): LoketError {
  return new LoketError('FEED_NOT_CONFIGURED', {
    id: 'Sinkron jadwal M-Paspor belum diatur (loket appointments feed).',
    en: 'No M-Paspor appointment feed is configured (loket appointments feed).',
  });
}

function invalidSetting(field: string, expected: string): LoketError {
  const message: Bilingual = {
    id: `Pengaturan sinkron jadwal tidak valid: ${expected}.`,
    en: `Invalid appointment feed setting: ${expected}.`,
  };
  return new LoketError('INVALID_CONFIG', message, { field });
}
