import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseMrz } from 'mrz';
import {
  approveApplication,
  awaitingAdjudication,
  sendBackApplication,
} from '../../src-main/services/adjudication.ts';
import {
  bookletStock,
  confirmBooklets,
  receiveBooklets,
  signOffSpoil,
} from '../../src-main/services/booklets.ts';
import {
  handoverCase,
  recordHandover,
  readyNumbers,
  takePickupTicket,
  uncollected,
} from '../../src-main/services/handover.ts';
import { pickupStatus, receiptSignature, receiptSlip } from '../../src-main/services/receipts.ts';
import { receiptQr } from '../../src-main/domain/payload.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { commandLine } from '../../src-main/services/context.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  dataOf,
  printPassport,
  recoverInterruptedPrints,
  setPrinterPaused,
  spoilBooklet,
} from '../../src-main/services/passportPrinting.ts';
import { printQueueView, reconciliationOf } from '../../src-main/services/printViews.ts';
import { boardView } from '../../src-main/services/counterViews.ts';
import { at, rowCounts } from '../support/floor.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { refusalOf } from '../support/refusal.ts';

/** The call is refused with this code and, when given, an English message matching the pattern. */
function expectRefusal(call: () => unknown, code: string, message?: RegExp) {
  const refusal = refusalOf(call);
  expect(refusal.code).toBe(code);
  if (message) expect(refusal.text.en).toMatch(message);
}

let p: PrintFloor;

beforeEach(() => {
  p = makePrintFloor();
});
afterEach(async () => {
  await p.close();
});

/** Booklets X0000001–X0000020 (electronic) received by Putu and confirmed by Wayan. */
function stock(first = 'X0000001', last = 'X0000020', passportType = 'elektronik') {
  const range = receiveBooklets(p.ctx, p.operator, { passportType, first, last });
  return confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });
}

function approved(index: number, pickupDate = '2026-12-04', overrides = {}) {
  // Real names: the sample bookings' names end in their index, which the MRZ would drop.
  const fullName = index % 2 ? 'Ni Made Ayu Lestari' : 'I Wayan Sudarsana';
  const application = p.interviewed(index, { pickupDate, fullName, ...overrides });
  return approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
}

const mrzText = (lines: readonly string[]) => lines.join('\n');

/** The QR of a receipt as the counter prints it: signed with the hub's receipt key. */
const signedReceipt = (number: string) => receiptQr('DPS', number, receiptSignature(p.ctx, 'DPS', number));

/** Prints the passport of an approved job on the next booklet and passes its quality check. */
async function readyForPickup(job: ReturnType<typeof approved>, serial: string) {
  assignBooklet(p.ctx, p.operator, { jobId: job.id, text: serial });
  const result = await printPassport(p.ctx, p.operator, { jobId: job.id });
  const data = dataOf(p.ctx, result.job, result.job.updatedAt);
  checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: mrzText(data.mrz) });
  expect(p.ctx.store.printJobs.find(job.id)?.state).toBe('ready');
}

describe('adjudication to the print queue', () => {
  it('approves an interviewed application into the queue, or sends it back with its reason', () => {
    const first = p.interviewed(1);
    const second = p.interviewed(2);
    expect(awaitingAdjudication(p.ctx).map((a) => a.application.number)).toEqual([
      first.number,
      second.number,
    ]);

    expectRefusal(
      () => sendBackApplication(p.ctx, p.supervisor, { applicationId: second.id, reason: '  ' }),
      'INVALID_INPUT',
    );
    sendBackApplication(p.ctx, p.supervisor, { applicationId: second.id, reason: 'Foto buram, ulangi foto' });
    const job = approveApplication(p.ctx, p.supervisor, { applicationId: first.id });
    expect(job).toMatchObject({ state: 'queued', promisedDate: '2026-12-04' });
    expectRefusal(
      () => approveApplication(p.ctx, p.supervisor, { applicationId: first.id }),
      'CONFLICT',
      /already/,
    );

    const waiting = awaitingAdjudication(p.ctx);
    expect(waiting.map((a) => [a.application.number, a.sentBack?.reason])).toEqual([
      [second.number, 'Foto buram, ulangi foto'],
    ]);
  });

  it('refuses an application without a pickup date (a lost passport waiting for its BAP)', () => {
    const lost = p.interviewed(3, { pickupDate: null });
    expectRefusal(
      () => approveApplication(p.ctx, p.supervisor, { applicationId: lost.id }),
      'CONFLICT',
      /pickup date/,
    );
  });
});

describe('the print queue', () => {
  it('orders by promised date, then approval, and projects each finish against its promise', async () => {
    const late = approved(1, '2026-12-07');
    p.floor.clock.advanceMinutes(1);
    const early = approved(2, '2026-12-03');
    p.floor.clock.advanceMinutes(1);
    const alsoEarly = approved(3, '2026-12-03');
    const view = await printQueueView(p.ctx, p.printStationId);
    expect(view.queue.map((j) => j.id)).toEqual([early.id, alsoEarly.id, late.id]);
    expect(view.queue.map((j) => j.position)).toEqual([1, 2, 3]);
    // No prints yet: the pace is a working day shared by the configured capacity (480 min / 250).
    expect(view.pace).toEqual({ secondsPerPassport: 115.2, basis: 'configured', samples: 0 });
    // Two minutes passed between the approvals: the first comes off the printer at 09:03:55.
    expect(view.queue[0]?.projectedFinish).toBe('2026-11-30T09:03:55.200+08:00');
    expect(view.atRisk).toEqual([]);
    expect(view.printer).toMatchObject({ state: 'idle', paused: false, address: 'simulator' });
  });

  it('warns when the printer’s pace will miss a promise', async () => {
    // Two passports a day: the office says its printer is that slow.
    changeOffice(p.ctx, commandLine, [{ path: 'pickup.printerCapacityPerDay', value: 2 }]);
    for (let i = 1; i <= 4; i += 1) approved(i, '2026-12-01');
    const view = await printQueueView(p.ctx, p.printStationId);
    // Monday 09:00–16:00 holds one at 4 h each (the second would end at 17:00); Tuesday until 13:00 holds one more.
    expect(view.queue.map((j) => j.atRisk)).toEqual([false, false, true, true]);
    expect(view.atRisk.map((r) => r.promisedDate)).toEqual(['2026-12-01', '2026-12-01']);
  });

  it('measures the pace from the prints themselves', async () => {
    stock();
    for (let i = 1; i <= 4; i += 1) approved(i);
    for (let i = 1; i <= 3; i += 1) {
      const job = (await printQueueView(p.ctx, p.printStationId)).queue[0];
      assignBooklet(p.ctx, p.operator, { jobId: job?.id ?? '', text: `X000000${i}` });
      const print = printPassport(p.ctx, p.operator, { jobId: job?.id ?? '' });
      // The clock moves while the page prints: 90 s each.
      p.floor.clock.advanceMinutes(1.5);
      expect((await print).printed).toBe(true);
    }
    const view = await printQueueView(p.ctx, p.printStationId);
    expect(view.pace).toEqual({ secondsPerPassport: 90, basis: 'measured', samples: 3 });
  });
});

describe('booklets', () => {
  it('keeps a range received by one officer out of stock until a second officer confirms it', () => {
    const job = approved(1);
    const range = receiveBooklets(p.ctx, p.operator, {
      passportType: 'elektronik',
      first: 'X0000001',
      last: 'X0000010',
    });
    expectRefusal(
      () => assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' }),
      'CONFLICT',
      /second officer has not confirmed/,
    );
    expectRefusal(
      () => confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'putu', secret: pins.putu }),
      'CONFLICT',
      /Dual control/,
    );
    confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });
    expect(assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' }).bookletSerial).toBe(
      'X0000001',
    );
    expect(bookletStock(p.ctx).inStock).toEqual({ elektronik: 10 });
  });

  it('refuses a booklet out of stock, of the wrong type, or used before, and an overlapping range', async () => {
    stock();
    stock('B0000001', 'B0000005', 'biasa');
    expectRefusal(
      () =>
        receiveBooklets(p.ctx, p.operator, {
          passportType: 'elektronik',
          first: 'X0000015',
          last: 'X0000030',
        }),
      'CONFLICT',
      /overlaps/,
    );
    const job = approved(1);
    const other = approved(2);
    expectRefusal(
      () => assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000099' }),
      'CONFLICT',
      /not in this office's stock/,
    );
    expectRefusal(
      () => assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'B0000001' }),
      'CONFLICT',
      /for ordinary passports/,
    );
    expectRefusal(() => assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'hello' }), 'INVALID_SCAN');
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    expectRefusal(
      () => assignBooklet(p.ctx, p.operator, { jobId: other.id, text: 'X0000001' }),
      'CONFLICT',
      /another application/,
    );
    expect((await printPassport(p.ctx, p.operator, { jobId: job.id })).printed).toBe(true);
    expectRefusal(
      () => assignBooklet(p.ctx, p.operator, { jobId: other.id, text: 'X0000001' }),
      'CONFLICT',
      /prints only once/,
    );
  });
});

describe('printing, the quality check and the handover', () => {
  it('prints on the scanned booklet, passes the quality check, shows on the board and is handed over', async () => {
    stock();
    const job = approved(1);
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    const result = await printPassport(p.ctx, p.operator, { jobId: job.id });
    expect(result).toMatchObject({ printed: true, job: { state: 'printed', bookletSerial: 'X0000001' } });
    const simulator = p.printers.simulatorOf(p.printStationId);
    expect(simulator.printed.map((x: { pages: number }) => x.pages)).toEqual([1]);
    expect(simulator.printed[0]?.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The photo on the data page was opened for the print, in the operator's name (UU 27/2022).
    const photoReads = p.ctx.store.events.readAfter(0, 10_000).filter((e) => e.type === 'biometrics.read');
    expect(photoReads.map((e) => [e.actor, e.station, e.payload])).toEqual([
      [
        p.operator.officer.user.id,
        p.operator.stationId,
        { applicationId: job.applicationId, number: 'DPS-261130-0001', kind: 'face' },
      ],
    ]);

    const data = dataOf(p.ctx, result.job, result.job.updatedAt);
    expect(parseMrz(data.mrz).valid).toBe(true);
    expect(parseMrz(data.mrz).fields).toMatchObject({
      documentNumber: 'X0000001',
      nationality: 'IDN',
      lastName: 'LESTARI',
    });
    const checked = checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: mrzText(data.mrz) });
    expect(checked).toMatchObject({ passed: true, job: { state: 'ready' } });
    expect(readyNumbers(p.ctx).map((r) => r.number)).toEqual(['DPS-261130-0001']);
    expect(boardView(p.ctx).readyForPickup).toEqual(['DPS-261130-0001']);

    // Printed early: before its date the kiosk says when to come and gives no pickup number.
    const receipt = signedReceipt('DPS-261130-0001');
    expect(pickupStatus(p.ctx, { text: receipt })).toMatchObject({
      status: 'ready_later',
      comeOn: { date: '2026-12-04', open: '13:00', close: '15:00' },
    });
    expectRefusal(() => takePickupTicket(p.ctx, { text: receipt }), 'TOO_EARLY', /4 December 2026/);
    p.interviewed(2);
    // On its date, in the pickup hours: a pickup number, the same one when scanned again.
    p.floor.clock.set(at('2026-12-04', '13:10'));
    expect(takePickupTicket(p.ctx, { text: receipt })).toMatchObject({ number: 'P-001', repeated: false });
    expect(takePickupTicket(p.ctx, { text: receipt })).toMatchObject({ number: 'P-001', repeated: true });
    expect(pickupStatus(p.ctx, { text: receipt }).status).toBe('ready');
    expectRefusal(
      () => takePickupTicket(p.ctx, { text: signedReceipt('DPS-261130-0002') }),
      'CONFLICT',
      /not ready/,
    );

    const booking = p.ctx.store.bookings.find('MPDPS-00001');
    expectRefusal(
      () =>
        recordHandover(p.ctx, p.operator, {
          jobId: job.id,
          applicantNik: '5171010101600099',
          receiver: 'applicant',
        }),
      'CONFLICT',
      /NIK on the KTP differs/,
    );
    expectRefusal(
      () =>
        recordHandover(p.ctx, p.operator, {
          jobId: job.id,
          applicantNik: booking?.nik ?? '',
          receiver: 'representative',
          representative: { name: 'Ketut', nik: '5171010101700001', letterReference: ' ' },
        }),
      'INVALID_INPUT',
      /letter of authority/,
    );
    recordHandover(p.ctx, p.operator, {
      jobId: job.id,
      applicantNik: booking?.nik ?? '',
      receiver: 'applicant',
    });
    expect(p.ctx.store.printJobs.find(job.id)?.state).toBe('collected');
    expect(p.ctx.store.applications.find(job.applicationId)?.handedOverAt).toBe(p.floor.clock.now());
    expect(boardView(p.ctx).readyForPickup).toEqual([]);
    expectRefusal(
      () =>
        recordHandover(p.ctx, p.operator, {
          jobId: job.id,
          applicantNik: booking?.nik ?? '',
          receiver: 'applicant',
        }),
      'CONFLICT',
      /already been handed over/,
    );
  });

  it('a forged or unsigned receipt is refused at the kiosk; an old unsigned one still works at the handover with the NIK', async () => {
    stock();
    const fullName = 'Ni Made Ayu Lestari';
    const mine = p.interviewed(1, { pickupDate: '2026-12-04', fullName });
    const printed = receiptSlip(p.ctx, { applicationId: mine.id }).receipt.qr;
    const theirs = p.interviewed(3, { pickupDate: '2026-12-04', fullName: 'Ni Luh Putu Sari' });
    for (const application of [mine, theirs]) {
      const job = approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
      await readyForPickup(job, application === mine ? 'X0000001' : 'X0000002');
    }

    // Someone with their own receipt changes the application number to read another's passport.
    const forged = printed.replace(mine.number, theirs.number);
    expect(forged).not.toBe(printed);
    const before = rowCounts(p.ctx.store);
    expectRefusal(() => pickupStatus(p.ctx, { text: forged }), 'INVALID_SCAN');
    expectRefusal(() => takePickupTicket(p.ctx, { text: forged }), 'INVALID_SCAN');
    expectRefusal(() => handoverCase(p.ctx, { text: forged }), 'INVALID_SCAN');
    const refused = refusalOf(() => takePickupTicket(p.ctx, { text: forged }));
    expect(refused.text.id).toMatch(/loket pengambilan/);
    expect(refused.text.en).toMatch(/pickup counter/);
    // A receipt printed before receipts were signed cannot be checked at the kiosk either.
    const unsigned = receiptQr('DPS', theirs.number);
    expectRefusal(() => pickupStatus(p.ctx, { text: unsigned }), 'INVALID_SCAN');
    expectRefusal(() => takePickupTicket(p.ctx, { text: unsigned }), 'INVALID_SCAN');
    expect(rowCounts(p.ctx.store)).toEqual(before);

    // The printed receipt works at the kiosk (on its pickup date, in the pickup hours).
    p.floor.clock.set(at('2026-12-04', '13:10'));
    expect(pickupStatus(p.ctx, { text: printed })).toMatchObject({
      applicationNumber: mine.number,
      status: 'ready',
    });
    expect(takePickupTicket(p.ctx, { text: printed })).toMatchObject({ number: 'P-001', repeated: false });

    // The old unsigned receipt still opens the case at the handover desk, where the NIK is checked.
    const found = handoverCase(p.ctx, { text: unsigned });
    expect(found.application.number).toBe(theirs.number);
    expectRefusal(
      () =>
        recordHandover(p.ctx, p.operator, {
          jobId: found.job.id,
          applicantNik: '5171010101600099',
          receiver: 'applicant',
        }),
      'CONFLICT',
      /NIK on the KTP differs/,
    );
    recordHandover(p.ctx, p.operator, {
      jobId: found.job.id,
      applicantNik: p.ctx.store.bookings.find('MPDPS-00003')?.nik ?? '',
      receiver: 'applicant',
    });
    expect(p.ctx.store.printJobs.find(found.job.id)?.state).toBe('collected');
  });

  it('spoils the booklet when the printed MRZ differs, reprints on a new one, and the day balances', async () => {
    stock();
    const job = approved(1);
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    const first = await printPassport(p.ctx, p.operator, { jobId: job.id });
    const data = dataOf(p.ctx, first.job, first.job.updatedAt);
    // The reader got a valid MRZ of another booklet number: a different passport.
    const elsewhere = dataOf(p.ctx, { ...first.job, bookletSerial: 'X0000009' }, first.job.updatedAt);
    const qc = checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: mrzText(elsewhere.mrz) });
    expect(qc.passed).toBe(false);
    expect(qc.differences.map((d) => d.field)).toEqual(['documentNumber', 'compositeCheckDigit']);
    // The operator is told, in words, which field and both values; the queue's column says it too.
    expect(qc.findings[0]).toEqual({
      id: 'Nomor paspor tidak cocok: data X0000001, terbaca X0000009',
      en: 'Passport number does not match: data X0000001, read X0000009',
    });
    expect(qc.message.id).toMatch(/^Gagal QC: paspor X0000001/);
    expect(qc.job.lastError).toBe('Gagal QC: nomor paspor tidak cocok');
    expect(qc.job).toMatchObject({ state: 'queued', bookletSerial: null });
    expect(bookletStock(p.ctx).awaitingSignOff.map((u) => u.serial)).toEqual(['X0000001']);

    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000002' });
    const reprint = await printPassport(p.ctx, p.operator, { jobId: job.id });
    const again = dataOf(p.ctx, reprint.job, reprint.job.updatedAt);
    expect(checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: mrzText(again.mrz) }).passed).toBe(
      true,
    );
    expect(again.passportNumber).toBe('X0000002');
    expect(data.passportNumber).toBe('X0000001');

    expectRefusal(() => signOffSpoil(p.ctx, p.operator, { serial: 'X0000001' }), 'FORBIDDEN');
    signOffSpoil(p.ctx, p.supervisor, { serial: 'X0000001' });
    const [electronic] = reconciliationOf(p.ctx, '2026-11-30').types;
    expect(electronic).toMatchObject({
      passportType: 'elektronik',
      opening: 0,
      received: 20,
      used: 1,
      spoiled: 1,
      closing: 18,
      balances: true,
      usedSerials: ['X0000002'],
      spoiledSerials: [
        {
          serial: 'X0000001',
          reason: expect.stringMatching(/^Gagal QC: nomor paspor.*data X0000001, terbaca X0000009/),
          signedOff: true,
        },
      ],
      closingSerials: ['X0000003–X0000020'],
    });
    // The next day opens with what this one closed on.
    const [nextDay] = reconciliationOf(p.ctx, '2026-12-01').types;
    expect(nextDay).toMatchObject({
      opening: 18,
      received: 0,
      used: 0,
      spoiled: 0,
      closing: 18,
      balances: true,
    });
  });

  it('puts a job back in the queue when the printer fails mid-job, spoiling the touched booklet', async () => {
    stock();
    const job = approved(1);
    const simulator = p.printers.simulatorOf(p.printStationId);
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    simulator.fail('paper jam', { midJob: true });
    const failed = await printPassport(p.ctx, p.operator, { jobId: job.id });
    expect(failed).toMatchObject({
      printed: false,
      job: { state: 'queued', bookletSerial: null, lastError: 'paper jam' },
    });
    expect(failed.message?.en).toMatch(/mid-print/);
    expect(p.ctx.store.booklets.use('X0000001')).toMatchObject({ outcome: 'spoiled', signedOffBy: null });

    // Refused before it started: the booklet was never touched and stays with the job.
    simulator.repair();
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000002' });
    simulator.fail('media-empty', { midJob: false });
    const refused = await printPassport(p.ctx, p.operator, { jobId: job.id });
    expect(refused).toMatchObject({ printed: false, job: { state: 'queued', bookletSerial: 'X0000002' } });
    expect(p.ctx.store.booklets.use('X0000002')).toBeNull();

    simulator.repair();
    expect((await printPassport(p.ctx, p.operator, { jobId: job.id })).printed).toBe(true);
    expect(p.ctx.store.printJobs.find(job.id)?.attempts).toBe(3);
  });

  it('sends nothing to a paused printer, and spoils a booklet only with a supervisor’s PIN', async () => {
    stock();
    const job = approved(1);
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    setPrinterPaused(p.ctx, p.operator, true);
    await expect(printPassport(p.ctx, p.operator, { jobId: job.id })).rejects.toThrow(/paused/);
    expect((await printQueueView(p.ctx, p.printStationId)).printer?.state).toBe('paused');
    setPrinterPaused(p.ctx, p.operator, false);

    expectRefusal(
      () =>
        spoilBooklet(p.ctx, p.operator, {
          jobId: job.id,
          reason: 'sampul sobek',
          username: 'wayan',
          secret: pins.wayan,
        }),
      'FORBIDDEN',
    );
    const back = spoilBooklet(p.ctx, p.operator, {
      jobId: job.id,
      reason: 'sampul sobek',
      username: 'sri',
      secret: pins.sri,
    });
    expect(back).toMatchObject({ state: 'queued', bookletSerial: null });
    expect(p.ctx.store.booklets.use('X0000001')).toMatchObject({
      outcome: 'spoiled',
      reason: 'sampul sobek',
    });
  });

  it('puts a print the hub stopped in the middle of back in the queue, its booklet awaiting sign-off', async () => {
    stock();
    const job = approved(1);
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    // The simulated printer never answers: the hub stops while it waits.
    p.printers.simulatorOf(p.printStationId).pause();
    void printPassport(p.ctx, p.operator, { jobId: job.id }).catch(() => undefined);
    await expect.poll(() => p.ctx.store.printJobs.find(job.id)?.state).toBe('printing');
    expect(recoverInterruptedPrints(p.ctx)).toBe(1);
    expect(p.ctx.store.printJobs.find(job.id)).toMatchObject({ state: 'queued', bookletSerial: null });
    expect(p.ctx.store.booklets.use('X0000001')).toMatchObject({ outcome: 'spoiled', signedOffBy: null });
    expect(recoverInterruptedPrints(p.ctx)).toBe(0);
  });

  it('lists passports not collected after 30 days for cancellation', async () => {
    stock();
    const job = approved(1);
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: 'X0000001' });
    const printed = await printPassport(p.ctx, p.operator, { jobId: job.id });
    checkPrintedPassport(p.ctx, p.operator, {
      jobId: job.id,
      text: mrzText(dataOf(p.ctx, printed.job, printed.job.updatedAt).mrz),
    });
    p.floor.clock.set(at('2026-12-29', '09:00'));
    expect(uncollected(p.ctx)).toEqual([]);
    p.floor.clock.set(at('2026-12-31', '09:00'));
    expect(uncollected(p.ctx).map((u) => [u.number, u.days])).toEqual([['DPS-261130-0001', 31]]);
  });
});
