import type { Migration } from './index.ts';

/**
 * The help desk is a station mode of its own: the stations table's check on `mode` admits
 * `helpdesk`. SQLite cannot change a check in place, so the table is rebuilt with its rows, its
 * later columns and its ids unchanged (the sessions, pairing codes and officers' sessions that
 * point at it keep pointing at the same ids); `migrate` runs it with foreign keys off and checks
 * them before it commits.
 */
export const helpDeskStations: Migration = {
  version: 18,
  name: 'help_desk_stations',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE stations_with_help_desk (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'counter', 'print', 'display', 'supervisor', 'helpdesk')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        ticket_printer TEXT,
        scanner TEXT,
        fingerprint_reader TEXT,
        passport_printer TEXT,
        passport_printer_paused INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO stations_with_help_desk (id, name, mode, token_hash, created_at, revoked_at,
          ticket_printer, scanner, fingerprint_reader, passport_printer, passport_printer_paused)
        SELECT id, name, mode, token_hash, created_at, revoked_at,
          ticket_printer, scanner, fingerprint_reader, passport_printer, passport_printer_paused
        FROM stations;
      DROP TABLE stations;
      ALTER TABLE stations_with_help_desk RENAME TO stations;
    `);
  },
};
