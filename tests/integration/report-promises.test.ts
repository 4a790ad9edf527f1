import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveApplication, sendBackApplication } from '../../src-main/services/adjudication.ts';
import { recordHandover, uncollected } from '../../src-main/services/handover.ts';
import { assignBooklet, setPrinterPaused, spoilBooklet } from '../../src-main/services/passportPrinting.ts';
import { reportPromises } from '../../src-main/services/reports/promises.ts';
import { at } from '../support/floor.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { approvedJob, printOn, stockBooklets } from '../support/printed.ts';

let p: PrintFloor;

beforeEach(() => {
  p = makePrintFloor();
});
afterEach(async () => {
  await p.close();
});

const noLate = { printerBacklog: 0, spoils: 0, pausedPrinter: 0, adjudication: 0 };

describe('promises kept: pickup dates against the print station’s records', () => {
  it('counts each promise kept or late with its cause, collected, and uncollected after 30 days', async () => {
    stockBooklets(p, 'X0000001', 'X0000020', 'elektronik');
    // Monday 30 November: six passports promised for Wednesday 2 December, one for Thursday 3 December.
    const onTime = approvedJob(p, 1, { pickupDate: '2026-12-02' });
    const spoiled = approvedJob(p, 2, { pickupDate: '2026-12-02' });
    const backlog = approvedJob(p, 3, { pickupDate: '2026-12-02' });
    const paused = approvedJob(p, 4, { pickupDate: '2026-12-02' });
    const sentBack = p.interviewed(5, { pickupDate: '2026-12-02', fullName: 'Ni Made Ayu Lestari' });
    sendBackApplication(p.ctx, p.supervisor, {
      applicationId: sentBack.id,
      reason: 'Foto buram, ulangi foto',
    });
    const sentBackJob = approveApplication(p.ctx, p.supervisor, { applicationId: sentBack.id });
    p.interviewed(6, { pickupDate: '2026-12-02' }); // never approved
    const neverCollected = approvedJob(p, 7, { pickupDate: '2026-12-03' });

    await printOn(p, onTime.id, 'X0000001');
    await printOn(p, neverCollected.id, 'X0000002');
    const readyAt = p.ctx.store.printJobs.find(neverCollected.id)?.readyAt as number;
    assignBooklet(p.ctx, p.operator, { jobId: spoiled.id, text: 'X0000003' });
    spoilBooklet(p.ctx, p.operator, {
      jobId: spoiled.id,
      reason: 'Macet',
      username: 'sri',
      secret: pins.sri,
    });

    // Before the promised day has passed nothing is late yet.
    p.floor.clock.set(at('2026-12-02', '15:00'));
    const early = reportPromises(p.ctx, { from: '2026-12-02', to: '2026-12-02' });
    expect(early.days).toEqual([
      {
        date: '2026-12-02',
        promised: 6,
        printedOnTime: 1,
        late: 0,
        notPrinted: 0,
        lateBy: noLate,
        collected: 0,
        uncollectedAfter30Days: 0,
      },
    ]);

    // Thursday 3 December: the citizen collects the one on time; the late ones print, one across a pause.
    p.floor.clock.set(at('2026-12-03', '08:00'));
    const booking = p.ctx.store.bookings.find('MPDPS-00001');
    recordHandover(p.ctx, p.operator, {
      jobId: onTime.id,
      applicantNik: booking?.nik ?? '',
      receiver: 'applicant',
    });
    await printOn(p, backlog.id, 'X0000004', false);
    p.floor.clock.set(at('2026-12-03', '09:00'));
    setPrinterPaused(p.ctx, p.operator, true);
    p.floor.clock.set(at('2026-12-03', '09:30'));
    setPrinterPaused(p.ctx, p.operator, false);
    await printOn(p, paused.id, 'X0000005', false);
    await printOn(p, spoiled.id, 'X0000006', false);
    await printOn(p, sentBackJob.id, 'X0000007', false);

    // 31 days after the passport promised for 3 December was ready, nobody has collected it.
    p.floor.clock.set(readyAt + 31 * 86_400_000);
    expect(uncollected(p.ctx).map((u) => u.job.id)).toEqual([neverCollected.id]);
    const report = reportPromises(p.ctx, { from: '2026-12-01', to: '2026-12-31' });
    expect(report.days).toEqual([
      {
        date: '2026-12-02',
        promised: 6,
        printedOnTime: 1,
        late: 5,
        notPrinted: 1,
        lateBy: { printerBacklog: 1, spoils: 1, pausedPrinter: 1, adjudication: 2 },
        collected: 1,
        uncollectedAfter30Days: 0,
      },
      {
        date: '2026-12-03',
        promised: 1,
        printedOnTime: 1,
        late: 0,
        notPrinted: 0,
        lateBy: noLate,
        collected: 0,
        uncollectedAfter30Days: 1,
      },
    ]);
    expect(report.total).toEqual({
      promised: 7,
      printedOnTime: 2,
      late: 5,
      notPrinted: 1,
      onTimeShare: 2 / 7,
      collected: 1,
      uncollectedAfter30Days: 1,
    });
    // A range without promises is empty, not an error.
    expect(reportPromises(p.ctx, { from: '2026-11-01', to: '2026-11-30' }).total).toMatchObject({
      promised: 0,
      onTimeShare: null,
    });
  });
});
