import type { Migration } from './index.ts';

/**
 * Appointment sync. The feed's configuration and last outcome live in their own one-row table on
 * the hub, never in the office configuration that every station receives: it may hold a bearer
 * token. A booking code scanned while the feed is down gets a placeholder booking
 * (`verified = 0`) so its ticket can exist (tickets reference bookings); the ticket carries
 * `unverified = 1` until a sync brings the real booking for that day.
 */
export const appointmentFeed: Migration = {
  version: 8,
  name: 'appointment_feed',
  up(db) {
    db.exec(`
      CREATE TABLE appointment_feed (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        token TEXT,
        interval_minutes INTEGER NOT NULL CHECK (interval_minutes BETWEEN 1 AND 1440),
        timeout_seconds INTEGER NOT NULL CHECK (timeout_seconds BETWEEN 1 AND 300),
        configured_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        last_error_code TEXT,
        last_error_id TEXT,
        last_error_en TEXT,
        last_rows INTEGER,
        last_created INTEGER,
        last_updated INTEGER,
        last_unchanged INTEGER
      );
      ALTER TABLE bookings ADD COLUMN verified INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1));
      ALTER TABLE tickets ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0 CHECK (unverified IN (0, 1));
    `);
  },
};
