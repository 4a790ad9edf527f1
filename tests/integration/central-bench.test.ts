import { afterAll, describe, expect, it } from 'vitest';
import { nationalWaits } from '../../src-main/central/reports/waits.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { localDateOf } from '../../src-main/domain/localTime.ts';
import { shippedSchema } from '../../src-main/domain/eventShipping.ts';
import { isEventType } from '../../src-main/domain/events.ts';
import { officeCode, runCentral } from '../bench/central.ts';
import { generateCentralYear, measureNationalReports, nationalReports } from '../bench/centralYear.ts';
import { cleanUp, tempDir, track, type BenchContext } from '../bench/support.ts';
import { freshDatabase } from '../support/postgres.ts';

// The bench's `central` section on a tiny volume: three offices' days pushed through two real
// `loket central serve` processes into a real PostgreSQL, every event applied once, none left
// behind; and the year generator's copies still in the shapes a hub ships, each office day its own.

const lines: string[] = [];
const bench: BenchContext = {
  options: {
    requests: 1,
    warmup: 1,
    rounds: 1,
    concurrency: 1,
    subscribers: 0,
    hubNodeArgs: [],
    historyDays: 1,
    historyVisitsPerDay: 1,
  },
  log: (line) => lines.push(line),
  tempDir,
  track,
};

afterAll(cleanUp);

describe("the bench's central section", { timeout: 240_000 }, () => {
  it('pushes three offices’ days through two central services with nothing refused and no lag', async () => {
    const result = await runCentral(bench, {
      offices: 3,
      visitsPerDay: 20,
      templates: 2,
      batchSize: 200,
      services: 2,
      year: null,
    });
    expect(result.failures).toEqual([]);
    const ingest = (result.keys.central as { ingest: Record<string, any> }).ingest;
    expect(ingest.events).toBeGreaterThan(3 * 20 * 4);
    expect(ingest.batches).toBeGreaterThanOrEqual(3 * 2);
    expect(ingest).toMatchObject({ lagEvents: 0, refusedBatches: 0, storedEvents: ingest.events });
    expect(ingest.batchRoundTrip.p99).toBeGreaterThan(0);
    expect(ingest.serviceCpuMs).toHaveLength(2);
    expect(result.targets).toHaveProperty('centralIngestDay');
  });

  it("writes a year whose every office day is its own, in the shipped shapes, on the office's dates", async () => {
    const db = await freshDatabase('benchyear');
    const store = new CentralStore(db.url);
    try {
      await store.migrate();
      const offices = [0, 1, 2].map(officeCode);
      for (const code of offices) await store.addOffice(code, `Kantor ${code}`);
      const year = await generateCentralYear(bench, db.url, offices, {
        days: 3,
        visitsPerDay: 15,
        runs: 1,
        warmup: 1,
      });
      expect(year).toMatchObject({ offices: 3, days: 3, firstDay: '2026-11-24', lastDay: '2026-11-26' });
      const perOffice = await store.pool.query<{ office: string; n: string }>(
        'SELECT office, count(*) AS n FROM central_events GROUP BY office ORDER BY office',
      );
      // Offices 0 and 2 copy the first seed day, office 1 the second; the seeds themselves are gone.
      const [first, second] = year.seedEventsPerDay as [number, number];
      expect(perOffice.rows.map((r) => [r.office, Number(r.n)])).toEqual([
        ['K001', 3 * first],
        ['K002', 3 * second],
        ['K003', 3 * first],
      ]);
      expect(year.events).toBe(3 * (2 * first + second));

      const rows = (
        await store.pool.query<{ office: string; type: string; at_ms: number; payload: any }>(
          'SELECT office, type, at_ms, payload FROM central_events',
        )
      ).rows;
      for (const row of rows) {
        expect(isEventType(row.type)).toBe(true);
        const schema = isEventType(row.type) ? shippedSchema(row.type) : null;
        if (schema && row.payload !== null)
          expect(schema.safeParse(row.payload).success, row.type).toBe(true);
      }
      // A ticket is issued on its own office day, and no two office days share a visit's pseudonym.
      const issued = rows.filter((r) => r.type === 'ticket.issued');
      for (const r of issued) expect(r.payload.ticket.officeDate).toBe(localDateOf(r.at_ms, 'Asia/Makassar'));
      const days = new Set(issued.map((r) => `${r.office} ${r.payload.ticket.officeDate}`));
      expect(days.size).toBe(9);
      expect(new Set(issued.map((r) => r.payload.ticket.id)).size).toBe(issued.length);
      // Each office month's waits are the sum of its copied days: the month read from its summaries
      // counts what its visits count.
      const november = { from: '2026-11-01', to: '2026-11-30' };
      const byVisit = await nationalWaits(store, november);
      const byMonth = await nationalWaits(store, november, { exactVisits: 0 });
      expect([byVisit.method, byMonth.method]).toEqual(['exact', 'combined']);
      expect(byMonth.national.figures.served).toBeGreaterThan(0);
      expect(
        byMonth.offices.map((o) => [o.code, o.figures.arrived, o.figures.served, o.figures.wait.count]),
      ).toEqual(
        byVisit.offices.map((o) => [o.code, o.figures.arrived, o.figures.served, o.figures.wait.count]),
      );
      // And every office month has its printed passports (generated from the seed floors' print jobs).
      expect(year.made.central_wait_months).toBe(3);
      const printed = await store.pool.query<{ office: string; n: number }>(
        'SELECT office, sum(passports)::int AS n FROM central_issuance_months GROUP BY office ORDER BY office',
      );
      expect(printed.rows.map((r) => r.office)).toEqual(offices);
      for (const r of printed.rows) expect(r.n).toBeGreaterThan(0);
    } finally {
      await store.close();
      await db.drop();
    }
  });
  it('times the national reports over a small year once they are built, and says so while they are not', async () => {
    const db = await freshDatabase('benchreports');
    const store = new CentralStore(db.url);
    try {
      await store.migrate();
      const offices = [0, 1].map(officeCode);
      for (const code of offices) await store.addOffice(code, `Kantor ${code}`);
      const built = (await nationalReports()) !== null;
      const result = await measureNationalReports(bench, db.url, offices, {
        days: 2,
        visitsPerDay: 10,
        runs: 3,
        warmup: 1,
      });
      if (!built) {
        expect(result.figures).toBe('not built yet');
        expect(result.targets).toEqual({});
        return;
      }
      expect(result.failures).toEqual([]);
      const figures = result.figures as Record<string, any>;
      for (const name of [
        'issuanceYear',
        'waitsYear',
        'waitsYearLargestSummaries',
        'issuanceOfficeMonth',
        'waitsOfficeMonth',
      ])
        expect(figures[name].runs, name).toBe(3);
      expect(figures.year).toMatchObject({ offices: 2, days: 2 });
      // The ingest's day rollups (the visits the waits read) were copied with every office day.
      const rollups = Object.values(figures.year.rollups as Record<string, number>);
      expect(rollups.length).toBeGreaterThan(0);
      for (const rows of rollups) expect(rows).toBeGreaterThan(0);
      expect(figures.heaviestQuery.explain.join('\n')).toMatch(/Execution Time/);
      expect(Object.keys(result.targets).sort()).toEqual(['centralNationalYearP99', 'centralOfficeMonthP99']);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
