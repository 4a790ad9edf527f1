import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveApplication } from '../../src-main/services/adjudication.ts';
import { confirmBooklets, receiveBooklets } from '../../src-main/services/booklets.ts';
import { commandLine } from '../../src-main/services/context.ts';
import {
  callNext,
  completeService,
  holdTicket,
  markNoShow,
  recall,
  releaseTicket,
  startService,
  transferTicket,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { boardView, counterView } from '../../src-main/services/counterViews.ts';
import { recordHandover, takePickupTicket } from '../../src-main/services/handover.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  dataOf,
  printPassport,
} from '../../src-main/services/passportPrinting.ts';
import { pickupStatus, receiptSignature } from '../../src-main/services/receipts.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { receiptQr } from '../../src-main/domain/payload.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { at } from '../support/floor.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { refusalOf } from '../support/refusal.ts';

/**
 * The pickup stage: a citizen whose passport is ready takes a pickup number at the kiosk on the
 * pickup date; the pickup desk (counter 7 of the default floor) calls the numbers in order with
 * "Panggil berikutnya", the board shows the call, and the handover ends the visit.
 */
let p: PrintFloor;
const names = ['Ni Made Ayu Lestari', 'I Wayan Sudarsana', 'Ni Luh Putu Sari'];

beforeEach(() => {
  p = makePrintFloor();
  addUser(p.ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '975310' });
  addUser(p.ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '864200' });
  const range = receiveBooklets(p.ctx, p.operator, {
    passportType: 'elektronik',
    first: 'X0000001',
    last: 'X0000020',
  });
  confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });
});
afterEach(async () => {
  await p.close();
});

const receiptOf = (application: ApplicationRecord) =>
  receiptQr('DPS', application.number, receiptSignature(p.ctx, 'DPS', application.number));

/** Interviewed on 30 November, approved, printed and through its quality check: ready for 4 December. */
async function ready(index: number): Promise<ApplicationRecord> {
  const application = p.interviewed(index, { pickupDate: '2026-12-04', fullName: names[index - 1] });
  const job = approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
  assignBooklet(p.ctx, p.operator, { jobId: job.id, text: `X000000${index}` });
  const printed = await printPassport(p.ctx, p.operator, { jobId: job.id });
  const data = dataOf(p.ctx, printed.job, printed.job.updatedAt);
  checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: data.mrz.join('\n') });
  return application;
}

function desk(username: string, secret: string, counter: number): CounterCaller {
  const station = addStation(p.ctx, commandLine, {
    mode: 'counter',
    name: `Loket ${counter}`,
    counter,
  }).station;
  signIn(p.ctx, station, { username, secret, counter });
  return { stationId: station.id, actor: username, officer: requireOfficer(p.ctx, station, ['officer']) };
}

const nikOf = (index: number) => p.ctx.store.bookings.find(`MPDPS-0000${index}`)?.nik ?? '';

describe('the pickup queue', () => {
  it('the pickup desk calls pickup numbers in number order, the board shows them, and the handover ends each visit', async () => {
    const [first, second] = [await ready(1), await ready(2)];
    p.floor.clock.set(at('2026-12-04', '13:05'));
    expect(takePickupTicket(p.ctx, { text: receiptOf(second) }).number).toBe('P-001');
    p.floor.clock.set(at('2026-12-04', '13:06'));
    expect(takePickupTicket(p.ctx, { text: receiptOf(first) }).number).toBe('P-002');

    const pickupDesk = desk('made', '975310', 7);
    expect(counterView(p.ctx, pickupDesk).waiting).toEqual([
      { stage: 'pickup', lane: 'regular', window: '13:00', waiting: 2 },
    ]);
    // A document-check desk does not call pickup numbers.
    const documents = desk('ayu', '864200', 1);
    expect(callNext(p.ctx, documents)).toBeNull();

    expect(callNext(p.ctx, pickupDesk)?.number).toBe('P-001');
    const board = boardView(p.ctx);
    expect(board.calls[0]).toMatchObject({ number: 'P-001', counter: 7, kind: 'next' });
    expect(JSON.stringify(board)).not.toMatch(/Sudarsana|5171/);
    // The counter opens the handover on the called number's application.
    const current = counterView(p.ctx, pickupDesk).current;
    expect(current).toMatchObject({
      number: 'P-001',
      stage: { id: 'pickup' },
      pickup: { applicationNumber: second.number },
      booking: { fullName: 'I Wayan Sudarsana' },
    });

    // The visit ends with the handover, not with "Selesai" while the passport is still here.
    startService(p.ctx, pickupDesk);
    expect(refusalOf(() => completeService(p.ctx, pickupDesk)).text.en).toMatch(
      /Hand the passport over first/,
    );
    // A pickup number goes to no other stage.
    expect(refusalOf(() => transferTicket(p.ctx, pickupDesk, { toCounter: 3 })).code).toBe('INVALID_INPUT');
    const job = p.ctx.store.printJobs.findByApplication(second.id)!;
    recordHandover(p.ctx, pickupDesk, { jobId: job.id, applicantNik: nikOf(2), receiver: 'applicant' });
    expect(counterView(p.ctx, pickupDesk)).toMatchObject({ current: null, counter: { state: 'available' } });
    const types = p.ctx.store.events
      .readAfter(0, 10_000)
      .filter((e) => e.type.startsWith('ticket.') && (e.payload as { number?: string }).number === 'P-001')
      .map((e) => e.type);
    expect(types).toEqual(['ticket.called', 'ticket.serving', 'ticket.completed']);

    // Called, not started: the handover starts and ends the visit at once.
    expect(callNext(p.ctx, pickupDesk)?.number).toBe('P-002');
    const firstJob = p.ctx.store.printJobs.findByApplication(first.id)!;
    recordHandover(p.ctx, pickupDesk, { jobId: firstJob.id, applicantNik: nikOf(1), receiver: 'applicant' });
    expect(counterView(p.ctx, pickupDesk).current).toBeNull();
    expect(callNext(p.ctx, pickupDesk)).toBeNull();
  });

  it('a number whose passport is handed over at another desk leaves the queue; a missed number rescanned goes back in line', async () => {
    const [first, second] = [await ready(1), await ready(2)];
    p.floor.clock.set(at('2026-12-04', '13:05'));
    takePickupTicket(p.ctx, { text: receiptOf(first) });
    takePickupTicket(p.ctx, { text: receiptOf(second) });
    // P-001's passport is handed over at the print station's handover tab.
    const job = p.ctx.store.printJobs.findByApplication(first.id)!;
    recordHandover(p.ctx, p.operator, { jobId: job.id, applicantNik: nikOf(1), receiver: 'applicant' });
    const cancelled = p.ctx.store.events.readAfter(0, 10_000).filter((e) => e.type === 'ticket.cancelled');
    expect(cancelled.map((e) => e.payload)).toMatchObject([{ number: 'P-001', reason: 'handed_over' }]);

    const pickupDesk = desk('made', '975310', 7);
    expect(callNext(p.ctx, pickupDesk)?.number).toBe('P-002');
    recall(p.ctx, pickupDesk);
    recall(p.ctx, pickupDesk);
    markNoShow(p.ctx, pickupDesk);
    expect(callNext(p.ctx, pickupDesk)).toBeNull();
    // The citizen comes back and scans the receipt again: the same number, in line again.
    expect(takePickupTicket(p.ctx, { text: receiptOf(second) })).toMatchObject({
      number: 'P-002',
      repeated: true,
    });
    expect(callNext(p.ctx, pickupDesk)?.number).toBe('P-002');
    // Held (the KTP left in the car) and released, it keeps its place.
    holdTicket(p.ctx, pickupDesk);
    const held = counterView(p.ctx, pickupDesk).held[0]!;
    releaseTicket(p.ctx, pickupDesk, held.entryId);
    expect(callNext(p.ctx, pickupDesk)?.number).toBe('P-002');
  });

  it('before the pickup date, and outside the pickup hours, the kiosk says when to come and gives no number', async () => {
    const application = await ready(1);
    const receipt = receiptOf(application);
    const when = () => pickupStatus(p.ctx, { text: receipt });
    // Printed on Monday 30 November; promised for Friday 4 December, 13:00–15:00.
    expect(when()).toMatchObject({ status: 'ready_later', comeOn: { date: '2026-12-04' } });
    expect(when().statusText.id).toBe(
      'Paspor Anda dapat diambil mulai Jumat, 4 Desember 2026, pukul 13.00–15.00.',
    );
    expect(when().statusText.id).not.toMatch(/siap diambil/);
    expect(refusalOf(() => takePickupTicket(p.ctx, { text: receipt })).code).toBe('TOO_EARLY');
    // The morning of the date: today, from 13:00.
    p.floor.clock.set(at('2026-12-04', '10:00'));
    expect(when().statusText.id).toBe(
      'Paspor Anda dapat diambil hari ini pukul 13.00–15.00. Silakan kembali pada jam tersebut.',
    );
    // After the hours on Friday: Monday 7 December (the weekend skipped).
    p.floor.clock.set(at('2026-12-04', '15:00'));
    expect(when()).toMatchObject({ status: 'ready_later', comeOn: { date: '2026-12-07' } });
    expect(refusalOf(() => takePickupTicket(p.ctx, { text: receipt })).text.en).toMatch(
      /from Monday, 7 December 2026, 13:00–15:00/,
    );
    p.floor.clock.set(at('2026-12-07', '13:00'));
    expect(when()).toMatchObject({
      status: 'ready',
      comeOn: null,
      statusText: { id: 'Paspor Anda siap diambil.' },
    });
    expect(takePickupTicket(p.ctx, { text: receipt }).number).toBe('P-001');
  });
});
