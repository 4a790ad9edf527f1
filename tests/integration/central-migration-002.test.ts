import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../src-main/central/migrations.ts';
import { nationalWaits } from '../../src-main/central/reports/waits.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { centralWithShippedDays } from '../support/nationalDays.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** Central migration 2: the stage visits of each office day, made for the days shipped before it. */
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase('migration2');
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('central migration 2: central_visits', () => {
  it('makes the visits of the days an office shipped before it, the same as its console shows', async () => {
    const { store, floor, migrated, close } = await centralWithShippedDays(db.url, [
      { date: '2026-12-01', seed: 5, citizens: 16, firstBooking: 300 },
    ]);
    try {
      expect(migrated).toBe(centralMigrations.length);
      // The database as a central service of migration 1 left it: the events, no table of visits.
      await store.pool.query('DROP TABLE central_visits');
      await store.pool.query('DELETE FROM central_migrations WHERE version = 2');

      expect(await store.migrate()).toBe(1);
      const key2 = await store.pool.query(
        "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'central_visits'::regclass AND contype = 'p'",
      );
      expect(key2.rows[0].def).toBe('PRIMARY KEY (office, office_date, entry)');
      const report = await nationalWaits(store, { from: '2026-12-01', to: '2026-12-01' });
      const console = reportKpi(floor.ctx, { from: '2026-12-01', to: '2026-12-01' }).total;
      expect(report.offices[0]!.figures.wait).toEqual(console.wait);
      expect(report.offices[0]!.figures.served).toBe(console.served);
      expect(console.wait.count).toBeGreaterThan(10);
      expect(await store.migrate()).toBe(0);
    } finally {
      await close();
    }
  });
});
