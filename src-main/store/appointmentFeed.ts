import type { Db } from './db.ts';
import type { Bilingual } from '../domain/errors.ts';

/** Where the day's bookings are pulled from, and how the last pull went. */
export interface FeedConfig {
  url: string;
  /** Sent as `Authorization: Bearer …`; never leaves the hub. */
  token: string | null;
  intervalMinutes: number;
  timeoutSeconds: number;
  configuredAt: number;
}

export interface FeedCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface FeedState extends FeedConfig {
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The last attempt's failure; null when it succeeded (or none was made). */
  lastError: { code: string; message: Bilingual } | null;
  /** What the last successful pull found. */
  lastCounts: FeedCounts | null;
}

type FeedRow = {
  url: string;
  token: string | null;
  interval_minutes: number;
  timeout_seconds: number;
  configured_at: number;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_error_code: string | null;
  last_error_id: string | null;
  last_error_en: string | null;
  last_rows: number | null;
  last_created: number | null;
  last_updated: number | null;
  last_unchanged: number | null;
};

const fromRow = (row: FeedRow): FeedState => ({
  url: row.url,
  token: row.token,
  intervalMinutes: row.interval_minutes,
  timeoutSeconds: row.timeout_seconds,
  configuredAt: row.configured_at,
  lastAttemptAt: row.last_attempt_at,
  lastSuccessAt: row.last_success_at,
  lastError: row.last_error_code
    ? { code: row.last_error_code, message: { id: row.last_error_id ?? '', en: row.last_error_en ?? '' } }
    : null,
  lastCounts:
    row.last_rows === null
      ? null
      : {
          rows: row.last_rows,
          created: row.last_created ?? 0,
          updated: row.last_updated ?? 0,
          unchanged: row.last_unchanged ?? 0,
        },
});

/** The one appointment feed of the floor (hub only; never in the office configuration). */
export class AppointmentFeedRepository {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly success;
  private readonly failure;

  constructor(db: Db) {
    this.select = db.prepare('SELECT * FROM appointment_feed WHERE id = 1');
    // A new address starts with a clean record: the old one's outcome says nothing about it.
    this.upsert = db.prepare(`INSERT INTO appointment_feed
        (id, url, token, interval_minutes, timeout_seconds, configured_at)
      VALUES (1, @url, @token, @intervalMinutes, @timeoutSeconds, @configuredAt)
      ON CONFLICT (id) DO UPDATE SET url = excluded.url, token = excluded.token,
        interval_minutes = excluded.interval_minutes, timeout_seconds = excluded.timeout_seconds,
        configured_at = excluded.configured_at, last_attempt_at = NULL, last_success_at = NULL,
        last_error_code = NULL, last_error_id = NULL, last_error_en = NULL, last_rows = NULL,
        last_created = NULL, last_updated = NULL, last_unchanged = NULL`);
    this.remove = db.prepare('DELETE FROM appointment_feed WHERE id = 1');
    this.success = db.prepare(`UPDATE appointment_feed SET last_attempt_at = @at, last_success_at = @at,
        last_error_code = NULL, last_error_id = NULL, last_error_en = NULL, last_rows = @rows,
        last_created = @created, last_updated = @updated, last_unchanged = @unchanged WHERE id = 1`);
    this.failure = db.prepare(`UPDATE appointment_feed SET last_attempt_at = @at, last_error_code = @code,
        last_error_id = @id, last_error_en = @en WHERE id = 1`);
  }

  get(): FeedState | null {
    const row = this.select.get() as FeedRow | undefined;
    return row ? fromRow(row) : null;
  }

  configure(config: FeedConfig): void {
    this.upsert.run(config);
  }

  /** Answers whether there was a feed to turn off. */
  turnOff(): boolean {
    return this.remove.run().changes === 1;
  }

  recordSuccess(at: number, counts: FeedCounts): void {
    this.success.run({ at, ...counts });
  }

  recordFailure(at: number, error: { code: string; message: Bilingual }): void {
    this.failure.run({ at, code: error.code, id: error.message.id, en: error.message.en });
  }
}
