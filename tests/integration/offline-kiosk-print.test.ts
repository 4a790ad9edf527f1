import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import type { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import type { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { FaultProxy } from '../support/proxy.ts';
import { runtimeAt, until } from '../support/station.ts';

/**
 * A kiosk PC printing on its own printer while the hub is out of reach: the slip comes from its
 * replica, the print is recorded there (so the reprint limit holds) and reaches the hub after the
 * ticket it belongs to.
 */
let t: TestHub;
let proxy: FaultProxy;
let dir: string;
let store: Store;
let runtime: StationRuntime;

beforeEach(async () => {
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([sampleAppointment(1), sampleAppointment(2)]),
  });
  const token = t.pair('kiosk', 'Kios 1');
  proxy = await FaultProxy.start(t.hub.port);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-kiosk-'));
  ({ store, runtime } = runtimeAt(dir, proxy.url, token, t.clock));
  await runtime.start();
  await until('leased numbers', () => runtime.status().online && runtime.status().leasedLeft > 0);
});

afterEach(async () => {
  await runtime.stop();
  store.close();
  await proxy.close();
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const value = async (operation: string, input: unknown): Promise<any> => {
  const answer = await runtime.call(operation, input);
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return (answer as { value: unknown }).value;
};

it('prints a ticket issued offline from the replica, keeps the reprint count, and the hub gets the print after the ticket', async () => {
  proxy.set('drop');
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
  const third = await runtime.call('ticketSlip', { ticketId: ticket.id });
  expect(!third.ok && third.error.code).toBe('REPRINT_LIMIT');

  proxy.set('pass');
  await until('the outbox to drain', () => runtime.status().pending === 0);
  expect(runtime.status().refused).toBe(0);
  expect(t.hub.store.tickets.printsOf(ticket.id)).toEqual({ printed: 3, attempts: 3 });
  expect(t.hub.store.tickets.find(ticket.id)?.number).toBe('A2-501');
});
