import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseMrz } from 'mrz';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { dataOf } from '../../src-main/services/passportPrinting.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { ensureCupsPdf } from '../support/cups.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';
import { pdfToPng, readMrz } from '../support/ocr.ts';
import { screenshotDir } from '../support/browser.ts';

/**
 * The print station end to end on Debian's CUPS with the cups-pdf virtual printer, through the
 * hub's HTTP API as the stations call it: the supervisor approves → the queue → the operator scans
 * a booklet → prints through IPP → the PDF lands → rasterised and its MRZ read back by Tesseract →
 * parsed → equal to the application. Then a misread first print's booklet is spoiled and the job
 * reprints on a new one, and the day's booklets reconcile.
 */

let t: TestHub;
let ctx: ServiceContext;
let outputDir: string;
const tokens = { print: '', supervisor: '' };
const booking = sampleAppointment(1, {
  fullName: "Ni Luh Putu Ma'ruf Sekar-Ayu Wulandari Kusumadewi",
  birthPlace: 'Gianyar',
});

beforeAll(async () => {
  const cups = await ensureCupsPdf();
  outputDir = cups.outputDir;
  t = await startTestHub();
  ctx = {
    store: t.hub.store,
    clock: t.clock,
    biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
  };
  for (const user of [
    { username: 'putu', name: 'Putu Ardana', role: 'print_operator', secret: '246810' },
    { username: 'wayan', name: 'Wayan Sukerta', role: 'print_operator', secret: '135791' },
    { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' },
  ] as const)
    addUser(ctx, commandLine, user);
  tokens.print = t.pair('print', 'Cetak Paspor');
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
  const printStation = t.hub.store.stations.list().find((s) => s.name === 'Cetak Paspor');
  t.hub.store.stations.setPassportPrinter(printStation?.id ?? '', cups.uri);
  expect((await t.call('signIn', { username: 'putu', secret: '246810' }, tokens.print)).status).toBe(200);
  expect((await t.call('signIn', { username: 'sri', secret: '112233' }, tokens.supervisor)).status).toBe(200);
}, 90_000);

afterAll(async () => {
  await t?.close();
});

/** An operation as the station calls it; anything but 200 fails with the hub's answer. */
async function call(operation: string, input: unknown, token: string) {
  const reply = await t.call(operation, input, token);
  expect(reply.status, `${operation}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body;
}

/** The PDF cups-pdf wrote for a booklet (the job's title names the serial) since `since`. */
async function landedPdf(serial: string, since: number): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = fs
      .readdirSync(outputDir)
      .filter((name) => name.endsWith('.pdf') && name.includes(serial))
      .map((name) => path.join(outputDir, name))
      .find(
        (file) =>
          fs.statSync(file).mtimeMs >= since && fs.readFileSync(file, 'latin1').trimEnd().endsWith('%%EOF'),
      );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no PDF for ${serial} in ${outputDir}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('printing a passport through CUPS', () => {
  it('prints the data page, whose MRZ read back by OCR is the application’s; a spoiled booklet reprints; the day balances', async () => {
    // Serials of their own each run: cups-pdf's folder outlives the test.
    const base = 1_000_000 + (Date.now() % 8_000_000);
    const serial = (n: number) => `X${String(base + n).padStart(7, '0')}`;

    importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv([booking]) });
    const ticket = await call('checkIn', { text: booking.bookingCode }, t.pair('kiosk', 'Kios 1'));
    const application = interviewedApplication(ctx, { index: 1, ticketId: ticket.id });

    const job = await call('approveApplication', { applicationId: application.id }, tokens.supervisor);
    expect(job).toMatchObject({ state: 'queued', promisedDate: '2026-12-04' });
    const range = await call(
      'receiveBooklets',
      { passportType: 'elektronik', first: serial(0), last: serial(9) },
      tokens.print,
    );
    await call(
      'confirmBooklets',
      { rangeId: range.rangeId, username: 'wayan', secret: '135791' },
      tokens.print,
    );
    expect((await call('printQueue', {}, tokens.print)).queue.map((j: { id: string }) => j.id)).toEqual([
      job.id,
    ]);

    await call('scanBooklet', { jobId: job.id, text: serial(0) }, tokens.print);
    const since = Date.now() - 1000;
    const printed = await call('printPassport', { jobId: job.id }, tokens.print);
    expect(printed).toMatchObject({ printed: true, job: { state: 'printed', bookletSerial: serial(0) } });

    const landed = await landedPdf(serial(0), since);
    const lines = await readMrz(landed);
    // The page as CUPS wrote it (the 125 × 88 mm page 1:1 on the queue's A4 sheet).
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(path.join(screenshotDir, 'data-page-cups.png'), await pdfToPng(landed, { dpi: 100 }));
    const stored = t.hub.store.printJobs.find(job.id)!;
    const expected = dataOf(ctx, stored, t.hub.store.booklets.use(serial(0))!.startedAt);
    expect(lines).toEqual(expected.mrz);
    const parsed = parseMrz(lines);
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toMatchObject({
      documentCode: 'P',
      issuingState: 'IDN',
      nationality: 'IDN',
      documentNumber: serial(0),
      lastName: 'KUSUMADEWI',
      birthDate: booking.birthDate.replace(/-/g, '').slice(2),
      sex: 'female',
      expirationDate: '361129',
    });
    // The long name is cut to fit and ends on a letter.
    expect(expected.nameTruncated).toBe(true);

    // The document reader read the first print as another passport's: its booklet is spoiled.
    const misread = dataOf(ctx, { ...stored, bookletSerial: serial(5) }, stored.updatedAt).mrz.join('\n');
    const qc = await call('checkPrintedPassport', { jobId: job.id, text: misread }, tokens.print);
    expect(qc).toMatchObject({ passed: false, job: { state: 'queued', bookletSerial: null } });
    await call('signOffSpoil', { serial: serial(0) }, tokens.supervisor);

    await call('scanBooklet', { jobId: job.id, text: serial(1) }, tokens.print);
    const again = Date.now() - 1000;
    expect((await call('printPassport', { jobId: job.id }, tokens.print)).printed).toBe(true);
    const reread = await readMrz(await landedPdf(serial(1), again));
    expect(parseMrz(reread).fields.documentNumber).toBe(serial(1));
    expect(
      await call('checkPrintedPassport', { jobId: job.id, text: reread.join('\n') }, tokens.print),
    ).toMatchObject({
      passed: true,
      job: { state: 'ready' },
    });

    const report = await call('bookletReconciliation', { date: '2026-11-30' }, tokens.print);
    expect(report.types.find((r: { passportType: string }) => r.passportType === 'elektronik')).toMatchObject(
      {
        opening: 0,
        received: 10,
        used: 1,
        spoiled: 1,
        closing: 8,
        balances: true,
        usedSerials: [serial(1)],
        spoiledSerials: [{ serial: serial(0), signedOff: true }],
        closingSerials: [`${serial(2)}–${serial(9)}`],
      },
    );
  }, 120_000);
});
