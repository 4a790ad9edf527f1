import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../src-main/central/migrations.ts';
import { nationalIssuance } from '../../src-main/central/reports/issuance.ts';
import { nationalPromises } from '../../src-main/central/reports/promises.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { reportIssuance } from '../../src-main/services/reports/issuance.ts';
import { reportPromises } from '../../src-main/services/reports/promises.ts';
import { at } from '../support/floor.ts';
import { shipFloor } from '../support/nationalDays.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { makePrintFloor } from '../support/printFloor.ts';
import { approvedJob, printOn, stockBooklets } from '../support/printed.ts';

/** Central migration 3: print jobs, applications and issuance months, made for offices shipped before it. */
let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase('migration3');
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('central migration 3: print jobs, applications, issuance months', () => {
  it("replays the print station's events an office shipped before it, the same as its own reports", async () => {
    const store = new CentralStore(db.url);
    const p = makePrintFloor();
    const app = await centralServer({ store });
    try {
      expect(await store.migrate()).toBe(centralMigrations.length);
      const key = await store.addOffice('DPS', 'Kantor Imigrasi Kelas I TPI Denpasar');
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
      stockBooklets(p, 'X0000001', 'X0000010', 'elektronik');
      const first = approvedJob(p, 1, { pickupDate: '2026-12-02' });
      approvedJob(p, 2, { pickupDate: '2026-12-02' });
      await printOn(p, first.id, 'X0000001');
      p.floor.clock.set(at('2026-12-04', '12:00'));
      await shipFloor(p.floor, url, 'DPS', key);
      // The database as the central service of migrations 1 and 2 left it.
      await store.pool.query(
        'DROP TABLE central_print_jobs, central_applications, central_issuance_months, central_issuance_imported',
      );
      await store.pool.query('DELETE FROM central_migrations WHERE version = 3');

      expect(await store.migrate()).toBe(1);
      const tables = await store.pool.query(
        "SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('central_print_jobs', 'central_applications', 'central_issuance_months', 'central_issuance_imported') AND relkind = 'r'",
      );
      expect(tables.rows[0].n).toBe(4);
      // Printed on Monday 30 November.
      const issuance = await nationalIssuance(store, { from: '2026-11-01', to: '2026-11-30' });
      const own = reportIssuance(p.ctx, { year: 2026 });
      expect(issuance.offices[0]!.months[0]!.elektronikBaru).toBe(own.months[10]!.elektronikBaru);
      expect(own.months[10]!.elektronikBaru).toBe(1);
      const promises = await nationalPromises(store, {
        from: '2026-12-01',
        to: '2026-12-31',
        now: p.floor.clock.now(),
      });
      expect(promises.offices[0]!.total).toEqual(
        reportPromises(p.ctx, { from: '2026-12-01', to: '2026-12-31' }).total,
      );
      expect(await store.migrate()).toBe(0);
    } finally {
      await app.close();
      await store.close();
      await p.close();
    }
  });
});
