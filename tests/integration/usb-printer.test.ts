import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/ticket-printer/decode.ts';
import { cut, text } from '../../drivers/ticket-printer/document.ts';
import {
  openDeviceFilePrinter,
  type DeviceFilePrinterOptions,
} from '../../drivers/ticket-printer/deviceFile.ts';
import { loadLogo } from '../../drivers/ticket-printer/logo.ts';
import type { StatusCheckedPrinter } from '../../drivers/ticket-printer/printer.ts';
import { ticketDocument } from '../../src-main/documents/ticketLayout.ts';
import {
  bytesOf,
  checkedInTicket,
  refusals,
  refusesThenPrintsOnceRepaired,
  slip,
} from '../support/printers.ts';
import { serialPrinterOnPty } from '../support/ptyPrinter.ts';

/**
 * The kiosk's ticket printer on a USB printer-class device file (/dev/usb/lp0). Stand-ins: a FIFO
 * for a printer that only takes bytes, and the host end of a socat pseudo-terminal pair, opened as
 * a plain device file, for one that answers DLE EOT through the same file (the simulated printer
 * plays the other end).
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function printerAt(options: DeviceFilePrinterOptions): StatusCheckedPrinter {
  const printer = openDeviceFilePrinter({ answerTimeoutMs: 300, ...options });
  cleanups.push(() => printer.close());
  return printer;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-lp-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A FIFO standing in for the device file, and the printer's end of it: what the driver wrote. */
function fifo(): { path: string; takeAll(): Buffer } {
  const file = path.join(tempDir(), 'lp0');
  execFileSync('mkfifo', [file]);
  const reader = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  cleanups.push(() => fs.closeSync(reader));
  return {
    path: file,
    takeAll() {
      const chunks: Buffer[] = [];
      const buffer = Buffer.alloc(65536);
      for (;;) {
        try {
          const count = fs.readSync(reader, buffer);
          if (count === 0) break;
          chunks.push(Buffer.from(buffer.subarray(0, count)));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break;
          throw error;
        }
      }
      return Buffer.concat(chunks);
    },
  };
}

describe('a USB printer whose device file gives no status back', () => {
  it('gets the ticket, logo and all, byte for byte and in order', async () => {
    const lp = fifo();
    const printer = printerAt({ path: lp.path, status: 'none' });
    const ticket = checkedInTicket('Siti Nurhaliza Çakra', (close) => cleanups.push(close));
    const first = bytesOf({ blocks: [loadLogo(), ...ticketDocument(ticket).blocks] });
    const second = slip('A-002');

    expect(await printer.print(first)).toMatchObject({
      printed: true,
      bytesSent: first.length,
      before: { state: 'ready', answering: false, unreachable: null },
    });
    expect(await printer.print(second)).toMatchObject({ printed: true });

    const received = lp.takeAll();
    expect(received.equals(Buffer.concat([first, second]))).toBe(true);
    const decoded = decodeEscPos(received.subarray(0, first.length));
    expect(decoded.images).toEqual([{ width: 384, height: 96 }]);
    expect(decoded.text).toContain(ticket.number);
    expect(decoded.text).toContain('Atas nama / For: S. N. Ç.');
    expect(decoded.qr).toEqual([ticket.qr]);
    expect(decoded.cut).toBe(true);
  });

  it('is offline, not found, when the device file is missing (unplugged or switched off)', async () => {
    const printer = printerAt({ path: path.join(tempDir(), 'lp0'), status: 'none' });
    expect(await printer.status()).toMatchObject({ state: 'offline', unreachable: 'not_found' });
    expect(await printer.print(slip('A-003'))).toMatchObject({
      printed: false,
      problem: 'offline',
      sent: false,
    });
  });

  it('gives up on a printer that stops taking data, once the write timeout passes', async () => {
    const lp = fifo(); // nobody empties it: full after 64 KiB, like a printer that stopped reading
    const printer = printerAt({ path: lp.path, status: 'none', writeTimeoutMs: 200 });
    const huge = slip(...Array.from({ length: 2000 }, (_, i) => `line ${i} `.padEnd(40, '.')));
    const started = performance.now();
    expect(await printer.print(huge)).toMatchObject({ printed: false, problem: 'write_failed', sent: true });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('a USB printer that answers DLE EOT through its device file', () => {
  async function rig() {
    const line = await serialPrinterOnPty(); // socat makes both ends raw: bytes pass as they are
    cleanups.push(() => line.dispose());
    return { line, sim: line.simulator, printer: printerAt({ path: line.pair.host }) };
  }

  it('prints when ready, asking before and after, every byte as sent', async () => {
    const { sim, printer } = await rig();
    const sent = bytesOf({ blocks: [loadLogo(), text('A-010'), text('René Hutapea'), cut()] });
    expect(await printer.print(sent)).toMatchObject({
      printed: true,
      before: { state: 'ready', answering: true },
      after: { state: 'ready' },
    });
    const [job] = await sim.waitForJobs(1);
    expect(Buffer.from(job?.bytes ?? []).equals(Buffer.from(sent))).toBe(true);
    expect(job?.decoded).toMatchObject({
      text: ['A-010', 'René Hutapea'],
      images: [{ width: 384, height: 96 }],
    });
    expect(sim.statusQueriesAnswered).toBe(8); // four before, four after
  });

  it('still prints on a nearly empty roll, and reports the roll', async () => {
    const { sim, printer } = await rig();
    sim.set({ paper: 'near_end' });
    expect(await printer.print(slip('A-011'))).toMatchObject({
      printed: true,
      after: { state: 'ready', paperNearEnd: true },
    });
  });

  it.each(refusals)('refuses before sending anything when %s', async (...refusal) => {
    const { sim, printer } = await rig();
    await refusesThenPrintsOnceRepaired(sim, printer, refusal);
  });

  it('treats a printer that does not answer as offline once the timeout passes', async () => {
    const { sim, printer } = await rig();
    sim.set({ answering: false });
    const started = performance.now();
    expect(await printer.status()).toMatchObject({
      state: 'offline',
      answering: false,
      unreachable: 'no_answer',
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await printer.print(slip('A-014'))).toMatchObject({
      printed: false,
      problem: 'offline',
      sent: false,
    });
  });

  it('says not found when the device goes away between tickets, and prints once it is back', async () => {
    const { line, sim, printer } = await rig();
    expect(await printer.print(slip('A-015'))).toMatchObject({ printed: true });

    await line.unplug(); // the device file disappears
    expect(await printer.status()).toMatchObject({ state: 'offline', unreachable: 'not_found' });
    expect(await printer.print(slip('A-016'))).toMatchObject({
      printed: false,
      problem: 'offline',
      sent: false,
    });

    await line.plug();
    expect(await printer.print(slip('A-017'))).toMatchObject({ printed: true });
    expect((await sim.waitForJobs(2)).map((job) => job.decoded.text)).toEqual([['A-015'], ['A-017']]);
  });
});
