import type { Migration } from './index.ts';

/**
 * Who may act for an officer, and wrong PINs that survive a restart.
 *
 * - `officer_sessions.client`: the client that signed the officer in (a browser's session, or the
 *   desktop program's own id); another client of the same station sees no officer. NULL on
 *   sessions opened before: they bind to no client, so they end at their next sign-in.
 * - `sign_in_failures`: the recent wrong PINs of a username (epoch ms, JSON array, newest last),
 *   so a lockout holds across a hub restart.
 */
export const officerAccountability: Migration = {
  version: 14,
  name: 'officer_accountability',
  up(db) {
    db.exec(`
      ALTER TABLE officer_sessions ADD COLUMN client TEXT;

      CREATE TABLE sign_in_failures (
        username TEXT PRIMARY KEY,
        failed_at TEXT NOT NULL CHECK (json_valid(failed_at) AND json_type(failed_at) = 'array')
      );
    `);
  },
};
