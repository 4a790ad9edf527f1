import type { Migration } from './index.ts';

/**
 * Counters and the calling order: officers and their sessions at stations, each ticket's place in
 * each stage's queue, a period row per state of a visit at a stage (every wait, walk-up, service
 * and hold time derives from these), counter states with their own periods, the calls made (the
 * board's history and the out-of-order audit), and where each stage's priority cycle stands.
 */
export const counters: Migration = {
  version: 5,
  name: 'counters',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'print_operator', 'admin')),
        pin_salt TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        disabled_at INTEGER
      );

      CREATE TABLE officer_sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        station_id TEXT NOT NULL REFERENCES stations (id),
        counter INTEGER,
        started_at INTEGER NOT NULL,
        last_active_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT
      );
      -- One officer at a station, and one officer at a counter, at a time.
      CREATE UNIQUE INDEX officer_sessions_open_per_station ON officer_sessions (station_id)
        WHERE ended_at IS NULL;
      CREATE UNIQUE INDEX officer_sessions_open_per_counter ON officer_sessions (counter)
        WHERE ended_at IS NULL AND counter IS NOT NULL;

      CREATE TABLE queue_entries (
        id TEXT PRIMARY KEY,
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        office_date TEXT NOT NULL,
        stage TEXT NOT NULL,
        number TEXT NOT NULL,
        lane TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        placed_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN
          ('waiting', 'called', 'serving', 'held', 'done', 'no_show', 'transferred', 'cancelled')),
        counter INTEGER,
        officer_id TEXT,
        only_counter INTEGER,
        recalls INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      );
      -- A ticket is in at most one live place per stage.
      CREATE UNIQUE INDEX queue_entries_live ON queue_entries (ticket_id, stage)
        WHERE status IN ('waiting', 'called', 'serving', 'held');
      CREATE INDEX queue_entries_by_status ON queue_entries (office_date, stage, status);
      CREATE INDEX queue_entries_at_counter ON queue_entries (counter, status);

      CREATE TABLE periods (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_id TEXT NOT NULL REFERENCES queue_entries (id),
        ticket_id TEXT NOT NULL,
        office_date TEXT NOT NULL,
        stage TEXT NOT NULL,
        state TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        officer_id TEXT,
        counter INTEGER
      );
      CREATE INDEX periods_open ON periods (entry_id) WHERE ended_at IS NULL;
      CREATE INDEX periods_by_day ON periods (office_date, state, started_at);

      CREATE TABLE counter_periods (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        counter INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('available', 'serving', 'on_break', 'closed')),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        officer_id TEXT
      );
      CREATE UNIQUE INDEX counter_periods_open ON counter_periods (counter) WHERE ended_at IS NULL;

      CREATE TABLE calls (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        office_date TEXT NOT NULL,
        entry_id TEXT NOT NULL REFERENCES queue_entries (id),
        ticket_id TEXT NOT NULL,
        number TEXT NOT NULL,
        stage TEXT NOT NULL,
        counter INTEGER NOT NULL,
        officer_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('next', 'recall', 'specific')),
        reason TEXT,
        CHECK (kind <> 'specific' OR reason IS NOT NULL)
      );
      CREATE INDEX calls_by_day ON calls (office_date, at);

      CREATE TABLE calling_cycles (
        office_date TEXT NOT NULL,
        stage TEXT NOT NULL,
        priority_calls INTEGER NOT NULL,
        regular_calls INTEGER NOT NULL,
        PRIMARY KEY (office_date, stage)
      ) WITHOUT ROWID;
    `);
  },
};
