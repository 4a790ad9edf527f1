import type { Migration } from './index.ts';

/**
 * The floor keeps working when the hub or the LAN is down. On the hub: blocks of queue numbers
 * leased to kiosks in advance, the commands applied from stations' outboxes (each id once, with
 * its answer), tickets marked as issued offline, and the conflicts found when two kiosks checked
 * in the same booking while apart. On a station, in its replica of the same schema: the outbox
 * of commands waiting for the hub, and where it is in the hub's event stream.
 */
export const offlineFloor: Migration = {
  version: 7,
  name: 'offline_floor',
  up(db) {
    db.exec(`
      -- A block of sequences [first_seq, last_seq] of one lane and window, for one kiosk only.
      -- used_up_to is the station's own count of what it issued (the hub leaves it NULL).
      CREATE TABLE number_leases (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        office_date TEXT NOT NULL,
        lane TEXT NOT NULL,
        window_number INTEGER NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),
        granted_at INTEGER NOT NULL,
        used_up_to INTEGER
      );
      CREATE INDEX number_leases_by_window ON number_leases (office_date, lane, window_number, first_seq);

      ALTER TABLE tickets ADD COLUMN issued_offline INTEGER NOT NULL DEFAULT 0;

      -- A station's command, applied once: a repeated id gets the stored answer back.
      CREATE TABLE applied_commands (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        outcome TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE offline_conflicts (
        id TEXT PRIMARY KEY,
        office_date TEXT NOT NULL,
        booking_code TEXT NOT NULL,
        kept_ticket_id TEXT NOT NULL REFERENCES tickets (id),
        voided_ticket_id TEXT NOT NULL REFERENCES tickets (id),
        found_at INTEGER NOT NULL
      );
      CREATE INDEX offline_conflicts_by_day ON offline_conflicts (office_date, found_at);

      -- On a station: commands written here first, sent to the hub in order.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        operation TEXT NOT NULL,
        input TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        answered_at INTEGER,
        outcome TEXT
      );

      CREATE TABLE replica_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
