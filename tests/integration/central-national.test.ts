import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalPage } from '../../src-main/central/national/page.ts';
import { combinedWaitsNote, nationalDocument, nationalView } from '../../src-main/central/national/report.ts';
import { nationalWaits, type WaitFigures } from '../../src-main/central/reports/waits.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { aggregateKpi, type Figures } from '../../src-main/domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../src-main/domain/reports/outliers.ts';
import type { StageVisit } from '../../src-main/domain/reports/visits.ts';
import { visitsOfDays } from '../../src-main/services/reports/dayVisits.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { makeFloor, type TestFloor } from '../support/floor.ts';
import { openOffice, shipFloor, workDay } from '../support/nationalDays.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/**
 * The national reports (issue 25) over three offices' real days, built through each floor's
 * services and shipped over loopback into a real PostgreSQL: each office's figures are the ones its
 * own console shows for the same days, and the national figures are the floor's code run over all of
 * them together.
 */
let db: TestDatabase;
let central: CentralStore;
let app: FastifyInstance;
let url: string;
const floors: Record<string, TestFloor> = {};
const days = ['2026-11-30', '2026-12-01'];
const plan: { office: string; name: string; seed: number; days: string[] }[] = [
  { office: 'DPS', name: 'Kantor Imigrasi Kelas I TPI Denpasar', seed: 3, days },
  { office: 'JKS', name: 'Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan', seed: 11, days },
  { office: 'MDN', name: 'Kantor Imigrasi Kelas I Khusus TPI Medan', seed: 29, days: ['2026-12-01'] },
];

beforeAll(async () => {
  db = await freshDatabase('national');
  central = new CentralStore(db.url);
  await central.migrate();
  app = await centralServer({ store: central });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  for (const o of plan) {
    const key = await central.addOffice(o.office, o.name);
    const floor = makeFloor();
    const desks = openOffice(floor, o.days[0] as string);
    // Each day is shipped when it is worked: the second day's batches rebuild only that day.
    for (const [i, date] of o.days.entries()) {
      workDay(floor, desks, date, { seed: o.seed + i, citizens: 20, firstBooking: 100 + i * 50 });
      await shipFloor(floor, url, o.office, key);
    }
    floors[o.office] = floor;
  }
}, 180_000);

afterAll(async () => {
  for (const floor of Object.values(floors)) floor.close();
  await app?.close();
  await central?.close();
  await db?.drop();
});

/** The figures the central store can know (every stage visit an event named; docs/central.md). */
function comparable(f: Figures) {
  return {
    served: f.served,
    noShows: f.noShows,
    transferred: f.transferred,
    held: f.held,
    wait: f.wait,
    walkUp: f.walkUp,
    service: f.service,
    calledInsideWindow: f.calledInsideWindow,
    aboveWaitThreshold: f.aboveWaitThreshold,
    priorityClaimsConfirmed: f.priorityClaimsConfirmed,
    priorityClaimsRefused: f.priorityClaimsRefused,
  };
}

const settings = {
  today: '2026-12-02',
  windowGraceMinutes: 15,
  waitThresholdMinutes: 20,
  outlierZ: defaultOutlierZ,
};

function outOfOrderOnFloor(floor: TestFloor, from: string, to: string): number {
  let calls = 0;
  for (const date of days)
    if (date >= from && date <= to)
      for (const row of floor.store.queue.outOfOrderCalls(date)) calls += row.calls;
  return calls;
}

describe('the national waits over three offices', { timeout: 120_000 }, () => {
  it('gives each office the figures its own console shows for the same days', async () => {
    for (const date of days) {
      const report = await nationalWaits(central, { from: date, to: date });
      expect(report.offices.map((o) => o.code)).toEqual(['DPS', 'JKS', 'MDN']);
      for (const office of report.offices) {
        const floor = floors[office.code] as TestFloor;
        const console = reportKpi(floor.ctx, { from: date, to: date });
        expect(comparable(office.figures), `${office.code} ${date}`).toEqual(comparable(console.total));
        expect(office.byStage.map((s) => [s.stage, comparable(s.figures)])).toEqual(
          console.byStage.map((s) => [s.stage, comparable(s.figures)]),
        );
        expect(office.outOfOrderCalls).toBe(outOfOrderOnFloor(floor, date, date));
      }
    }
    // A day the office worked shows real visits; one it did not shows none.
    const dps = (await nationalWaits(central, { from: days[0]!, to: days[0]!, offices: ['MDN'] }))
      .offices[0]!;
    expect(dps.figures.served).toBe(0);
    const busy = (await nationalWaits(central, { from: days[0]!, to: days[0]!, offices: ['DPS'] }))
      .offices[0]!;
    expect(busy.figures.wait.count).toBeGreaterThan(10);
    expect(busy.figures.wait.p90Ms).toBeGreaterThan(busy.figures.wait.p50Ms as number);
  });

  it('reads a report past its exact limit from the pre-combined waits: the same counts, percentiles within the bound', async () => {
    const exact = await nationalWaits(central, { from: days[0]!, to: days[1]! });
    const combined = await nationalWaits(central, { from: days[0]!, to: days[1]! }, { exactVisits: 10 });
    expect(exact.method).toBe('exact');
    expect(combined.method).toBe('combined');
    const close = (a: number | null, b: number | null) =>
      a === null || b === null ? a === b : Math.abs(a - b) <= Math.max(500, b / 256);
    const same = (c: WaitFigures, e: WaitFigures, label: string) => {
      const { wait, walkUp, service, priorityLane, ...counts } = e.figures;
      const { wait: w, walkUp: u, service: s, priorityLane: p, ...mine } = c.figures;
      expect(mine, label).toEqual(counts);
      expect(p.share, label).toEqual(priorityLane.share);
      for (const [x, y] of [
        [w, wait],
        [u, walkUp],
        [s, service],
      ] as const) {
        expect([x.count, x.maxMs], label).toEqual([y.count, y.maxMs]);
        expect(close(x.p50Ms, y.p50Ms) && close(x.p90Ms, y.p90Ms), `${label}: ${x.p90Ms} ~ ${y.p90Ms}`).toBe(
          true,
        );
      }
      expect(
        c.byStage.map((b) => [b.stage, b.figures.arrived, b.figures.served]),
        label,
      ).toEqual(e.byStage.map((b) => [b.stage, b.figures.arrived, b.figures.served]));
      for (const [i, b] of c.byStage.entries()) {
        const y = e.byStage[i]!.figures.wait;
        expect(close(b.figures.wait.p50Ms, y.p50Ms) && close(b.figures.wait.p90Ms, y.p90Ms), label).toBe(
          true,
        );
      }
      expect(c.outOfOrderCalls, label).toBe(e.outOfOrderCalls);
    };
    same(combined.national, exact.national, 'national');
    for (const [i, office] of combined.offices.entries()) same(office, exact.offices[i]!, office.code);
    expect(combined.national.figures.wait.count).toBeGreaterThan(10);
    // One day read from its day summaries, the same as from its visits.
    const oneDay = await nationalWaits(central, { from: days[1]!, to: days[1]! }, { exactVisits: 0 });
    const oneDayExact = await nationalWaits(central, { from: days[1]!, to: days[1]! });
    expect(oneDay.method).toBe('combined');
    same(oneDay.national, oneDayExact.national, 'one day');
    // Two whole months read from the month summaries (the sum of their days).
    const months = { from: '2026-11-01', to: '2026-12-31' };
    const byMonth = await nationalWaits(central, months, { exactVisits: 0 });
    expect(byMonth.method).toBe('combined');
    same(byMonth.national, (await nationalWaits(central, months)).national, 'two months');
    const monthRows = await central.pool.query('SELECT count(*)::int AS n FROM central_wait_months');
    expect(monthRows.rows[0].n).toBeGreaterThan(0);
    // The page and the exports say in words when the waits were combined, and only then.
    const render = async (exactVisits: number) => {
      const view = await nationalView(central, months, Date.now(), { exactVisits });
      const html = nationalPage({
        user: 'analis',
        offices: await central.offices(),
        chosen: [],
        ...months,
        view,
        error: null,
        now: Date.now(),
      });
      return { html, notes: nationalDocument(view).notes ?? [] };
    };
    const combinedPage = await render(0);
    expect(combinedPage.html).toContain(combinedWaitsNote.id);
    expect(combinedPage.html).toContain(combinedWaitsNote.en);
    expect(combinedPage.notes).toContain(combinedWaitsNote.id);
    const exactPage = await render(1_000_000);
    expect(exactPage.html).not.toContain(combinedWaitsNote.id);
    expect(exactPage.notes).not.toContain(combinedWaitsNote.id);
  });

  it('gives the national figures of the union of every office visit, not an average of averages', async () => {
    const report = await nationalWaits(central, { from: days[0]!, to: days[1]! });
    const all: StageVisit[] = [];
    let calls = 0;
    for (const o of plan) {
      const floor = floors[o.office] as TestFloor;
      all.push(...visitsOfDays(floor.ctx, days[0]!, days[1]!, '2026-12-02'));
      calls += outOfOrderOnFloor(floor, days[0]!, days[1]!);
    }
    const floorsTogether = aggregateKpi(all, settings, ['documents', 'interview', 'pickup']);
    expect(comparable(report.national.figures)).toEqual(comparable(floorsTogether.total));
    expect(report.national.byStage.map((s) => [s.stage, comparable(s.figures)])).toEqual(
      floorsTogether.byStage.map((s) => [s.stage, comparable(s.figures)]),
    );
    expect(report.national.outOfOrderCalls).toBe(calls);
    expect(calls).toBeGreaterThan(0);
    // The days hold what moves a visit back and forth: a claim refused and requeued, one confirmed,
    // a hold released, a transfer, a no-show.
    const total = report.national.figures;
    expect(total.priorityClaimsRefused).toBeGreaterThan(0);
    expect(total.priorityClaimsConfirmed).toBeGreaterThan(0);
    expect(total.held).toBeGreaterThan(0);
    expect(total.transferred).toBeGreaterThan(0);
    expect(total.noShows).toBeGreaterThan(0);
    // Two days of one office are that office's two days together.
    const dps = report.offices.find((o) => o.code === 'DPS')!;
    const console = reportKpi(floors.DPS!.ctx, { from: days[0]!, to: days[1]! });
    expect(comparable(dps.figures)).toEqual(comparable(console.total));
  });

  it('reads only the offices asked for, and refuses an unknown office or a reversed period', async () => {
    const two = await nationalWaits(central, { from: days[0]!, to: days[1]!, offices: ['JKS', 'DPS'] });
    expect(two.offices.map((o) => o.code)).toEqual(['DPS', 'JKS']);
    expect(two.national.figures.wait.count).toBe(two.offices.reduce((n, o) => n + o.figures.wait.count, 0));
    await expect(nationalWaits(central, { from: days[0]!, to: days[1]!, offices: ['XXX'] })).rejects.toThrow(
      /not registered/,
    );
    await expect(nationalWaits(central, { from: days[1]!, to: days[0]! })).rejects.toThrow(/first not after/);
  });
});
