import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';

const insertDay = (db: Database.Database, date: string, year: number, extra = '') =>
  db
    .prepare(
      `INSERT INTO calendar_days (date, year, kind, name_id, name_en, origin, added_at, added_by${extra ? ', removed_at, removed_by, removed_reason' : ''})
       VALUES (?, ?, 'libur_nasional', 'Hari Suci Nyepi', 'Nyepi', 'shipped', 0, 'cli'${extra})`,
    )
    .run(date, year);

describe('migration 009: the holiday calendar', () => {
  it('adds the calendar tables to a floor that has data, empty, once', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, 8)).toBe(8);
    db.prepare("INSERT INTO office_config (id, config, updated_at) VALUES (1, '{}', 0)").run();
    expect(migrate(db, 9)).toBe(1);
    expect(migrate(db, 9)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM calendar_years').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM calendar_days').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM office_config').pluck().get()).toBe(1);
  });

  it('keeps one row per date, in its own year, of a known kind, with who removed it and why together', () => {
    const db = new Database(':memory:');
    migrate(db);
    insertDay(db, '2026-03-19', 2026);
    expect(() => insertDay(db, '2026-03-19', 2026)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insertDay(db, '2026-03-20', 2027)).toThrow(/CHECK/);
    expect(() => insertDay(db, '19-03-2026', 2026)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO calendar_days (date, year, kind, name_id, name_en, origin, added_at, added_by)
           VALUES ('2026-03-18', 2026, 'libur_daerah', 'x', 'x', 'office', 0, 'cli')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    // A removal names who and why, or is no removal.
    expect(() => insertDay(db, '2026-03-23', 2026, ", 5, 'cli', NULL")).toThrow(/CHECK/);
    insertDay(db, '2026-03-24', 2026, ", 5, 'cli', 'Kantor tetap buka'");
    expect(db.prepare('SELECT COUNT(*) FROM calendar_days').pluck().get()).toBe(2);
  });
});
