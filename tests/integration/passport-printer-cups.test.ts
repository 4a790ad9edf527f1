import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPassportPrinter, type PassportPrinter } from '../../drivers/passport-printer/printer.ts';
import { ensureCupsPdf, waitForPdf } from '../support/cups.ts';
import { passportPagePdf } from '../support/passportPages.ts';

const run = promisify(execFile);

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('passport printing through the local CUPS (cups-pdf)', () => {
  let cups: { uri: string; outputDir: string };
  const opened: PassportPrinter[] = [];
  const open = (address: string) => {
    const printer = openPassportPrinter(address, {
      pollMs: 100,
      jobTimeoutMs: 30_000,
      requestTimeoutMs: 5000,
    });
    opened.push(printer);
    return printer;
  };

  beforeAll(async () => {
    cups = await ensureCupsPdf();
  });
  afterAll(async () => {
    await Promise.all(opened.map((printer) => printer.close()));
  });

  it('prints a data page: the job completes and the PDF with its text comes out of the queue', async () => {
    const printer = open(cups.uri);
    const since = Date.now();
    const pdf = await passportPagePdf('REPUBLIK INDONESIA\nSITI NURHALIZA X1234567');
    const outcome = await printer.print({ jobId: 'PJ-0001', title: 'Passport X1234567', pdf });
    expect(outcome).toMatchObject({ ok: true, printerJobId: expect.stringMatching(/^\d+$/) });
    const file = await waitForPdf(
      cups.outputDir,
      since,
      20_000,
      outcome.ok ? outcome.printerJobId : undefined,
    );
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    expect(stdout).toContain('SITI NURHALIZA X1234567');
  });

  it('the http:// form of the address reaches the same queue', async () => {
    const status = await open(cups.uri.replace(/^ipp:/, 'http:')).status();
    expect(['idle', 'busy']).toContain(status.state);
  });

  it('a queue that does not exist refuses the job untouched, with the printer’s reason', async () => {
    const printer = open('ipp://127.0.0.1:631/printers/NoSuchPassportPrinter');
    expect(await printer.status()).toEqual({
      state: 'error',
      reason: 'client-error-not-found: The printer or class does not exist.',
    });
    const outcome = await printer.print({ jobId: 'PJ-0002', title: 'x', pdf: await passportPagePdf('x') });
    expect(outcome).toEqual({
      ok: false,
      reason: 'error: client-error-not-found: The printer or class does not exist.',
      started: false,
    });
  });

  it('nothing listening on the port is offline, and the job is refused untouched', async () => {
    const printer = open(`ipp://127.0.0.1:${await closedPort()}/printers/LoketPDF`);
    expect(await printer.status()).toEqual({ state: 'offline', reason: 'connection refused' });
    expect(await printer.print({ jobId: 'PJ-0003', title: 'x', pdf: await passportPagePdf('x') })).toEqual({
      ok: false,
      reason: 'offline: connection refused',
      started: false,
    });
  });

  describe('a queue of its own, so pausing it disturbs no other test', () => {
    const queue = `LoketPDFTest${process.pid}`;
    beforeAll(async () => {
      await run('lpadmin', [
        '-p',
        queue,
        '-E',
        '-v',
        'cups-pdf:/',
        '-P',
        '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd',
      ]);
    });
    afterAll(async () => {
      await run('lpadmin', ['-x', queue]);
    });

    it('idle when nothing prints; paused when an operator disables it, and it refuses the job; idle again once enabled', async () => {
      const printer = open(`ipp://127.0.0.1:631/printers/${queue}`);
      expect(await printer.status()).toEqual({ state: 'idle' });

      await run('cupsdisable', ['-r', 'booklet drawer open', queue]);
      expect(await printer.status()).toEqual({ state: 'paused', reason: 'paused (booklet drawer open)' });
      const since = Date.now();
      const outcome = await printer.print({
        jobId: 'PJ-0004',
        title: 'paused',
        pdf: await passportPagePdf('x'),
      });
      expect(outcome).toEqual({ ok: false, reason: 'paused: paused (booklet drawer open)', started: false });

      await run('cupsenable', [queue]);
      expect(await printer.status()).toEqual({ state: 'idle' });
      const printed = await printer.print({
        jobId: 'PJ-0005',
        title: 'enabled',
        pdf: await passportPagePdf('AGAIN'),
      });
      expect(printed).toMatchObject({ ok: true });
      await waitForPdf(cups.outputDir, since, 20_000, printed.ok ? printed.printerJobId : undefined);
    });

    it('a queue rejecting jobs counts as paused', async () => {
      const printer = open(`ipp://127.0.0.1:631/printers/${queue}`);
      await run('cupsreject', [queue]);
      expect(await printer.status()).toEqual({ state: 'paused', reason: 'not accepting jobs' });
      await run('cupsaccept', [queue]);
      expect(await printer.status()).toEqual({ state: 'idle' });
    });
  });
});
