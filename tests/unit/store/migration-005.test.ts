import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 005: counters and the calling order', () => {
  it('adds officers, sessions, queues, periods, counter periods, calls and cycles, once', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 4)).toBe(4);
    expect(migrate(db, 5)).toBe(1);
    expect(migrate(db, 5)).toBe(0);
    for (const table of [
      'users',
      'officer_sessions',
      'queue_entries',
      'periods',
      'counter_periods',
      'calls',
      'calling_cycles',
    ])
      expect(columns(db, table).length, table).toBeGreaterThan(3);
    expect(columns(db, 'periods')).toEqual(
      expect.arrayContaining(['state', 'started_at', 'ended_at', 'officer_id', 'counter']),
    );
  });

  it('refuses a second live place for a ticket at a stage, an unknown status, and a reasonless out-of-order call', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF');
    migrate(db);
    const entry = db.prepare(`INSERT INTO queue_entries
      (id, ticket_id, office_date, stage, number, lane, window_start, placed_at, status, updated_at)
      VALUES (?, 't1', '2026-11-30', 'documents', 'A2-001', 'regular', 540, 0, ?, 0)`);
    entry.run('e1', 'waiting');
    expect(() => entry.run('e2', 'called')).toThrow(/UNIQUE/);
    entry.run('e3', 'done');
    expect(() => entry.run('e4', 'lost')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO calls (office_date, entry_id, ticket_id, number, stage, counter, officer_id, at, kind)
          VALUES ('2026-11-30', 'e1', 't1', 'A2-001', 'documents', 1, 'u', 0, 'specific')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
