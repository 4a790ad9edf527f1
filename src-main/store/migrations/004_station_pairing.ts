import type { Migration } from './index.ts';

/**
 * Joining a floor with a one-time pairing code: the hub keeps a hash of each code, the station it
 * pairs, when it expires and when it was used, so a code works once and only for a few minutes.
 */
export const stationPairing: Migration = {
  version: 4,
  name: 'station_pairing',
  up(db) {
    db.exec(`
      CREATE TABLE station_pairings (
        code_hash TEXT PRIMARY KEY,
        station_id TEXT NOT NULL REFERENCES stations (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX station_pairings_by_station ON station_pairings (station_id);
    `);
  },
};
