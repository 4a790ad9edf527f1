import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../src-main/central/migrations.ts';
import { nationalWaits } from '../../src-main/central/reports/waits.ts';
import { centralWithShippedDays } from '../support/nationalDays.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** Central migration 5: the waits pre-combined per office day and month, made for days shipped before it. */
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase('migration5');
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('central migration 5: the waits pre-combined per office day and month', () => {
  it('sums the days an office shipped before it, so a long report reads them as it reads new ones', async () => {
    const { store, migrated, close } = await centralWithShippedDays(db.url, [
      { date: '2026-11-30', seed: 5, citizens: 15, firstBooking: 100 },
      { date: '2026-12-01', seed: 6, citizens: 15, firstBooking: 150 },
    ]);
    try {
      expect(migrated).toBe(centralMigrations.length);
      const period = { from: '2026-11-01', to: '2026-12-31' };
      const before = await nationalWaits(store, period, { exactVisits: 0 });
      expect(before.offices[0]!.figures.arrived).toBeGreaterThan(20);

      // The database as the central service of migrations 1 to 4 left it.
      await store.pool.query('DROP TABLE central_wait_days, central_wait_months');
      await store.pool.query('DELETE FROM central_migrations WHERE version = 5');

      expect(await store.migrate()).toBe(1);
      const rows = await store.pool.query<{ days: number; months: number }>(
        `SELECT (SELECT count(DISTINCT office_date)::int FROM central_wait_days) AS days,
           (SELECT count(DISTINCT month)::int FROM central_wait_months) AS months`,
      );
      expect(rows.rows[0]).toEqual({ days: 2, months: 2 });
      const after = await nationalWaits(store, period, { exactVisits: 0 });
      expect(after).toEqual(before);
      const exact = await nationalWaits(store, period);
      expect(exact.method).toBe('exact');
      expect(after.offices[0]!.figures.served).toBe(exact.offices[0]!.figures.served);
      expect(await store.migrate()).toBe(0);
    } finally {
      await close();
    }
  });
});
