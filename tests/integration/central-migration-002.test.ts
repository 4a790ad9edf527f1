import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../src-main/central/migrations.ts';
import { nationalWaits } from '../../src-main/central/reports/waits.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { makeFloor } from '../support/floor.ts';
import { openOffice, shipFloor, workDay } from '../support/nationalDays.ts';
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
    const store = new CentralStore(db.url);
    const floor = makeFloor();
    const app = await centralServer({ store });
    try {
      expect(await store.migrate()).toBe(centralMigrations.length);
      const key = await store.addOffice('DPS', 'Kantor Imigrasi Kelas I TPI Denpasar');
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
      const desks = openOffice(floor, '2026-12-01');
      workDay(floor, desks, '2026-12-01', { seed: 5, citizens: 16, firstBooking: 300 });
      await shipFloor(floor, url, 'DPS', key);
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
      await app.close();
      await store.close();
      floor.close();
    }
  });
});
