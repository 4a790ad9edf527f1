import type { Migration } from './index.ts';

/**
 * Browser sessions of stations: a board on a smart TV or a kiosk in a browser signs in once with
 * its station token and then holds an HttpOnly cookie, so the token never sits in a URL.
 */
export const stationSessions: Migration = {
  version: 2,
  name: 'station_sessions',
  up(db) {
    db.exec(`
      CREATE TABLE station_sessions (
        secret_hash TEXT PRIMARY KEY,
        station_id TEXT NOT NULL REFERENCES stations (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX station_sessions_by_station ON station_sessions (station_id);
    `);
  },
};
