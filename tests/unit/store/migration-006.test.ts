import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

describe('migration 006: station devices', () => {
  it('gives stations a scanner beside their ticket printer, once, keeping the printers already set', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 5)).toBe(5);
    db.prepare(
      `INSERT INTO stations (id, name, mode, token_hash, created_at, ticket_printer)
       VALUES ('k1', 'Kiosk 1', 'kiosk', 'h', 0, '{"transport":"tcp","host":"10.0.0.21","port":9100}')`,
    ).run();
    expect(migrate(db, 6)).toBe(1);
    expect(migrate(db, 6)).toBe(0);
    expect(db.prepare('SELECT ticket_printer, scanner FROM stations').get()).toEqual({
      ticket_printer: '{"transport":"tcp","host":"10.0.0.21","port":9100}',
      scanner: null,
    });
  });
});
