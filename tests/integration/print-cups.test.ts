import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseMrz } from 'mrz';
import { approveApplication } from '../../src-main/services/adjudication.ts';
import { confirmBooklets, receiveBooklets, signOffSpoil } from '../../src-main/services/booklets.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  dataOf,
  printPassport,
} from '../../src-main/services/passportPrinting.ts';
import { reconciliationOf } from '../../src-main/services/printViews.ts';
import { ensureCupsPdf } from '../support/cups.ts';
import { readMrz } from '../support/ocr.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';

/**
 * The print station end to end on Debian's CUPS with the cups-pdf virtual printer: approve →
 * queue → scan a booklet → print through IPP → the PDF lands → rasterised and its MRZ read back
 * by Tesseract → parsed → equal to the application. Then a misprint's booklet is spoiled and the
 * job reprints on a new one, and the day's booklets reconcile.
 */

let p: PrintFloor;
let outputDir: string;

beforeAll(async () => {
  const cups = await ensureCupsPdf();
  outputDir = cups.outputDir;
  p = makePrintFloor({ printer: cups.uri });
}, 90_000);

afterAll(async () => {
  await p?.close();
});

/** The PDF cups-pdf wrote for a booklet (its title names the serial) since `since`. */
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
    // A unique serial range per run: cups-pdf's folder outlives the test.
    const base = 1_000_000 + (Date.now() % 8_000_000);
    const serial = (n: number) => `X${String(base + n).padStart(7, '0')}`;
    const range = receiveBooklets(p.ctx, p.operator, {
      passportType: 'elektronik',
      first: serial(0),
      last: serial(9),
    });
    confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });

    const application = p.interviewed(1, { fullName: "Ni Luh Putu Ma'ruf Sekar-Ayu Wulandari Kusumadewi" });
    const job = approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: serial(0) });
    const since = Date.now() - 1000;
    const printed = await printPassport(p.ctx, p.operator, { jobId: job.id });
    expect(printed, printed.message?.en).toMatchObject({ printed: true, job: { state: 'printed' } });

    const pdf = await landedPdf(serial(0), since);
    const lines = await readMrz(pdf);
    const expected = dataOf(p.ctx, printed.job, printed.job.updatedAt);
    expect(lines).toEqual(expected.mrz);
    const parsed = parseMrz(lines);
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toMatchObject({
      documentNumber: serial(0),
      issuingState: 'IDN',
      nationality: 'IDN',
      lastName: 'KUSUMADEWI',
      birthDate: application
        ? p.ctx.store.bookings.find(application.bookingCode)?.birthDate.replace(/-/g, '').slice(2)
        : '',
      sex: 'female',
    });
    // The name is long: cut to fit, ending on a letter.
    expect(expected.nameTruncated).toBe(true);

    // The document reader read a smudged first print as another passport: the booklet is spoiled.
    const smudged = dataOf(p.ctx, { ...printed.job, bookletSerial: serial(5) }, printed.job.updatedAt);
    const qc = checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: smudged.mrz.join('\n') });
    expect(qc.passed).toBe(false);
    signOffSpoil(p.ctx, p.supervisor, { serial: serial(0) });

    assignBooklet(p.ctx, p.operator, { jobId: job.id, text: serial(1) });
    const again = Date.now() - 1000;
    const reprint = await printPassport(p.ctx, p.operator, { jobId: job.id });
    expect(reprint.printed).toBe(true);
    const reread = await readMrz(await landedPdf(serial(1), again));
    expect(parseMrz(reread).fields.documentNumber).toBe(serial(1));
    expect(checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: reread.join('\n') })).toMatchObject(
      {
        passed: true,
        job: { state: 'ready' },
      },
    );

    const [electronic] = reconciliationOf(p.ctx, '2026-11-30').types;
    expect(electronic).toMatchObject({
      opening: 0,
      received: 10,
      used: 1,
      spoiled: 1,
      closing: 8,
      balances: true,
      usedSerials: [serial(1)],
      spoiledSerials: [{ serial: serial(0), signedOff: true }],
    });
  }, 120_000);
});
