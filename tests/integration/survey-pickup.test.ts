import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveApplication } from '../../src-main/services/adjudication.ts';
import { confirmBooklets, receiveBooklets } from '../../src-main/services/booklets.ts';
import { commandLine, type Caller } from '../../src-main/services/context.ts';
import { callNext, type CounterCaller } from '../../src-main/services/counters.ts';
import { recordHandover, takePickupTicket } from '../../src-main/services/handover.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  dataOf,
  printPassport,
} from '../../src-main/services/passportPrinting.ts';
import { receiptSignature } from '../../src-main/services/receipts.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { startSurvey, submitSurvey, surveyReport } from '../../src-main/services/survey/survey.ts';
import { receiptQr } from '../../src-main/domain/payload.ts';
import { ticketQr } from '../../src-main/domain/ticket.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { at, rowCounts } from '../support/floor.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { refusalOf } from '../support/refusal.ts';

/**
 * The kiosk after a pickup: a citizen who collected the passport today scans the receipt and rates
 * the pickup (stage `pickup`, the desk that handed it over, service "pengambilan"), once.
 */
let p: PrintFloor;
let kiosk: Caller;

beforeEach(() => {
  p = makePrintFloor();
  addUser(p.ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '975310' });
  const range = receiveBooklets(p.ctx, p.operator, {
    passportType: 'elektronik',
    first: 'X0000001',
    last: 'X0000020',
  });
  confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });
  const station = addStation(p.ctx, commandLine, { mode: 'kiosk', name: 'Kios 1' }).station;
  kiosk = { stationId: station.id, actor: station.id };
});
afterEach(async () => {
  await p.close();
});

const receiptOf = (application: ApplicationRecord) =>
  receiptQr('DPS', application.number, receiptSignature(p.ctx, 'DPS', application.number));

async function ready(index: number): Promise<ApplicationRecord> {
  const application = p.interviewed(index, { pickupDate: '2026-12-04' });
  const job = approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
  assignBooklet(p.ctx, p.operator, { jobId: job.id, text: `X000000${index}` });
  const printed = await printPassport(p.ctx, p.operator, { jobId: job.id });
  const data = dataOf(p.ctx, printed.job, printed.job.updatedAt);
  checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: data.mrz.join('\n') });
  return application;
}

function pickupDesk(): CounterCaller {
  const station = addStation(p.ctx, commandLine, { mode: 'counter', name: 'Loket 7', counter: 7 }).station;
  signIn(p.ctx, station, { username: 'made', secret: '975310', counter: 7 });
  return { stationId: station.id, actor: 'made', officer: requireOfficer(p.ctx, station, ['officer']) };
}

describe('the survey at the kiosk after a pickup', () => {
  it('rates the pickup by the receipt QR once, at the desk that handed the passport over', async () => {
    const [collected, waiting] = [await ready(1), await ready(2)];
    p.floor.clock.set(at('2026-12-04', '13:05'));
    takePickupTicket(p.ctx, { text: receiptOf(collected) });
    takePickupTicket(p.ctx, { text: receiptOf(waiting) });
    // Not handed over yet: nothing to rate.
    expect(refusalOf(() => startSurvey(p.ctx, kiosk, { code: receiptOf(collected) })).code).toBe('CONFLICT');

    const desk = pickupDesk();
    expect(callNext(p.ctx, desk)?.number).toBe('P-001');
    const job = p.ctx.store.printJobs.findByApplication(collected.id)!;
    const nik = p.ctx.store.bookings.find('MPDPS-00001')!.nik;
    recordHandover(p.ctx, desk, { jobId: job.id, applicantNik: nik, receiver: 'applicant' });
    p.floor.clock.set(at('2026-12-04', '13:20'));

    const started = startSurvey(p.ctx, kiosk, { code: receiptOf(collected) });
    expect(started).toMatchObject({ stage: 'pickup', counter: 7, service: 'pengambilan' });
    submitSurvey(p.ctx, kiosk, {
      token: started.token,
      answers: { u1: 4, u2: 4, u3: 3, u8: 4 },
      comment: 'Cepat.',
    });

    // The same pickup again, by the receipt or by the ticket of the interview day: the same visit.
    const before = rowCounts(p.ctx.store);
    expect(refusalOf(() => startSurvey(p.ctx, kiosk, { code: receiptOf(collected) })).code).toBe('CONFLICT');
    expect(
      refusalOf(() => startSurvey(p.ctx, kiosk, { code: ticketQr('DPS', collected.ticketId) })).code,
    ).toBe('CONFLICT');
    expect(
      refusalOf(() => submitSurvey(p.ctx, kiosk, { token: started.token, answers: { u1: 1 } })).code,
    ).toBe('CONFLICT');
    // A receipt whose signature was altered is no receipt of this hub.
    const forged = receiptOf(waiting).replace(/[0-9a-f]{4}$/, '0000');
    expect(refusalOf(() => startSurvey(p.ctx, kiosk, { code: forged })).code).toBe('INVALID_SCAN');
    expect(rowCounts(p.ctx.store)).toEqual(before);

    const report = surveyReport(p.ctx, { period: 'quarter', year: 2026, index: 4 });
    expect(report.byStage).toEqual([expect.objectContaining({ stage: 'pickup', responses: 1 })]);
    expect(report.byCounter).toEqual([expect.objectContaining({ counter: 7, responses: 1 })]);
    expect(report.profile.service).toEqual([{ value: 'pengambilan', count: 1 }]);
    // (4 + 4 + 3 + 4) / 4 × 25: the five blank elements are left out.
    expect(report.overall.index).toBeCloseTo(93.75, 12);
    expect(report.overall.grade).toBe('A');
    const stored = JSON.stringify(p.ctx.store.db.prepare('SELECT * FROM survey_responses').all());
    for (const personal of [collected.number, collected.ticketId, collected.id, nik, 'MPDPS-00001', 'P-001'])
      expect(stored).not.toContain(personal);
  });
});
