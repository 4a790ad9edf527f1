import { LoketError } from './errors.ts';

/** Defaults of a feed configured without `--every` / `--timeout`. */
export const defaultFeedIntervalMinutes = 15;
export const defaultFeedTimeoutSeconds = 10;

/**
 * The feed's address, checked before it is stored: http or https only, and no user name or
 * password in it (a token goes in `--token`, kept apart and never shown).
 */
export function readFeedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalidUrl('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('only http or https');
  if (url.username || url.password) throw invalidUrl('no user name or password in the URL; use --token');
  if (url.hash) throw invalidUrl('no #fragment');
  return url;
}

function invalidUrl(why: string): LoketError {
  return new LoketError(
    'INVALID_CONFIG',
    {
      id: `Alamat jadwal M-Paspor tidak valid: ${why}.`,
      en: `The M-Paspor appointment feed address is not valid: ${why}.`,
    },
    { why },
  );
}

export interface FeedHealth {
  intervalMinutes: number;
  configuredAt: number;
  lastSuccessAt: number | null;
  lastFailed: boolean;
}

/**
 * Whether the floor's list of bookings may be incomplete: the last pull failed, or no pull has
 * succeeded for more than two intervals (since the feed was configured). While it may be, a
 * booking code the floor does not know gets an unverified ticket instead of a refusal.
 */
export function feedMayBeIncomplete(feed: FeedHealth, now: number): boolean {
  if (feed.lastFailed) return true;
  const since = feed.lastSuccessAt ?? feed.configuredAt;
  return now - since > 2 * feed.intervalMinutes * 60_000;
}
