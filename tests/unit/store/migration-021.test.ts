import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { floorWithTicket } from '../../support/migrations.ts';

const insert = `INSERT INTO issuance_history (year, month, biasa_baru, biasa_penggantian, elektronik_baru,
  elektronik_penggantian, total, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'sri')`;

describe('migration 021: the issuance history and the reports’ indexes on print jobs', () => {
  it('keeps one row per month whose total is the sum of its four counts, and reads print jobs by index', () => {
    const db = floorWithTicket(20);
    expect(migrate(db, 21)).toBe(1);
    expect(migrate(db, 21)).toBe(0);
    // The floor's ticket is still there.
    expect(db.prepare('SELECT number FROM tickets').pluck().get()).toBe('A2-001');

    db.prepare(insert).run(2021, 1, 296, 303, 1, 22, 622);
    expect(() => db.prepare(insert).run(2021, 1, 1, 0, 0, 0, 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare(insert).run(2021, 2, 299, 361, 23, 88, 770)).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run(2021, 13, 0, 0, 0, 0, 0)).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run(2021, 3, -1, 1, 0, 0, 0)).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM issuance_history').pluck().get()).toBe(1);

    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan('SELECT * FROM print_jobs WHERE printed_at >= 0 AND printed_at < 10')).toContain(
      'print_jobs_by_printed',
    );
    expect(
      plan("SELECT * FROM print_jobs WHERE promised_date BETWEEN '2026-12-01' AND '2026-12-31'"),
    ).toContain('print_jobs_by_promise');
  });
});
