import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIssuance } from '../../src-main/central/reports/issuance.ts';
import { nationalPromises } from '../../src-main/central/reports/promises.ts';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { approveApplication, sendBackApplication } from '../../src-main/services/adjudication.ts';
import { recordHandover } from '../../src-main/services/handover.ts';
import { assignBooklet, setPrinterPaused, spoilBooklet } from '../../src-main/services/passportPrinting.ts';
import { importIssuanceHistory, reportIssuance } from '../../src-main/services/reports/issuance.ts';
import { reportPromises } from '../../src-main/services/reports/promises.ts';
import { at } from '../support/floor.ts';
import { projectRoot } from '../support/hub.ts';
import { shipFloor } from '../support/nationalDays.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { approvedJob, printOn, stockBooklets } from '../support/printed.ts';

/**
 * The national issuance table and promises kept (issue 25) over two offices' print stations, worked
 * through the floor's own services and shipped into a real PostgreSQL: each office's table and
 * promises are its own reports' figures, and the national ones their sums.
 */
let db: TestDatabase;
let central: CentralStore;
let app: FastifyInstance;
const floors: Record<string, PrintFloor> = {};
const studyFile = path.resolve(projectRoot, '../shared/data/denpasar-passport-issuance-2021-2022.csv');

/**
 * The print station's week: passports printed on time, one spoiled and reprinted, one late across a
 * printer pause, one sent back before its approval, one never approved, one collected; `mix` varies
 * the passport types and application kinds.
 */
async function printWeek(p: PrintFloor, mix: number): Promise<void> {
  stockBooklets(p, 'X0000001', 'X0000030', 'elektronik');
  stockBooklets(p, 'B0000001', 'B0000030', 'biasa');
  const kind = (i: number) => (i % 3 === mix % 3 ? { applicationKind: 'habis_berlaku' as const } : {});
  const type = (i: number) => ((i + mix) % 2 ? { passportType: 'biasa' as const } : {});
  const serial = (i: number) =>
    (i + mix) % 2 ? `B00000${String(i).padStart(2, '0')}` : `X00000${String(i).padStart(2, '0')}`;
  const onTime = approvedJob(p, 1, { pickupDate: '2026-12-02', ...kind(1), ...type(1) });
  const spoiled = approvedJob(p, 2, { pickupDate: '2026-12-02', ...kind(2), ...type(2) });
  const paused = approvedJob(p, 4, { pickupDate: '2026-12-02', ...kind(4), ...type(4) });
  const sentBack = p.interviewed(5, {
    pickupDate: '2026-12-02',
    fullName: 'Ni Made Ayu Lestari',
    ...kind(5),
    ...type(5),
  });
  sendBackApplication(p.ctx, p.supervisor, { applicationId: sentBack.id, reason: 'Foto buram, ulangi foto' });
  const sentBackJob = approveApplication(p.ctx, p.supervisor, { applicationId: sentBack.id });
  const never = p.interviewed(6, { pickupDate: '2026-12-02' });
  // The fixture makes applications straight in the store; the interview's end is logged as
  // finishInterview logs it, so the central store learns the promise.
  p.ctx.store.events.emit({
    type: 'application.finished',
    at: p.floor.clock.now(),
    actor: 'sri',
    station: p.supervisor.stationId,
    payload: { applicationId: never.id, number: never.number, outcome: 'continue', pickupDate: '2026-12-02' },
  });
  const later = approvedJob(p, 7, { pickupDate: '2026-12-03', ...kind(7), ...type(7) });

  await printOn(p, onTime.id, serial(1));
  await printOn(p, later.id, serial(7));
  assignBooklet(p.ctx, p.operator, { jobId: spoiled.id, text: serial(2) });
  spoilBooklet(p.ctx, p.operator, { jobId: spoiled.id, reason: 'Macet', username: 'sri', secret: pins.sri });
  p.floor.clock.set(at('2026-12-03', '08:00'));
  const booking = p.ctx.store.bookings.find('MPDPS-00001');
  recordHandover(p.ctx, p.operator, {
    jobId: onTime.id,
    applicantNik: booking?.nik ?? '',
    receiver: 'applicant',
  });
  p.floor.clock.set(at('2026-12-03', '09:00'));
  setPrinterPaused(p.ctx, p.operator, true);
  p.floor.clock.set(at('2026-12-03', '09:30'));
  setPrinterPaused(p.ctx, p.operator, false);
  await printOn(p, paused.id, serial(4), false);
  await printOn(p, spoiled.id, serial(12), false);
  await printOn(p, sentBackJob.id, serial(5), false);
}

beforeAll(async () => {
  db = await freshDatabase('nationalprint');
  central = new CentralStore(db.url);
  await central.migrate();
  app = await centralServer({ store: central });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  for (const [i, office] of ['DPS', 'MDN'].entries()) {
    const key = await central.addOffice(office, `Kantor Imigrasi ${office}`);
    const p = makePrintFloor();
    await printWeek(p, i);
    // Denpasar's history before the floor ran: the study's report of 2021–2022.
    if (office === 'DPS')
      importIssuanceHistory(p.ctx, p.supervisor, { content: fs.readFileSync(studyFile, 'utf8') });
    p.floor.clock.set(at('2026-12-10', '12:00'));
    await shipFloor(p.floor, url, office, key);
    floors[office] = p;
  }
}, 120_000);

afterAll(async () => {
  for (const p of Object.values(floors)) await p.close();
  await app?.close();
  await central?.close();
  await db?.drop();
});

const cells = (c: {
  biasaBaru: number;
  biasaPenggantian: number;
  elektronikBaru: number;
  elektronikPenggantian: number;
  total: number;
}) => [c.biasaBaru, c.biasaPenggantian, c.elektronikBaru, c.elektronikPenggantian, c.total];

describe('the national issuance table and promises kept', { timeout: 60_000 }, () => {
  it("gives each office its own issuance report's months, and the nation their sums", async () => {
    const report = await nationalIssuance(central, { from: '2026-01-01', to: '2026-12-31' });
    for (const office of report.offices) {
      const own = reportIssuance(floors[office.code]!.ctx, { year: 2026 });
      expect(office.months.map((m) => [m.month, m.source, ...cells(m)])).toEqual(
        own.months.map((m) => [m.month, m.source, ...cells(m)]),
      );
      expect(cells(office.jumlah)).toEqual(cells(own.jumlah));
    }
    const december = report.national.months.find((m) => m.month === 12)!;
    expect(december.total).toBeGreaterThanOrEqual(6);
    expect(cells(december)).toEqual(
      [0, 1, 2, 3, 4].map((k) => report.offices.reduce((n, o) => n + cells(o.months[11]!)[k]!, 0)),
    );
    // Both types and both kinds were printed: the columns are really split.
    expect(
      cells(december)
        .slice(0, 4)
        .filter((n) => n > 0).length,
    ).toBeGreaterThanOrEqual(3);

    // Denpasar's imported 2022 stands as the study printed it: 40,904 passports.
    const history = await nationalIssuance(central, {
      from: '2022-01-01',
      to: '2022-12-31',
      offices: ['DPS'],
    });
    const own2022 = reportIssuance(floors.DPS!.ctx, { year: 2022 });
    expect(history.offices[0]!.jumlah.total).toBe(40_904);
    expect(history.offices[0]!.months.map(cells)).toEqual(own2022.months.map(cells));
    expect(history.national.months.every((m) => m.source === 'imported')).toBe(true);
  });

  it('gives each office its own promises report, and the nation their sums', async () => {
    const now = at('2026-12-10', '12:00');
    const report = await nationalPromises(central, { from: '2026-12-01', to: '2026-12-31', now });
    for (const office of report.offices) {
      const own = reportPromises(floors[office.code]!.ctx, { from: '2026-12-01', to: '2026-12-31' });
      expect({ days: office.days, total: office.total }).toEqual({ days: own.days, total: own.total });
      expect(own.total.late).toBeGreaterThan(0);
    }
    expect(report.national.total.promised).toBe(report.offices.reduce((n, o) => n + o.total.promised, 0));
    expect(report.national.days[0]!.lateBy).toEqual({
      printerBacklog:
        report.offices[0]!.days[0]!.lateBy.printerBacklog + report.offices[1]!.days[0]!.lateBy.printerBacklog,
      spoils: report.offices[0]!.days[0]!.lateBy.spoils + report.offices[1]!.days[0]!.lateBy.spoils,
      pausedPrinter:
        report.offices[0]!.days[0]!.lateBy.pausedPrinter + report.offices[1]!.days[0]!.lateBy.pausedPrinter,
      adjudication:
        report.offices[0]!.days[0]!.lateBy.adjudication + report.offices[1]!.days[0]!.lateBy.adjudication,
    });
  });
});
