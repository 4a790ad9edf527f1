import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import type { PrinterStatus, StatusCheckedPrinter } from '../../drivers/ticket-printer/printer.ts';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { openTcpPrinter, type TcpPrinterOptions } from '../../drivers/ticket-printer/tcp.ts';
import type { TicketView } from '../../src-main/api/views.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { ticketDocument } from '../../src-main/documents/ticketLayout.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor } from '../support/floor.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(): Promise<PrinterSimulator> {
  const sim = await PrinterSimulator.start();
  cleanups.push(() => sim.stop());
  return sim;
}

/** The kiosk's printer client, with short timeouts so a dead printer is noticed quickly. */
function printerAt(port: number, options: Partial<TcpPrinterOptions> = {}): StatusCheckedPrinter {
  const printer = openTcpPrinter({
    host: '127.0.0.1',
    port,
    answerTimeoutMs: 300,
    connectTimeoutMs: 1000,
    ...options,
  });
  cleanups.push(() => printer.close());
  return printer;
}

function checkedInTicket(): TicketView {
  const floor = makeFloor({ now: at('2026-11-30', '09:15') });
  cleanups.push(() => floor.close());
  floor.load([sampleAppointment(7)]);
  return checkIn(floor.ctx, floor.kiosk, { text: 'MPDPS-00007' });
}

const ticketBytes = (ticket: TicketView) => encodeEscPos(ticketDocument(ticket), { columns: 48 });

describe('the kiosk printing a ticket on a network printer', () => {
  it('prints the number, the window and the expected call time, with the ticket QR', async () => {
    const sim = await simulator();
    const printer = printerAt(sim.port);
    const ticket = checkedInTicket();

    const outcome = await printer.print(ticketBytes(ticket));
    expect(outcome).toMatchObject({ printed: true });

    const [job] = await sim.waitForJobs(1);
    const lines = job?.decoded.text ?? [];
    expect(lines).toContain(ticket.number);
    expect(lines).toContain(
      `Jadwal / Window ${ticket.window.number}: ${ticket.window.start}-${ticket.window.end}`,
    );
    expect(lines).toContain(ticket.expectedCallAt);
    expect(job?.decoded.qr).toEqual([ticket.qr]);
    expect(job?.decoded.cut).toBe(true);
  });

  it('refuses to print when the paper is out, sending nothing, and says so in both languages', async () => {
    const sim = await simulator();
    sim.set({ paper: 'out' });
    const printer = printerAt(sim.port);

    const outcome = await printer.print(ticketBytes(checkedInTicket()));
    expect(outcome).toMatchObject({
      printed: false,
      problem: 'paper_out',
      sent: false,
      message: { id: 'Kertas printer habis.', en: 'The printer is out of paper.' },
    });
    // A later successful job is the first one the printer ever received.
    sim.repair();
    await printer.print(encodeEscPos({ blocks: [{ kind: 'text', text: 'after repair' }] }, { columns: 48 }));
    const jobs = await sim.waitForJobs(1);
    expect(jobs.map((job) => job.decoded.text)).toEqual([['after repair']]);
  });

  it('refuses to print with the cover open', async () => {
    const sim = await simulator();
    sim.set({ coverOpen: true });
    const outcome = await printerAt(sim.port).print(ticketBytes(checkedInTicket()));
    expect(outcome).toMatchObject({ printed: false, problem: 'cover_open', sent: false });
    expect(sim.jobs).toHaveLength(0);
  });

  it('still prints on a nearly empty roll, and reports the roll so staff can change it', async () => {
    const sim = await simulator();
    sim.set({ paper: 'near_end' });
    const outcome = await printerAt(sim.port).print(ticketBytes(checkedInTicket()));
    expect(outcome).toMatchObject({ printed: true, after: { state: 'ready', paperNearEnd: true } });
    await sim.waitForJobs(1);
  });

  it('treats a printer that stops answering as offline once the timeout passes, without hanging', async () => {
    const sim = await simulator();
    sim.set({ answering: false });
    const printer = printerAt(sim.port);

    expect(await printer.status()).toMatchObject({
      state: 'offline',
      answering: false,
      unreachable: 'no_answer',
    });
    const outcome = await printer.print(ticketBytes(checkedInTicket()));
    expect(outcome).toMatchObject({ printed: false, problem: 'offline', sent: false });
    expect(sim.jobs).toHaveLength(0);
  });

  it('treats a printer that refuses the connection as offline', async () => {
    const sim = await PrinterSimulator.start();
    const port = sim.port;
    await sim.stop();
    const printer = printerAt(port);

    expect(await printer.status()).toMatchObject({ state: 'offline', unreachable: 'refused' });
    expect(await printer.print(ticketBytes(checkedInTicket()))).toMatchObject({
      printed: false,
      problem: 'offline',
      message: { en: 'The printer is not responding.' },
    });
  });

  it('treats a misconfigured printer address as offline instead of crashing', async () => {
    const printer = printerAt(70_000);
    expect(await printer.status()).toMatchObject({ state: 'offline', answering: false });
  });

  it('reports an offline printer that still answers, and a cutter error', async () => {
    const sim = await simulator();
    const printer = printerAt(sim.port);
    sim.set({ offline: true });
    expect(await printer.status()).toMatchObject({ state: 'offline', answering: true, unreachable: null });
    sim.set({ offline: false, error: 'autocutter' });
    expect(await printer.print(ticketBytes(checkedInTicket()))).toMatchObject({
      printed: false,
      problem: 'error',
    });
  });

  it('announces each change of status, and only changes', async () => {
    const sim = await simulator();
    const printer = printerAt(sim.port);
    const seen: Array<[PrinterStatus['state'], PrinterStatus['state'] | null]> = [];
    printer.on('status', (status, previous) => seen.push([status.state, previous?.state ?? null]));

    await printer.status();
    await printer.status();
    sim.set({ paper: 'out' });
    await printer.status();
    sim.set({ paper: 'ok', coverOpen: true });
    await printer.status();
    sim.repair();
    await printer.status();

    expect(seen).toEqual([
      ['ready', null],
      ['paper_out', 'ready'],
      ['cover_open', 'paper_out'],
      ['ready', 'cover_open'],
    ]);
  });

  it('notices a paper-out by itself while watching', async () => {
    const sim = await simulator();
    const printer = printerAt(sim.port);
    await printer.status();
    const paperOut = new Promise<PrinterStatus>((resolve) =>
      printer.on('status', (status) => status.paperOut && resolve(status)),
    );
    printer.watch(20);
    sim.set({ paper: 'out' });
    expect(await paperOut).toMatchObject({ state: 'paper_out' });
  });

  it('the fake printer answers a status query split across packets, as a real one does', async () => {
    const sim = await simulator();
    sim.set({ paper: 'out' });
    const socket = net.connect({ host: '127.0.0.1', port: sim.port });
    cleanups.push(() => void socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    const answer = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.write(Uint8Array.of(0x10));
    await new Promise((resolve) => setImmediate(resolve));
    socket.write(Uint8Array.of(0x04, 0x04));
    expect([...(await answer)]).toEqual([0x7e]); // near end and end bits: the roll is out
  });
});
