import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { answered, stationPc, until, type StationPc } from '../support/station.ts';

/**
 * A kiosk PC printing on its own printer while the hub is out of reach: the slip comes from its
 * replica, the print is recorded there (so the reprint limit holds) and reaches the hub after the
 * ticket it belongs to.
 */
let t: TestHub;
let pc: StationPc;

beforeEach(async () => {
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([sampleAppointment(1), sampleAppointment(2)]),
  });
  pc = await stationPc(t.hub.port, t.pair('kiosk', 'Kios 1'), t.clock);
  await pc.runtime.start();
  await until('leased numbers', () => pc.runtime.status().online && pc.runtime.status().leasedLeft > 0);
});

afterEach(async () => {
  await pc.close();
  await t.close();
});

const value = (operation: string, input: unknown) => answered(pc.runtime, operation, input);

it('prints a ticket issued offline from the replica, keeps the reprint count, and the hub gets the print after the ticket', async () => {
  pc.proxy.set('drop');
  const ticket = await value('checkIn', { text: sampleAppointment(1).bookingCode });
  expect(ticket).toMatchObject({ number: 'A2-501', issuedOffline: true });

  const slip = await value('ticketSlip', { ticketId: ticket.id });
  expect(slip).toMatchObject({ ticket: { number: 'A2-501', issuedOffline: true }, reprint: 0 });
  expect(await value('recordTicketPrint', { ticketId: ticket.id, reprint: 0, problem: null })).toMatchObject({
    printed: true,
  });
  // Two reprints at the kiosk, then the help desk: the limit holds without the hub.
  for (const reprint of [1, 2]) {
    expect((await value('ticketSlip', { ticketId: ticket.id })).reprint).toBe(reprint);
    await value('recordTicketPrint', { ticketId: ticket.id, reprint, problem: null });
  }
  const third = await pc.runtime.call('ticketSlip', { ticketId: ticket.id });
  expect(!third.ok && third.error.code).toBe('REPRINT_LIMIT');

  pc.proxy.set('pass');
  await until('the outbox to drain', () => pc.runtime.status().pending === 0);
  expect(pc.runtime.status().refused).toBe(0);
  expect(t.hub.store.tickets.printsOf(ticket.id)).toEqual({ printed: 3, attempts: 3 });
  expect(t.hub.store.tickets.find(ticket.id)?.number).toBe('A2-501');
});
