import type { Migration } from './index.ts';

/**
 * The holiday calendar the floor uses. `calendar_years` says which years were loaded from the
 * shipped files (resources/calendars), from what source; `calendar_days` holds each closed day,
 * shipped or added by the office. A day the office removes stays as a row with who, when and why,
 * so reloading the shipped year does not bring it back; a shipped day the office never touched is
 * replaced by the file's newer version.
 */
export const calendar: Migration = {
  version: 9,
  name: 'calendar',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        source TEXT NOT NULL,
        provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
        note TEXT,
        loaded_at INTEGER NOT NULL,
        loaded_by TEXT NOT NULL
      );
      CREATE TABLE calendar_days (
        date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        year INTEGER NOT NULL CHECK (year = CAST(substr(date, 1, 4) AS INTEGER)),
        kind TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
        name_id TEXT NOT NULL,
        name_en TEXT NOT NULL,
        provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
        note TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('shipped', 'office')),
        added_at INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        added_reason TEXT,
        removed_at INTEGER,
        removed_by TEXT,
        removed_reason TEXT,
        CHECK ((removed_at IS NULL) = (removed_by IS NULL)),
        CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
      );
      CREATE INDEX calendar_days_by_year ON calendar_days (year, date);
    `);
  },
};
