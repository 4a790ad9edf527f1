import type { Migration } from './index.ts';

/**
 * Ticket printing: which printer a station prints on (for browser kiosks the hub drives it), and a
 * row per print attempt, so an unprinted ticket can be seen and every reprint is counted and logged.
 */
export const ticketPrinting: Migration = {
  version: 3,
  name: 'ticket_printing',
  up(db) {
    db.exec(`
      ALTER TABLE stations ADD COLUMN ticket_printer TEXT;
      CREATE TABLE ticket_prints (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        station_id TEXT,
        at INTEGER NOT NULL,
        printed INTEGER NOT NULL CHECK (printed IN (0, 1)),
        problem TEXT,
        reprint INTEGER NOT NULL
      );
      CREATE INDEX ticket_prints_by_ticket ON ticket_prints (ticket_id);
    `);
  },
};
