import type { Migration } from './index.ts';

/**
 * The satisfaction survey's station is a mode of its own (`feedback`): the stations table's check
 * on `mode` admits it. A feedback station standing at a counter's exit names that counter, so a
 * desk is unique among counter stations only (the index narrows to `mode = 'counter'`). SQLite
 * cannot change a check in place: the table is rebuilt with its rows and ids unchanged, with
 * foreign keys off and checked before commit, as migration 018 did.
 */
export const feedbackStations: Migration = {
  version: 24,
  name: 'feedback_stations',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE stations_with_feedback (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('kiosk', 'counter', 'print', 'display', 'supervisor', 'helpdesk', 'feedback')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        ticket_printer TEXT,
        scanner TEXT,
        fingerprint_reader TEXT,
        passport_printer TEXT,
        passport_printer_paused INTEGER NOT NULL DEFAULT 0,
        counter INTEGER CHECK (counter BETWEEN 1 AND 30)
      );
      INSERT INTO stations_with_feedback (id, name, mode, token_hash, created_at, revoked_at,
          ticket_printer, scanner, fingerprint_reader, passport_printer, passport_printer_paused, counter)
        SELECT id, name, mode, token_hash, created_at, revoked_at,
          ticket_printer, scanner, fingerprint_reader, passport_printer, passport_printer_paused, counter
        FROM stations;
      DROP TABLE stations;
      ALTER TABLE stations_with_feedback RENAME TO stations;
      CREATE UNIQUE INDEX stations_by_counter ON stations (counter)
        WHERE counter IS NOT NULL AND revoked_at IS NULL AND mode = 'counter';
    `);
  },
};
