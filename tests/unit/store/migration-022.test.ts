import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/store/migrations/index.ts';
import { ReportRepository } from '../../../src-main/store/reports.ts';
import { floorWithTicket } from '../../support/migrations.ts';

describe('migration 022: counter periods read per counter and time for the reports', () => {
  it('indexes counter periods by counter and start, keeps them, and the officers report reads through it', () => {
    const db = floorWithTicket(21);
    const add = db.prepare(
      'INSERT INTO counter_periods (counter, state, started_at, ended_at, officer_id) VALUES (?, ?, ?, ?, ?)',
    );
    add.run(1, 'available', 0, 1_000, 'u1');
    add.run(1, 'serving', 1_000, 5_000, 'u1');
    add.run(1, 'available', 5_000, null, 'u1');
    // Counter 2 was freed and called again in the same millisecond: the later row is the one running.
    add.run(2, 'available', 0, 2_000, 'u2');
    add.run(2, 'available', 2_000, 2_000, 'u2');
    add.run(2, 'serving', 2_000, null, 'u2');
    expect(migrate(db, 22)).toBe(1);
    expect(migrate(db, 22)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM counter_periods').pluck().get()).toBe(6);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT seq FROM counter_periods WHERE counter = 1 AND started_at < 3000 ORDER BY started_at DESC, seq DESC LIMIT 1',
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(
      /USING (COVERING )?INDEX counter_periods_by_counter/,
    );
    // The period running at 3 000 (serving since 1 000) and the one started inside [3 000, 6 000).
    expect(
      new ReportRepository(db).counterPeriods(3_000, 6_000).map((p) => [p.counter, p.state, p.startedAt]),
    ).toEqual([
      [1, 'available', 5_000],
      [1, 'serving', 1_000],
      [2, 'serving', 2_000],
    ]);
  });
});
