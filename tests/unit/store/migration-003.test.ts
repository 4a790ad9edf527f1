import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

describe('migration 003: ticket printing', () => {
  it('gives stations a ticket printer and tickets a print log, once', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 2)).toBe(2);
    expect(migrate(db, 3)).toBe(1);
    expect(migrate(db, 3)).toBe(0);
    const stationColumns = (db.prepare('PRAGMA table_info(stations)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(stationColumns).toContain('ticket_printer');
    const printColumns = (db.prepare('PRAGMA table_info(ticket_prints)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(printColumns).toEqual(['seq', 'ticket_id', 'station_id', 'at', 'printed', 'problem', 'reprint']);
  });

  it('refuses a print row for a ticket that does not exist, or a printed flag that is not 0 or 1', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    expect(() =>
      db
        .prepare("INSERT INTO ticket_prints (ticket_id, at, printed, reprint) VALUES ('nope', 0, 1, 0)")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare("INSERT INTO ticket_prints (ticket_id, at, printed, reprint) VALUES ('nope', 0, 2, 0)")
        .run(),
    ).toThrow(/CHECK/);
  });
});
