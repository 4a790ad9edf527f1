import { afterEach, describe, expect, it } from 'vitest';
import { cut, text, type PrintDocument } from '../../drivers/ticket-printer/document.ts';
import { loadLogo } from '../../drivers/ticket-printer/logo.ts';
import type { StatusCheckedPrinter } from '../../drivers/ticket-printer/printer.ts';
import { openSerialPrinter, type SerialPrinterOptions } from '../../drivers/ticket-printer/serial.ts';
import type { StreamPrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { ticketDocument } from '../../src-main/documents/ticketLayout.ts';
import {
  bytesOf,
  checkedInTicket,
  refusals,
  refusesThenPrintsOnceRepaired,
  slip,
} from '../support/printers.ts';
import { serialPrinterOnPty, type PtyPrinter } from '../support/ptyPrinter.ts';

/**
 * The kiosk's ticket printer on a serial cable: the real serialport binding opens one end of a
 * socat pseudo-terminal pair, and the simulated printer plays the other end.
 */
interface Rig {
  line: PtyPrinter;
  sim: StreamPrinterSimulator;
  printer: StatusCheckedPrinter;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(options: Partial<SerialPrinterOptions> = {}): Promise<Rig> {
  const line = await serialPrinterOnPty();
  cleanups.push(() => line.dispose());
  // A short answer timeout so a silent printer is noticed quickly.
  const printer = openSerialPrinter({ path: line.pair.host, answerTimeoutMs: 300, ...options });
  cleanups.push(() => printer.close());
  return { line, sim: line.simulator, printer };
}

describe('the kiosk printing on a serial ticket printer', () => {
  it('prints the ticket: number, window, QR, the cut, and initials with an accent', async () => {
    const { sim, printer } = await rig();
    const ticket = checkedInTicket('Élise Nurhaliza Siregar', (close) => cleanups.push(close));

    const outcome = await printer.print(bytesOf(ticketDocument(ticket)));
    expect(outcome).toMatchObject({ printed: true, before: { state: 'ready' }, after: { state: 'ready' } });

    const [job] = await sim.waitForJobs(1);
    const lines = job?.decoded.text ?? [];
    expect(lines).toContain(ticket.number);
    expect(lines).toContain(
      `Jadwal / Window ${ticket.window.number}: ${ticket.window.start}-${ticket.window.end}`,
    );
    expect(lines).toContain('Atas nama / For: É. N. S.');
    expect(job?.decoded.qr).toEqual([ticket.qr]);
    expect(job?.decoded.cut).toBe(true);
    expect(sim.jobs).toHaveLength(1); // the status queries around it are not part of the slip
  });

  it('carries names with accents through the code page, and the logo, at 115200 with RTS/CTS', async () => {
    const { sim, printer } = await rig({ baudRate: 115200, rtscts: true });
    const names = ['Zoë Siti Nurhaliza', 'René Hutapea', 'Siti Müller Daulay', 'Raphaël Simanjuntak'];
    const doc: PrintDocument = { blocks: [loadLogo(), ...names.map((name) => text(name)), cut()] };

    expect(await printer.print(bytesOf(doc))).toMatchObject({ printed: true });
    const [job] = await sim.waitForJobs(1);
    expect(job?.decoded.text).toEqual(names);
    expect(job?.decoded.images).toEqual([{ width: 384, height: 96 }]);
  });

  it('keeps two tickets printed back to back apart at the cut', async () => {
    const { sim, printer } = await rig();
    await printer.print(slip('A-001'));
    await printer.print(slip('A-002'));
    const jobs = await sim.waitForJobs(2);
    expect(jobs.map((job) => job.decoded.text)).toEqual([['A-001'], ['A-002']]);
  });

  it('still prints on a nearly empty roll, and reports the roll so staff can change it', async () => {
    const { sim, printer } = await rig();
    sim.set({ paper: 'near_end' });
    expect(await printer.print(slip('A-003'))).toMatchObject({
      printed: true,
      after: { state: 'ready', paperNearEnd: true },
    });
    await sim.waitForJobs(1);
  });

  it.each(refusals)('refuses before sending anything when %s', async (...refusal) => {
    const { sim, printer } = await rig();
    await refusesThenPrintsOnceRepaired(sim, printer, refusal);
  });

  it('treats a printer that does not answer as offline once the timeout passes, sending nothing', async () => {
    const { sim, printer } = await rig();
    sim.set({ answering: false });
    const started = performance.now();
    expect(await printer.print(slip('A-006'))).toMatchObject({
      printed: false,
      problem: 'offline',
      sent: false,
      before: { state: 'offline', answering: false, unreachable: 'no_answer' },
    });
    expect(performance.now() - started).toBeLessThan(2000);
    sim.set({ answering: true });
    expect(await printer.status()).toMatchObject({ state: 'ready' }); // no stale answers in the way
    await new Promise((resolve) => setTimeout(resolve, sim.idleMs * 2));
    expect(sim.jobs).toHaveLength(0);
  });

  it('says offline when the cable is pulled, and prints again once it is back in', async () => {
    const { line, sim, printer } = await rig();
    expect(await printer.print(slip('A-007'))).toMatchObject({ printed: true });
    await sim.waitForJobs(1);

    await line.unplug(); // the cable comes out: both ends disappear
    const gone = await printer.status();
    expect(gone).toMatchObject({ state: 'offline', answering: false });
    expect(['connection_lost', 'not_found']).toContain(gone.unreachable);
    expect(await printer.print(slip('A-008'))).toMatchObject({
      printed: false,
      problem: 'offline',
      sent: false,
      before: { unreachable: 'not_found' },
    });

    await line.plug(); // and goes back in, on the same path
    expect(await printer.print(slip('A-009'))).toMatchObject({ printed: true });
    const jobs = await sim.waitForJobs(2);
    expect(jobs.map((job) => job.decoded.text)).toEqual([['A-007'], ['A-009']]);
  });

  it('says not found for a port that is not there, without hanging', async () => {
    const printer = openSerialPrinter({ path: '/dev/ttyLOKET-none' });
    cleanups.push(() => printer.close());
    expect(await printer.status()).toMatchObject({ state: 'offline', unreachable: 'not_found' });
  });
});
