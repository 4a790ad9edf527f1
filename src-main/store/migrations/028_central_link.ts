import type { Migration } from './index.ts';

/**
 * The hub's link to the central store (issue 25, docs/central.md): where it sends, as which office,
 * the key it signs with, the key of the office's pseudonyms (never sent), how far the central copy
 * of the log goes (its cursor and the central chain's hash there) and the last outcome. One row at
 * most; relinking keeps the pseudonym key, so a visit's pseudonym never changes.
 */
export const centralLink: Migration = {
  version: 28,
  name: 'central_link',
  up(db) {
    db.exec(`
      CREATE TABLE central_link (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL,
        office TEXT NOT NULL,
        secret TEXT NOT NULL,
        pseudonym_key TEXT NOT NULL,
        cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
        hash TEXT NOT NULL,
        linked_at INTEGER NOT NULL,
        linked_by TEXT NOT NULL,
        last_ok_at INTEGER,
        last_error TEXT,
        last_error_at INTEGER,
        failures INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};
