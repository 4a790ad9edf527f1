import type { Migration } from './index.ts';

/** The floor core: office configuration, stations, bookings, tickets, number counters, events. */
export const floorCore: Migration = {
  version: 1,
  name: 'floor_core',
  up(db) {
    db.exec(`
      CREATE TABLE office_config (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        config TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE stations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'counter', 'print', 'display', 'supervisor')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );

      CREATE TABLE bookings (
        code TEXT PRIMARY KEY,
        nik TEXT NOT NULL,
        full_name TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('L', 'P')),
        phone TEXT,
        application_kind TEXT NOT NULL,
        passport_type TEXT NOT NULL,
        validity_years INTEGER NOT NULL,
        appointment_date TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        lane TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX bookings_by_nik ON bookings (nik, appointment_date);
      CREATE INDEX bookings_by_date ON bookings (appointment_date);

      -- The atomic source of queue numbers: only ever incremented, so a number is never reused.
      CREATE TABLE number_counters (
        office_date TEXT NOT NULL,
        lane TEXT NOT NULL,
        window_number INTEGER NOT NULL,
        last_sequence INTEGER NOT NULL,
        PRIMARY KEY (office_date, lane, window_number)
      ) WITHOUT ROWID;

      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        office_date TEXT NOT NULL,
        number TEXT NOT NULL,
        lane TEXT NOT NULL,
        window_number INTEGER NOT NULL,
        sequence INTEGER NOT NULL,
        booking_code TEXT NOT NULL REFERENCES bookings (code),
        status TEXT NOT NULL,
        arrival TEXT NOT NULL CHECK (arrival IN ('on_time', 'early', 'late')),
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        expected_call TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        issued_by TEXT,
        UNIQUE (office_date, number)
      );
      CREATE UNIQUE INDEX tickets_one_active_per_booking ON tickets (booking_code, office_date)
        WHERE status NOT IN ('cancelled', 'void');
      CREATE INDEX tickets_by_day ON tickets (office_date, lane, window_number, sequence);

      -- Every state change, appended in the transaction that makes it.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT,
        station TEXT,
        payload TEXT NOT NULL
      );
    `);
  },
};
