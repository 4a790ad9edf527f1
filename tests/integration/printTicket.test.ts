import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { printTicket } from '../../src-main/services/printTicket.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { DeviceRegistry } from '../../src-main/devices/registry.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { serialPrinterOnPty } from '../support/ptyPrinter.ts';
import { loadLogo } from '../../drivers/ticket-printer/logo.ts';
import { makeFloor, type TestFloor } from '../support/floor.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A floor with one kiosk whose ticket printer is a simulator on loopback. */
async function kioskWithPrinter(): Promise<{
  floor: TestFloor;
  sim: PrinterSimulator;
  kiosk: { stationId: string; actor: string; mode: string };
}> {
  const floor = makeFloor();
  const sim = await PrinterSimulator.start();
  const devices = new DeviceRegistry(() => floor.store.stations.devices(), {
    stateChanged: () => undefined,
    scanned: () => undefined,
    invalid: (stationId, problem) => {
      throw new Error(`${stationId}: ${problem}`);
    },
  });
  floor.ctx.devices = devices;
  cleanups.push(
    () => floor.close(),
    () => sim.stop(),
    () => devices.close(),
  );
  floor.load([sampleAppointment(1), sampleAppointment(2)]);
  const { station } = addStation(floor.ctx, commandLine, { name: 'Kiosk 1', mode: 'kiosk' });
  floor.store.stations.setTicketPrinter(station.id, { transport: 'tcp', host: '127.0.0.1', port: sim.port });
  return { floor, sim, kiosk: { stationId: station.id, actor: station.id, mode: 'kiosk' } };
}

describe('printing a ticket at the kiosk', () => {
  it('prints once, then reprints twice on repeated scans, then sends the citizen to the help desk', async () => {
    const { floor, sim, kiosk } = await kioskWithPrinter();
    const ticket = checkIn(floor.ctx, kiosk, { text: 'MPDPS-00001' });
    for (const reprint of [0, 1, 2]) {
      const result = await printTicket(floor.ctx, kiosk, { ticketId: ticket.id });
      expect(result).toMatchObject({ printed: true, reprint, number: 'A2-001' });
    }
    expect(sim.jobs.map((job) => job.decoded.text.some((line) => line.includes('REPRINT')))).toEqual([
      false,
      true,
      true,
    ]);
    await expect(printTicket(floor.ctx, kiosk, { ticketId: ticket.id })).rejects.toMatchObject({
      code: 'REPRINT_LIMIT',
    });
    expect(sim.jobs).toHaveLength(3);
    // The supervisor may still reprint.
    const byHelpDesk = await printTicket(
      floor.ctx,
      { ...kiosk, mode: 'supervisor' },
      { ticketId: ticket.id },
    );
    expect(byHelpDesk).toMatchObject({ printed: true, reprint: 3 });
    const logged = floor.store.events.readAfter(0, 1000).filter((e) => e.type === 'ticket.printed');
    expect(logged.map((e) => (e.payload as { reprint: number }).reprint)).toEqual([0, 1, 2, 3]);
  });

  it('reports a printer that has gone away as offline, records the attempt, and a later print is still the first', async () => {
    const { floor, sim, kiosk } = await kioskWithPrinter();
    const ticket = checkIn(floor.ctx, kiosk, { text: 'MPDPS-00002' });
    await sim.stop();
    const result = await printTicket(floor.ctx, kiosk, { ticketId: ticket.id });
    expect(result).toMatchObject({ printed: false, problem: 'offline', reprint: 0 });
    expect(result.message?.id).toContain('Printer');
    expect(floor.store.tickets.printsOf(ticket.id)).toEqual({ printed: 0, attempts: 1 });
    expect(floor.store.events.readAfter(0, 1000).at(-1)?.type).toBe('ticket.printFailed');
  });

  it('says plainly when the kiosk has no printer configured', async () => {
    const { floor } = await kioskWithPrinter();
    const { station } = addStation(floor.ctx, commandLine, { name: 'Kiosk 2', mode: 'kiosk' });
    const caller = { stationId: station.id, actor: station.id, mode: 'kiosk' };
    const ticket = checkIn(floor.ctx, caller, { text: 'MPDPS-00001' });
    expect(await printTicket(floor.ctx, caller, { ticketId: ticket.id })).toMatchObject({
      printed: false,
      problem: 'no_printer',
    });
  });

  it('heads the ticket with the logo, except on a serial printer set to leave it off', async () => {
    const { floor } = await kioskWithPrinter();
    floor.ctx.ticketLogo = loadLogo();
    const line = await serialPrinterOnPty();
    cleanups.push(() => line.dispose());
    const { station } = addStation(floor.ctx, commandLine, { name: 'Kiosk 3', mode: 'kiosk' });
    const caller = { stationId: station.id, actor: station.id, mode: 'kiosk' };
    floor.store.stations.setTicketPrinter(station.id, { transport: 'serial', path: line.pair.host });
    const ticket = checkIn(floor.ctx, caller, { text: 'MPDPS-00001' });
    expect(await printTicket(floor.ctx, caller, { ticketId: ticket.id })).toMatchObject({ printed: true });
    floor.store.stations.setTicketPrinter(station.id, {
      transport: 'serial',
      path: line.pair.host,
      logo: false,
    });
    await floor.ctx.devices?.sync(); // as the hub's look at the configuration every two seconds does
    expect(await printTicket(floor.ctx, caller, { ticketId: ticket.id })).toMatchObject({ printed: true });
    const [withLogo, without] = await line.simulator.waitForJobs(2);
    expect(withLogo?.decoded.images).toEqual([{ width: 384, height: 96 }]);
    expect(without?.decoded.images).toEqual([]);
    expect(without?.decoded.text.join('\n')).toContain('A2-001');
  });
});
